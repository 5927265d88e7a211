"""
The `vnclean` command: options in, library calls, a report out. No text logic here:
`io` finds, decodes and writes inputs, the library cleans them, `report` counts.

Cleaning runs in worker processes (`--jobs`); the functions they run are the
module-level `_clean_*` functions, and the parent writes every output in input order.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from collections.abc import Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import IO, Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

import vnclean
from vnclean import io
from vnclean.errors import InputError, RecordError, VncleanError
from vnclean.model import TONE_STYLES, Config, Result
from vnclean.pipeline import run, step_names
from vnclean.report import EXIT_FAILED, EXIT_OK, Report, counted, diff_lines

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 88}
# JSON-lines records go to the workers in batches of this many, or fewer once they
# hold BATCH_BYTES: batches of about 0.2 s of work, so the last one leaves the other
# workers idle briefly, even on a 10 MB corpus.
RECORDS_PER_BATCH = 256
BATCH_BYTES = 256 * 1024
STDIN = "-"
# Exit status when stdout's reader goes away, as for a process killed by SIGPIPE.
EXIT_BROKEN_PIPE = 128 + 13

# Options both commands take.
FOLLOW_LINKS = click.option(
    "--follow-links",
    is_flag=True,
    help="Follow symbolic links in folders (not loops, not links out of the folder).",
)
QUIET = click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
INPUT_FORMAT = click.option(
    "--input-format",
    type=click.Choice(["text", "jsonl"]),
    default="text",
    show_default=True,
    help="Read text files, or JSON lines whose --field is taken record by record.",
)
JOBS = click.option(
    "-j",
    "--jobs",
    type=int,
    callback=lambda ctx, param, n: _positive(n, param),
    metavar="N",
    help="Worker processes for folders and JSON lines.  [default: all cores]",
)
FIELD = click.option(
    "--field",
    default="text",
    show_default=True,
    metavar="NAME",
    help="With --input-format jsonl, the field holding the text.",
)


def _binary(stream: IO[str]) -> IO[bytes]:
    """The byte stream under a text stream (click 8.5 deprecates get_binary_stream)."""
    return getattr(stream, "buffer", stream)  # type: ignore[return-value]


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(vnclean.__version__, prog_name="vnclean")
def main() -> None:
    """Clean scraped Vietnamese web text: repair encodings, normalize diacritics and
    strip site boilerplate, saying what changed and why."""


@main.command(
    context_settings=CONTEXT_SETTINGS, short_help="Clean files, folders or stdin."
)
@click.argument("paths", nargs=-1, metavar="[PATH]...")
@click.option(
    "-o",
    "--output",
    metavar="DIR",
    help="Write the cleaned files under DIR, mirroring the input folders.",
)
@click.option(
    "--in-place",
    is_flag=True,
    help="Rewrite the inputs that change, atomically (temporary file, then rename).",
)
@click.option(
    "--backup",
    metavar="SUFFIX",
    help="With --in-place, keep each original beside it as PATH+SUFFIX (e.g. .bak).",
)
@click.option(
    "--check",
    is_flag=True,
    help="Write nothing; exit 1 if any input would change.",
)
@click.option(
    "--diff",
    is_flag=True,
    help="Write nothing; print a unified diff with the reason for each change.",
)
@click.option(
    "--glob",
    metavar="PATTERN",
    help="Which files to take from folders.  [default: *.txt, or *.jsonl with"
    " --input-format jsonl]",
)
@FOLLOW_LINKS
@click.option("--no-repair", is_flag=True, help="Do not repair broken encodings.")
@click.option(
    "--no-normalize", is_flag=True, help="Do not normalize diacritics and spaces."
)
@click.option(
    "--no-strip", is_flag=True, help="Do not strip boilerplate or lay out paragraphs."
)
@click.option(
    "--tone-style",
    type=click.Choice(TONE_STYLES),
    default="old",
    show_default=True,
    help="Where tone marks go: old (hòa, thủy), new (hoà, thuỷ) or keep as written.",
)
@click.option(
    "--skip",
    metavar="STEP",
    multiple=True,
    type=click.Choice(step_names()),
    help=f"Skip one step by name; repeatable. Steps: {', '.join(step_names())}.",
)
@click.option("--rules", metavar="FILE", help="Add the boilerplate rules in FILE.")
@click.option(
    "--profile",
    metavar="FILE",
    help="Strip the site boilerplate in a profile made by `vnclean learn`.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "jsonl"]),
    default="text",
    show_default=True,
    help="Write cleaned text, or JSON (one object, or one line per input) with the"
    " path, changes, removed lines and metadata.",
)
@INPUT_FORMAT
@FIELD
@JOBS
@click.option(
    "--max-size",
    type=int,
    default=io.MAX_DOCUMENT_BYTES // 1_000_000,
    show_default=True,
    callback=lambda ctx, param, n: _positive(n, param),
    metavar="MB",
    help="Refuse a text file (or stdin) larger than this many megabytes: it is"
    " cleaned as one document, in memory. JSON lines have no limit.",
)
@QUIET
@click.option(
    "-v",
    "--verbose",
    is_flag=True,
    help="Also list unchanged inputs, changes per step, and tracebacks of errors.",
)
def clean(**options: Any) -> None:
    """Clean the files named by PATH: files, folders (recursed) or - for stdin.

    One input without -o goes to stdout. Progress and the summary go to stderr.
    Exit status: 0 done, 1 --check found changes, 2 usage error, 123 some input
    failed.

    \b
    Examples:
      vnclean clean article.txt                 cleaned text to stdout
      curl -s "$URL" | vnclean clean -          filter stdin to stdout
      vnclean clean corpus/ -o cleaned/         mirror the tree into cleaned/
      vnclean clean --diff corpus/              diff with the reason for each change
      vnclean clean --check corpus/             exit 1 if anything would change
      vnclean clean --in-place corpus/          rewrite atomically
      vnclean clean --input-format jsonl --field body corpus.jsonl > clean.jsonl
    """
    plan = _plan(**options)
    console = Console(stderr=True)
    cleaner = _Cleaner(plan, console)
    try:
        cleaner.run()
    except BrokenPipeError:
        # The reader of stdout went away (`| head`): stop quietly, as `cat` would.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(EXIT_BROKEN_PIPE)
    except BrokenProcessPool as error:
        cleaner.error(f"error: internal error: a worker process died ({error})")
        cleaner.report.failed += 1
    if not plan.quiet:
        cleaner.say(cleaner.report.summary())
        for line in cleaner.report.step_lines() if plan.verbose else []:
            cleaner.say(line)
    sys.exit(cleaner.report.exit_code)


@main.command(
    context_settings=CONTEXT_SETTINGS,
    short_help="Learn a site's boilerplate, for clean --profile.",
)
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    required=True,
    help="Save the learned profile to FILE (for `vnclean clean --profile FILE`).",
)
@click.option(
    "--glob",
    metavar="PATTERN",
    help="Which files to take from folders.  [default: *.txt, or *.jsonl with"
    " --input-format jsonl]",
)
@INPUT_FORMAT
@FIELD
@click.option(
    "--min-docs",
    type=int,
    callback=lambda ctx, param, n: _positive(n, param),
    metavar="N",
    help="Treat a line as boilerplate only when at least N documents have it."
    "  [default: the profile builder's]",
)
@JOBS
@FOLLOW_LINKS
@QUIET
@click.option("-v", "--verbose", is_flag=True, help="Also print tracebacks of errors.")
def learn(
    paths: tuple[str, ...],
    output: str,
    glob: str | None,
    input_format: str,
    field: str,
    min_docs: int | None,
    jobs: int | None,
    follow_links: bool,
    quiet: bool,
    verbose: bool,
) -> None:
    """Learn a site's boilerplate from many of its pages, for `clean --profile`.

    Reads every input once; the lines that repeat across documents become the
    profile. Give pages of one site only. JSON lines are streamed in batches; what
    is kept is a count per distinct line, under its hash, not its text.

    \b
    Examples:
      vnclean learn pages/site-a/ -o site-a.json
      vnclean clean pages/site-a/ --profile site-a.json -o cleaned/
      vnclean learn --input-format jsonl --field body site-a.jsonl -o site-a.json
    """
    builder_class = _boilerplate_attribute("ProfileBuilder", "learn")
    builder = builder_class()
    console = Console(stderr=True)
    learned = failed = 0
    records = input_format == "jsonl"
    glob = glob or ("*.jsonl" if records else "*.txt")

    def fail(what: object) -> None:
        nonlocal failed
        failed += 1
        _print(console, f"error: cannot read {what}", style="red")

    def texts() -> Iterator[str]:
        # Read here, in order; an input or record that cannot be read costs one line.
        items = (
            [_stdin(records, io.MAX_DOCUMENT_BYTES)]
            if paths == (STDIN,)
            else io.find_inputs(paths, glob=glob, follow_links=follow_links)
        )
        for item in items:
            if isinstance(item, io.Skipped):
                _say_skipped(console, item, quiet=quiet, verbose=verbose)
                continue
            try:
                for text in _records(item, field) if records else [_read(item)]:
                    if isinstance(text, RecordError):
                        fail(text)
                    else:
                        yield text
            except VncleanError as error:
                fail(error)
            except OSError as error:
                fail(f"{item.display}: {error.strerror or error}")

    # Workers repair and normalize; this process counts, since a line's count needs
    # every document.
    batches = io.batched(texts(), most=RECORDS_PER_BATCH, size=BATCH_BYTES, weight=len)
    hidden = quiet or not console.is_terminal
    columns = (TextColumn("learning"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=console, transient=True, disable=hidden) as progress:
        task = progress.add_task("learning", total=None)  # documents, as they come
        for prepared in io.ordered_map(
            _prepare_for_learning, batches, jobs=jobs or os.cpu_count() or 1
        ):
            for text in prepared:
                builder.add(text)
            learned += len(prepared)
            progress.advance(task, len(prepared))
    try:
        profile = (
            builder.build() if min_docs is None else builder.build(min_docs=min_docs)
        )
        profile.save(output)
    except (OSError, ValueError) as error:
        _print(
            console, f"error: cannot save the profile to {output}: {error}", style="red"
        )
        sys.exit(EXIT_FAILED)
    if not quiet:
        failures = f"; {failed} failed" if failed else ""
        documents = counted(learned, "document")
        _print(console, f"Learned from {documents} into {output}{failures}.")
    sys.exit(EXIT_FAILED if failed else EXIT_OK)


def _stdin(records: bool, max_bytes: int) -> io.Input:
    """Standard input as an input: JSON lines are read as they are used, text at once."""
    data, problem = b"", None
    if not records:
        try:
            data = io.read_at_most(_binary(sys.stdin), "<stdin>", max_bytes)
        except VncleanError as error:
            problem = error
    return io.Input("<stdin>", None, "stdin", problem, data)


def _prepare_for_learning(texts: list[str]) -> list[str]:
    # The profile is matched by the strip stage, which sees repaired, normalized text.
    return [run(text, Config(strip=False), explain=False).text for text in texts]


def _records(item: io.Input, field: str) -> Iterator[str | RecordError]:
    """
    The text in `field` of each record of a JSON-lines input, read one at a time; a
    record that is not JSON or lacks the field comes as its error, so the others
    still count. Blank lines are skipped.
    """
    with _record_source(item) as source:
        for number, line in io.numbered_lines(source):
            if line.strip():
                name = f"{item.display}:{number}"
                try:
                    yield io.parse_record(name, line.rstrip(b"\r\n"), field)[field]
                except RecordError as error:
                    yield error


def _record_source(item: io.Input) -> Any:
    """The bytes of a JSON-lines input, as a context manager: a file, or stdin."""
    if item.problem is not None:
        raise item.problem
    if item.path is None:
        return _borrowed(_binary(sys.stdin))
    return io.open_bytes(item.path, item.display)


def _positive(n: int | None, param: click.Parameter) -> int | None:
    # Checked here rather than by IntRange, whose "[x>=1]" would clutter --help.
    if n is not None and n < 1:
        raise click.BadParameter(f"{n} is not a positive number.", param=param)
    return n


# Options -> plan ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Plan:
    """What a `clean` run will do, checked for contradictions."""

    paths: tuple[str, ...]
    config: Config
    explain: bool
    destination: str  # "stdout", "output", "in-place" or "none" (--check, --diff)
    output: str | None
    backup: str | None
    check: bool
    diff: bool
    glob: str
    follow_links: bool
    output_format: str
    records: bool  # --input-format jsonl
    field: str
    jobs: int
    max_bytes: int  # --max-size
    quiet: bool
    verbose: bool


def _plan(
    *,
    paths: tuple[str, ...],
    output: str | None,
    in_place: bool,
    backup: str | None,
    check: bool,
    diff: bool,
    glob: str | None,
    follow_links: bool,
    no_repair: bool,
    no_normalize: bool,
    no_strip: bool,
    tone_style: str,
    skip: tuple[str, ...],
    rules: str | None,
    profile: str | None,
    output_format: str,
    input_format: str,
    field: str,
    jobs: int | None,
    max_size: int,
    quiet: bool,
    verbose: bool,
) -> _Plan:
    records = input_format == "jsonl"
    if quiet and verbose:
        raise click.UsageError("--quiet and --verbose contradict each other.")
    if not paths:
        if _stdin_is_terminal():
            raise click.UsageError(
                "No PATH given and stdin is a terminal: give a PATH, or pipe text in."
            )
        paths = (STDIN,)
    if STDIN in paths and len(paths) > 1:
        raise click.UsageError("- (stdin) cannot be mixed with other paths.")
    if in_place and output:
        raise click.UsageError("--in-place and -o contradict each other: choose one.")
    if (check or diff) and (output or in_place):
        raise click.UsageError(
            "--check and --diff write nothing: drop -o and --in-place."
        )
    if backup is not None and not in_place:
        raise click.UsageError("--backup only applies with --in-place.")
    if backup == "":
        raise click.BadParameter("the suffix must not be empty.", param_hint="--backup")
    if paths == (STDIN,) and in_place:
        raise click.UsageError("--in-place cannot rewrite stdin: drop - or --in-place.")
    if paths == (STDIN,) and output:
        raise click.UsageError("-o mirrors input files; stdin goes to stdout: drop -o.")
    if records and output_format == "json":
        raise click.UsageError(
            "JSON-lines input writes JSON lines: use --format jsonl."
        )
    if output_format != "text" and in_place:
        raise click.UsageError(
            f"--format {output_format} cannot rewrite inputs in place."
        )
    if output_format == "jsonl" and output and not records:
        raise click.UsageError("--format jsonl writes one stream to stdout: drop -o.")
    if check or diff:
        destination = "none"
    elif in_place:
        destination = "in-place"
    else:
        destination = "output" if output else "stdout"
    # Several inputs can share stdout only as one JSON-lines stream.
    streams = records or output_format == "jsonl"
    if destination == "stdout" and not streams:
        folders = [path for path in paths if os.path.isdir(path)]
        if folders:
            raise click.UsageError(
                f"{folders[0]} is a folder: give -o DIR, --in-place, --check or --diff."
            )
        if len(paths) > 1:
            raise click.UsageError(
                "Several inputs: give -o DIR, --in-place, --check or --diff."
            )
    if output:
        if os.path.exists(output) and not os.path.isdir(output):
            raise click.BadParameter(
                f"{output} exists and is not a folder.", param_hint="-o"
            )
        for path in paths:
            if os.path.isdir(path) and os.path.realpath(path) == os.path.realpath(
                output
            ):
                raise click.UsageError(
                    f"-o {output} is the input folder: use --in-place."
                )
    config = Config(
        repair=not no_repair,
        normalize=not no_normalize,
        strip=not no_strip,
        tone_style=tone_style,
        skip=frozenset(skip),
        rules=_load("Rules", rules, "--rules"),
        profile=_load("Profile", profile, "--profile"),
    )
    return _Plan(
        paths=paths,
        config=config,
        # Working out the changes costs several times the cleaning, so it is done
        # only when something shows them: -v, the diff or the JSON output.
        explain=verbose or diff or output_format != "text",
        destination=destination,
        output=output,
        backup=backup,
        check=check,
        diff=diff,
        glob=glob or ("*.jsonl" if records else "*.txt"),
        follow_links=follow_links,
        output_format=output_format,
        records=records,
        field=field,
        jobs=jobs or os.cpu_count() or 1,
        max_bytes=max_size * 1_000_000,
        quiet=quiet,
        verbose=verbose,
    )


def _stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


def _boilerplate_attribute(name: str, option: str) -> Any:
    from vnclean import profile, strip

    attribute = getattr(strip, name, None) or getattr(profile, name, None)
    if attribute is None:
        raise click.UsageError(
            f"{option} needs vnclean.strip.{name}, which this version lacks."
        )
    return attribute


def _load(name: str, path: str | None, option: str) -> Any:
    if path is None:
        return None
    loader = _boilerplate_attribute(name, option)
    try:
        return loader.load(path)
    except OSError as error:
        problem = f"{path}: {error.strerror or error}"
    except (ValueError, VncleanError) as error:
        # The loaders' messages name the file already.
        problem = str(error) if str(error).startswith(path) else f"{path}: {error}"
    raise click.BadParameter(f"cannot load {problem}", param_hint=option)


# Workers ------------------------------------------------------------------------------

_worker: dict[str, Any] = {}


def _start_worker(settings: dict[str, Any]) -> None:
    _worker.update(settings)


@dataclass
class _Outcome:
    """What cleaning one input gave: the result, or an error."""

    item: io.Input
    changed: bool = False
    result: Result | None = None
    before: str = ""  # the text before, for --diff only
    error: str | None = None
    trace: str | None = None


def _read(item: io.Input) -> str:
    return io.decode_bytes(_bytes(item), item.display)


def _bytes(item: io.Input) -> bytes:
    if item.problem is not None:
        raise item.problem
    if item.path is None:
        return item.data or b""
    limit = _worker.get("max_bytes", io.MAX_DOCUMENT_BYTES)  # `learn` has no workers
    return io.read_bytes(item.path, item.display, limit)


def _clean_file(item: io.Input) -> _Outcome:
    try:
        data = _bytes(item)
        before = io.decode_bytes(data, item.display)
        result = run(before, _worker["config"], explain=_worker["explain"])
        kept = before if _worker["keep_before"] else ""
        # Changed when the bytes written would differ: a file in Windows-1258, UTF-16
        # or with a BOM is rewritten as UTF-8 even when its text is already clean.
        return _Outcome(item, result.text.encode("utf-8") != data, result, kept)
    except VncleanError as error:
        return _Outcome(item, error=str(error))
    except Exception as error:  # noqa: BLE001 - one input's bug must not stop the run
        return _Outcome(
            item, error=_internal(item.display, error), trace=traceback.format_exc()
        )


def _internal(name: str, error: Exception) -> str:
    return f"{name}: internal error: {type(error).__name__}: {error}"


@dataclass
class _Record:
    """One JSON-lines record: the line to write and what cleaning it took."""

    name: str  # file:line
    size: int  # of the line read, for the progress bar
    line: bytes
    changed: bool = False
    result: Result | None = None  # None for a blank line or a bad record
    before: str = ""  # the text before, for --diff only
    error: str | None = None
    trace: str | None = None


def _clean_records(task: tuple[str, list[tuple[int, bytes]]]) -> list[_Record]:
    name, batch = task
    return [_clean_record(f"{name}:{number}", line) for number, line in batch]


def _clean_record(name: str, line: bytes) -> _Record:
    # A blank line or a bad record is written back as it was, so no data is lost
    # and line N of the output is still line N of the input.
    body = line.rstrip(b"\r\n")
    ending = line[len(body) :]
    if not body.strip():
        return _Record(name, len(line), line)
    field = _worker["field"]
    try:
        record = io.parse_record(name, body, field)
        before = record[field]
        result = run(before, _worker["config"], explain=_worker["explain"])
    except VncleanError as error:
        return _Record(name, len(line), line, error=str(error))
    except Exception as error:  # noqa: BLE001 - one record's bug must not stop the run
        trace = traceback.format_exc()
        return _Record(name, len(line), line, error=_internal(name, error), trace=trace)
    changed = result.text != before
    out = line  # unchanged records keep their exact bytes
    if changed or _worker["annotate"]:
        record[field] = result.text
        if _worker["annotate"]:
            explained = result.to_dict()
            del explained["text"]
            record["vnclean"] = explained
        out = json.dumps(record, ensure_ascii=False).encode("utf-8") + ending
    kept = before if _worker["keep_before"] else ""
    return _Record(name, len(line), out, changed, result, kept)


# The run ------------------------------------------------------------------------------


@dataclass
class _Cleaner:
    """Feeds the inputs of a plan through the workers and writes what comes back."""

    plan: _Plan
    console: Console
    report: Report = field(default_factory=Report)
    # Output file -> the input written there, so two inputs never share one.
    written: dict[str, str] = field(default_factory=dict)

    def run(self) -> None:
        self.report.check = self.plan.check
        self.report.unit = "record" if self.plan.records else "file"
        inputs = list(self._inputs())
        with self._progress() as progress:
            if self.plan.records:
                for item in inputs:
                    self._clean_jsonl(item, progress)
            else:
                task = progress.add_task("cleaning", total=len(inputs))
                for outcome in self._map(_clean_file, inputs):
                    self._take_file(outcome)
                    progress.advance(task)

    def _inputs(self) -> Iterator[io.Input]:
        if self.plan.paths == (STDIN,):
            yield _stdin(self.plan.records, self.plan.max_bytes)
            return
        exclude = [self.plan.output] if self.plan.output else []
        for item in io.find_inputs(
            self.plan.paths,
            glob=self.plan.glob,
            follow_links=self.plan.follow_links,
            exclude=exclude,
        ):
            if isinstance(item, io.Skipped):
                _say_skipped(
                    self.console, item, quiet=self.plan.quiet, verbose=self.plan.verbose
                )
            else:
                yield item

    def _map(self, function: Any, items: Any) -> Iterator[Any]:
        return io.ordered_map(
            function,
            items,
            jobs=self.plan.jobs,
            initializer=_start_worker,
            initargs=(
                {
                    "config": self.plan.config,
                    "explain": self.plan.explain,
                    "field": self.plan.field,
                    "keep_before": self.plan.diff,
                    "max_bytes": self.plan.max_bytes,
                    "annotate": self.plan.output_format == "jsonl",
                },
            ),
        )

    def _progress(self) -> Progress:
        # Not over text or a diff going to the same terminal.
        to_terminal = self.plan.destination == "stdout" or self.plan.diff
        to_terminal = to_terminal and sys.stdout.isatty()
        hidden = self.plan.quiet or to_terminal or not self.console.is_terminal
        return Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=self.console,
            transient=True,
            disable=hidden,
        )

    # Text files

    def _take_file(self, outcome: _Outcome) -> None:
        item, result = outcome.item, outcome.result
        if result is None:
            self._fail(f"error: cannot clean {outcome.error}", outcome.trace)
            return
        changed = outcome.changed
        if self.plan.diff and changed:
            self._print_diff(item.display, outcome.before, result.text, result)
            if outcome.before == result.text:
                self._print_stdout([f"# {item.display}: re-encoded as UTF-8\n"])
        try:
            self._write_file(item, result, changed)
        except VncleanError as error:
            self._fail(f"error: cannot write {error}")
            return
        except BrokenPipeError:
            raise
        except OSError as error:
            self._fail(f"error: cannot write {item.display}: {error.strerror or error}")
            return
        self.report.count(changed, result)
        self._say_done(item.display, changed)

    def _write_file(self, item: io.Input, result: Result, changed: bool) -> None:
        plan = self.plan
        if plan.destination == "none":
            return
        data = self._formatted(item.display, result)
        if plan.destination == "stdout":
            stdout = _binary(sys.stdout)
            stdout.write(data)
            stdout.flush()
        elif plan.destination == "in-place":
            if changed:
                io.write_atomically(
                    item.path, data, mode_of=item.path, backup=plan.backup
                )
        else:
            suffix = ".json" if plan.output_format == "json" else ""
            target = self._target(item, suffix)
            io.write_atomically(target, data, mode_of=item.path)

    def _target(self, item: io.Input, suffix: str = "") -> str:
        """Where `item` goes under -o: inside the folder, not on an input or output."""
        target = io.output_path(self.plan.output, item.relative, suffix)
        if os.path.exists(target) and os.path.samefile(target, item.path):
            raise InputError(target, "the output would overwrite its input")
        key = os.path.realpath(target)
        if key in self.written:
            raise InputError(target, f"already written from {self.written[key]}")
        self.written[key] = item.display
        return target

    def _formatted(self, name: str, result: Result) -> bytes:
        if self.plan.output_format == "text":
            return result.text.encode("utf-8")
        document = {"path": name, **result.to_dict()}
        if self.plan.output_format == "json":
            return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode(
                "utf-8"
            )
        return (json.dumps(document, ensure_ascii=False) + "\n").encode("utf-8")

    # JSON lines

    def _clean_jsonl(self, item: io.Input, progress: Progress) -> None:
        try:
            with _record_source(item) as source, self._record_sink(item) as sink:
                size = os.fstat(source.fileno()).st_size if item.path else None
                task = progress.add_task(item.display, total=size or None)
                batches = (
                    (item.display, batch)
                    for batch in io.batched(
                        io.numbered_lines(source),
                        most=RECORDS_PER_BATCH,
                        size=BATCH_BYTES,
                        weight=lambda line: len(line[1]),
                    )
                )
                for records in self._map(_clean_records, batches):
                    for record in records:
                        self._take_record(record, sink)
                    progress.advance(task, sum(record.size for record in records))
        except VncleanError as error:
            self._fail(f"error: cannot clean {error}")
        except BrokenPipeError:
            raise
        except OSError as error:
            self._fail(f"error: cannot clean {item.display}: {error.strerror or error}")

    def _record_sink(self, item: io.Input) -> Any:
        plan = self.plan
        if plan.destination == "none":
            return _borrowed(None)
        if plan.destination == "stdout":
            return _borrowed(_binary(sys.stdout))
        if plan.destination == "in-place":
            return io.atomic_writer(item.path, mode_of=item.path, backup=plan.backup)
        return io.atomic_writer(self._target(item), mode_of=item.path)

    def _take_record(self, record: _Record, sink: IO[bytes] | None) -> None:
        if sink is not None:
            sink.write(record.line)
        if record.error is not None:
            self._fail(f"error: cannot clean {record.error}", record.trace)
            return
        if record.result is None:
            return  # a blank line
        if self.plan.diff and record.changed:
            after = record.result.text
            self._print_diff(record.name, record.before, after, record.result)
        self.report.count(record.changed, record.result)
        self._say_done(record.name, record.changed)

    # Messages

    def _print_diff(self, name: str, before: str, after: str, result: Result) -> None:
        self._print_stdout(diff_lines(name, before, after, result))

    def _print_stdout(self, lines: Iterable[str]) -> None:
        """Diff lines to stdout: coloured on a terminal, plain bytes otherwise."""
        if sys.stdout.isatty():
            console = Console(highlight=False)
            for line in lines:
                style = _diff_style(line)
                console.print(line, style=style, end="", markup=False, soft_wrap=True)
        else:
            binary = _binary(sys.stdout)
            binary.write("".join(lines).encode("utf-8"))
            binary.flush()

    def _say_done(self, name: str, changed: bool) -> None:
        if self.plan.check and changed and not self.plan.quiet:
            self.say(f"would clean {name}")
        elif self.plan.verbose and not changed:
            self.say(f"unchanged {name}")

    def _fail(self, message: str, trace: str | None = None) -> None:
        self.report.failed += 1
        self.error(message)
        if trace and self.plan.verbose:
            _print(self.console, trace.rstrip("\n"))

    def error(self, message: str) -> None:
        _print(self.console, message, style="red")

    def say(self, message: str) -> None:
        _print(self.console, message)


def _say_skipped(
    console: Console, item: io.Skipped, *, quiet: bool, verbose: bool
) -> None:
    if item.warn and not quiet:
        _print(
            console, f"warning: skipped {item.display}: {item.reason}", style="yellow"
        )
    elif verbose:
        _print(console, f"skipped {item.display}: {item.reason}")


def _print(console: Console, message: str, style: str | None = None) -> None:
    # User text: brackets are not markup, and long paths are not wrapped.
    console.print(message, style=style, markup=False, highlight=False, soft_wrap=True)


def _diff_style(line: str) -> str | None:
    if line.startswith(("+++", "---")):
        return "bold"
    return {"+": "green", "-": "red", "@": "cyan", "#": "yellow"}.get(line[:1])


class _borrowed:
    """A stream used as a context manager without being closed at the end."""

    def __init__(self, stream: IO[bytes] | None) -> None:
        self.stream = stream

    def __enter__(self) -> IO[bytes] | None:
        return self.stream

    def __exit__(self, *exc: object) -> None:
        if self.stream is not None:
            self.stream.flush()
