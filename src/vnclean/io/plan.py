"""
What a `vnclean clean` run will do, worked out from its options: where the cleaned
text goes, which stages run, and the contradictions among the options, listed as a
table of rules checked in order. A contradiction is a usage error (exit 2).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

import click

from vnclean.errors import VncleanError
from vnclean.io.user_files import shape_problem
from vnclean.io.walk import folder_name as _folder_name
from vnclean.model import Config

if TYPE_CHECKING:
    from vnclean.profile import Profile

STDIN = "-"


@dataclass(frozen=True)
class Plan:
    """What a `clean` run will do, checked for contradictions."""

    paths: tuple[str, ...]
    config: Config
    explain: bool
    destination: str  # "stdout", "output", "in-place" or "none" (--check, --diff)
    output: str | None
    backup: str | None
    check: bool
    diff: bool
    glob: tuple[str, ...]
    exclude: tuple[str, ...]  # --exclude patterns
    name_folders: bool  # several inputs into -o: each folder under its own name
    follow_links: bool
    output_format: str
    records: bool  # --input-format jsonl
    field: str
    jobs: int
    max_bytes: int  # --max-size
    quiet: bool
    verbose: bool
    color: bool | None  # --color, --no-color, or None: on a terminal
    files_from: str | None
    # Learn each site's recurring lines before cleaning it (not --no-learn, and
    # neither --profile nor --no-strip): a folder's, or with --site-field those of
    # the records of each site of the JSON lines.
    learn: bool = False
    site_field: str | None = None  # --site-field
    # The profile of each site, read from a --profile file that `learn --site-field`
    # wrote: a record is cleaned with its --site-field site's.
    profiles: Mapping[str, Profile] | None = None


@dataclass(frozen=True)
class Rule:
    """Options that contradict each other: when `holds`, the run stops with `message`."""

    holds: Callable[[Any], bool]
    message: str  # formatted with the options
    option: str | None = None  # the one option at fault, when there is one


# In order: the first that holds is the one reported. The options are those of
# `clean`, with `paths` defaulted to stdin and the derived names of `given`.
RULES: list[Rule] = [
    Rule(
        lambda o: o.quiet and o.verbose, "--quiet and --verbose contradict each other."
    ),
    Rule(
        lambda o: o.field_given and not o.records,
        "--field applies only with --input-format jsonl.",
    ),
    Rule(
        lambda o: o.site_field is not None and not o.records,
        "--site-field applies only with --input-format jsonl: a folder is its site.",
    ),
    Rule(
        lambda o: o.files_from == STDIN and STDIN in o.paths,
        "--files-from - reads the list from stdin, which cannot be an input too.",
    ),
    Rule(
        lambda o: o.no_path and stdin_is_terminal(),
        "No PATH given and stdin is a terminal: give a PATH, or pipe text in.",
    ),
    Rule(
        lambda o: STDIN in o.paths and len(o.paths) > 1,
        "- (stdin) cannot be mixed with other paths.",
    ),
    Rule(
        lambda o: o.in_place and o.output,
        "--in-place and -o contradict each other: choose one.",
    ),
    Rule(
        lambda o: o.writes_nothing and (o.output or o.in_place),
        "--check and --diff write nothing: drop -o and --in-place.",
    ),
    Rule(
        lambda o: o.diff and o.output_format != "text",
        "--diff prints a diff, not cleaned text: drop --format {output_format}.",
    ),
    Rule(
        lambda o: o.backup is not None and not o.in_place,
        "--backup only applies with --in-place.",
    ),
    Rule(lambda o: o.backup == "", "the suffix must not be empty.", "--backup"),
    Rule(
        lambda o: o.stdin and o.in_place,
        "--in-place cannot rewrite stdin: drop - or --in-place.",
    ),
    Rule(
        lambda o: o.stdin and o.output,
        "-o mirrors input files; stdin goes to stdout: drop -o.",
    ),
    Rule(
        lambda o: o.records and o.output_format == "json",
        "JSON-lines input writes JSON lines: use --format jsonl.",
    ),
    Rule(
        lambda o: o.output_format != "text" and o.in_place,
        "--format {output_format} cannot rewrite inputs in place.",
    ),
    Rule(
        lambda o: o.output_format == "jsonl" and o.output and not o.records,
        "--format jsonl writes one stream to stdout: drop -o.",
    ),
    # Several inputs can share stdout only as one JSON-lines stream.
    Rule(
        lambda o: o.to_stdout and not o.streams and o.folder,
        "{folder} is a folder: give -o DIR, --in-place, --check or --diff.",
    ),
    Rule(
        lambda o: o.to_stdout and not o.streams and o.distinct_paths > 1,
        "Several inputs: give -o DIR, --in-place, --check or --diff.",
    ),
    Rule(
        lambda o: o.output and os.path.exists(o.output) and not os.path.isdir(o.output),
        "{output} exists and is not a folder.",
        "-o",
    ),
    Rule(
        lambda o: o.output and o.folder_is_output,
        "-o {output} is the input folder: use --in-place.",
    ),
    Rule(
        lambda o: o.output and o.name_folders and o.twin_folders,
        "two input folders are named {twin_folders}: each goes under its name in -o,"
        " so they would mix; clean them one at a time, each with its own -o.",
    ),
    Rule(
        lambda o: o.output and _unwritable(o),
        "cannot write in {output}: {output_problem}.",
        "-o",
    ),
]


def _unwritable(o: SimpleNamespace) -> bool:
    # Tried once before any work, so that a bad -o costs one line, not one a file.
    try:
        os.makedirs(o.output, exist_ok=True)
        import tempfile

        fd, probe = tempfile.mkstemp(prefix=".vnclean-probe-", dir=o.output)
        os.close(fd)
        os.unlink(probe)
    except OSError as error:
        o.output_problem = error.strerror or str(error)
        return True
    return False


def listed_paths(files_from: str | None) -> tuple[str, ...]:
    """The paths listed one a line in `files_from` (- for stdin); blank lines skipped."""
    if files_from is None:
        return ()
    try:
        if files_from == STDIN:
            data = sys.stdin.buffer.read()
        else:
            with open(files_from, "rb") as file:
                data = file.read()
    except OSError as error:
        problem = f"cannot read {files_from}: {error.strerror or error}"
        raise click.BadParameter(problem, param_hint="--files-from") from None
    lines = data.decode("utf-8", "surrogateescape").splitlines()
    return tuple(line for line in lines if line.strip())


def given(options: dict[str, Any]) -> SimpleNamespace:
    """The options of `clean`, and what the rules ask of them beyond their values."""
    o = SimpleNamespace(**options)
    o.paths = tuple(o.paths) + listed_paths(o.files_from)
    o.no_path = not o.paths and o.files_from is None
    o.paths = (STDIN,) if o.no_path else o.paths
    o.stdin = o.paths == (STDIN,)
    o.records = o.input_format == "jsonl"
    o.writes_nothing = o.check or o.diff
    o.to_stdout = not (o.writes_nothing or o.in_place or o.output)
    o.streams = o.records or o.output_format == "jsonl"
    folders = [path for path in o.paths if os.path.isdir(path)]
    o.folder = folders[0] if folders else None
    o.folder_is_output = bool(o.output) and any(
        os.path.realpath(path) == os.path.realpath(o.output) for path in folders
    )
    # A file named twice (`f.txt ./f.txt`) is one input, read once.
    o.distinct_paths = len(dict.fromkeys(map(os.path.realpath, o.paths)))
    o.name_folders = o.distinct_paths > 1
    names = [
        _folder_name(path) for path in dict.fromkeys(map(os.path.realpath, folders))
    ]
    o.twin_folders = next((n for n in names if names.count(n) > 1), None)
    return o


def make_plan(**options: Any) -> Plan:
    """The plan of a `clean` run from its options; a usage error if they contradict."""
    o = given(options)
    for rule in RULES:
        if rule.holds(o):
            message = rule.message.format(**vars(o))
            if rule.option:
                raise click.BadParameter(message, param_hint=rule.option)
            raise click.UsageError(message)
    if o.writes_nothing:
        destination = "none"
    elif o.in_place:
        destination = "in-place"
    else:
        destination = "output" if o.output else "stdout"
    # A file of several sites' profiles serves the records by their --site-field.
    sites = None
    if o.profile is not None and o.site_field is not None:
        from vnclean import profile

        if profile.file_format(o.profile) == profile.SITE_PROFILES:
            sites = load("SiteProfiles", o.profile, "--profile").sites
    config = Config(
        repair=not o.no_repair,
        normalize=not o.no_normalize,
        strip=not o.no_strip,
        tone_style=o.tone_style,
        skip=frozenset(o.skip),
        rules=load("Rules", o.rules, "--rules"),
        profile=None if sites else load("Profile", o.profile, "--profile"),
    )
    return Plan(
        paths=o.paths,
        config=config,
        # Working out the changes costs several times the cleaning, so it is done
        # only when something shows them: -v, the diff or the JSON output.
        explain=o.verbose or o.diff or o.output_format != "text",
        destination=destination,
        output=o.output,
        backup=o.backup,
        check=o.check,
        diff=o.diff,
        glob=o.glob or (("*.jsonl",) if o.records else ("*.txt",)),
        exclude=o.exclude,
        name_folders=o.name_folders,
        follow_links=o.follow_links,
        output_format=o.output_format,
        records=o.records,
        field=o.field,
        jobs=o.jobs or os.cpu_count() or 1,
        max_bytes=o.max_size * 1_000_000,
        quiet=o.quiet,
        verbose=o.verbose,
        color=o.color,
        files_from=o.files_from,
        learn=not (o.no_learn or o.profile or o.no_strip)
        and (not o.records or o.site_field is not None),
        site_field=o.site_field,
        profiles=sites,
    )


def stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


def _loader(name: str) -> Any:
    """`Rules` of the strip stage, or `Profile` or `SiteProfiles` of vnclean.profile."""
    # Looked up when used, so that a replaced class (in tests) is the one used.
    from vnclean import profile, strip

    return strip.Rules if name == "Rules" else getattr(profile, name)


def load(name: str, path: str | None, option: str) -> Any:
    if path is None:
        return None
    loader = _loader(name)
    shape = shape_problem(path, option)
    try:
        if shape is None:
            return loader.load(path)
        problem = f"{path}: {shape}"
    except OSError as error:
        problem = f"{path}: {error.strerror or error}"
    except (ValueError, VncleanError) as error:
        # The loaders' messages name the file already.
        problem = str(error) if str(error).startswith(path) else f"{path}: {error}"
    except (KeyError, TypeError, AttributeError) as error:
        problem = f"{path}: not valid for {option} ({type(error).__name__}: {error})"
    raise click.BadParameter(f"cannot load {problem}", param_hint=option)
