"""
The `vnclean` command: options in, library calls, a report out. No text logic here:
`io` finds, decodes and writes inputs, `io.runner` cleans them in worker processes,
`report` counts, and the parent writes every output in input order.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

import click

import vnclean
from vnclean import io, profile
from vnclean.errors import OutputError, VncleanError
from vnclean.io import learning, runner
from vnclean.io.console import (
    Messages,
    make_console,
    progress_bar,
    reopen_closed_streams,
    run_to_exit,
)
from vnclean.io.jsonl import BATCH_BYTES, RECORDS_PER_BATCH
from vnclean.io.output import Output
from vnclean.io.plan import STDIN, Plan, listed_paths, make_plan
from vnclean.io.runner import Outcome, Record, Settings
from vnclean.model import TONE_STYLES, Config, Result
from vnclean.pipeline import step_names
from vnclean.report import Report, counted

if TYPE_CHECKING:
    from vnclean.io.progress import Bar
    from vnclean.review import html_report

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 88}

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

COLOR = click.option(
    "--color/--no-color",
    default=None,
    help="Colour the diff and messages even when not on a terminal, or never."
    "  [default: on a terminal, unless NO_COLOR is set]",
)


def SELECTION(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options that choose the files to read: --glob, --exclude, --files-from."""
    for option in reversed(
        [
            click.option(
                "--glob",
                metavar="PATTERN",
                multiple=True,
                help="Which files to take from folders; repeatable. A pattern with a"
                " slash matches the path under the folder, ** any number of folders"
                " (news/**/*.txt).  [default: *.txt, or *.jsonl with --input-format"
                " jsonl]",
            ),
            click.option(
                "--exclude",
                metavar="PATTERN",
                multiple=True,
                help="Leave out the files and folders matching PATTERN; repeatable."
                " Hidden folders (.git, .venv) are left out unless named.",
            ),
            click.option(
                "--files-from",
                metavar="FILE",
                help="Also take the paths listed in FILE, one a line (- for stdin).",
            ),
        ]
    ):
        command = option(command)
    return command


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(vnclean.__version__, prog_name="vnclean")
def main() -> None:
    """Clean scraped Vietnamese web text: repair encodings, normalize diacritics and
    strip site boilerplate, saying what changed and why."""
    reopen_closed_streams()


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
    help="Write nothing; show each change with its reason: words coloured on a"
    " terminal, a unified diff (for patch -p0) when piped.",
)
@click.option(
    "--report",
    metavar="FILE.html",
    help="Also write one page reviewing every change of the run, with filters and"
    " search; it opens from disk.",
)
@SELECTION
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
    help="Strip the site boilerplate in a profile made by `vnclean learn` (one made"
    " with --site-field: each record's site's, by this run's --site-field).",
)
@click.option(
    "--no-learn",
    is_flag=True,
    help="Do not learn each folder's recurring lines (its site's menus and footers)"
    " from its files before cleaning them, nor each --site-field site's.",
)
@click.option(
    "--site-field",
    metavar="NAME",
    help="With --input-format jsonl, the field naming a record's site (a URL's host,"
    " or the value as it is): each site's recurring lines are learned from its"
    " records in a first pass, then stripped.",
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
    " cleaned as one document, in memory. Applies to each JSON-lines record too.",
)
@QUIET
@COLOR
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
    failed, 130 Ctrl-C.

    \b
    Examples:
      vnclean clean article.txt                 cleaned text to stdout
      curl -s "$URL" | vnclean clean -          filter stdin to stdout
      vnclean clean corpus/ -o cleaned/         mirror the tree into cleaned/
      vnclean clean --diff corpus/              diff with the reason for each change
      vnclean clean corpus/ -o out/ --report report.html   review it in a browser
      vnclean clean --check corpus/             exit 1 if anything would change
      vnclean clean --in-place corpus/          rewrite atomically
      vnclean clean --input-format jsonl --field body corpus.jsonl > clean.jsonl
      vnclean clean --input-format jsonl --site-field url crawl.jsonl > clean.jsonl
    """
    report_to = options.pop("report")
    plan = make_plan(**options, field_given=_given("field"))
    if report_to:  # known before the run, not after it: one usage error
        _check_writable(report_to, "--report")
    if report_to:  # the page shows every change, traced to the text before
        plan = dataclasses.replace(plan, explain=True)
    console = make_console(plan.color)
    messages = Messages(console, Report(), plan.quiet, plan.verbose)
    review = None
    if report_to:
        from vnclean.review import html_report  # loaded only for a run with --report

        review = html_report.HtmlReport(report_to)
    cleaner = _Cleaner(plan, messages, review)
    run_to_exit(messages, cleaner.run, messages.report.summary)


@main.command(
    context_settings=CONTEXT_SETTINGS,
    short_help="Learn a site's boilerplate, for clean --profile.",
)
@click.argument("paths", nargs=-1, metavar="PATH...")
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    required=True,
    help="Save the learned profile to FILE (for `vnclean clean --profile FILE`).",
)
@SELECTION
@INPUT_FORMAT
@FIELD
@click.option(
    "--site-field",
    metavar="NAME",
    help="With --input-format jsonl, the field naming a record's site (a URL's host,"
    " or the value as it is): each site's recurring lines are learned apart, into"
    " one file for clean --profile FILE --site-field NAME.",
)
@click.option(
    "--min-docs",
    type=int,
    callback=lambda ctx, param, n: _positive(n, param),
    metavar="N",
    help="Treat a line as boilerplate only when at least N documents have it (3 at"
    " the least: fewer could be a quotation).  [default: 5, or 1% of the documents"
    " when that is more]",
)
@JOBS
@FOLLOW_LINKS
@QUIET
@COLOR
@click.option("-v", "--verbose", is_flag=True, help="Also print tracebacks of errors.")
def learn(
    paths: tuple[str, ...],
    output: str,
    glob: tuple[str, ...],
    exclude: tuple[str, ...],
    files_from: str | None,
    input_format: str,
    field: str,
    site_field: str | None,
    min_docs: int | None,
    jobs: int | None,
    follow_links: bool,
    quiet: bool,
    color: bool | None,
    verbose: bool,
) -> None:
    """Learn a site's boilerplate from many of its pages, for `clean --profile`.

    Reads every input once; the lines that repeat across documents become the
    profile. Give pages of one site only, or JSON lines with --site-field to learn
    each site apart. JSON lines are streamed in batches; what is kept is a count per
    distinct line, under its hash, not its text.

    \b
    Examples:
      vnclean learn pages/site-a/ -o site-a.json
      vnclean clean pages/site-a/ --profile site-a.json -o cleaned/
      vnclean learn --input-format jsonl --field body site-a.jsonl -o site-a.json
      vnclean learn --input-format jsonl --site-field url crawl.jsonl -o sites.json
      vnclean clean --input-format jsonl --site-field url --profile sites.json \\
          crawl.jsonl > clean.jsonl
    """
    records = input_format == "jsonl"
    if _given("field") and not records:
        raise click.UsageError("--field applies only with --input-format jsonl.")
    if site_field is not None and not records:
        raise click.UsageError(
            "--site-field applies only with --input-format jsonl: a folder is its site."
        )
    paths += listed_paths(files_from)
    if not paths and files_from is None:
        raise click.UsageError("Give a PATH, or --files-from FILE.")
    _check_writable(output, "-o")  # before the pages are read, not after
    builder = profile.ProfileBuilder()
    console = make_console(color)
    messages = Messages(console, Report(unit="document"), quiet, verbose=verbose)
    found = (
        [runner.stdin_input(records, io.MAX_DOCUMENT_BYTES)]
        if paths == (STDIN,)
        else io.find_inputs(
            paths,
            glob=glob or (("*.jsonl",) if records else ("*.txt",)),
            exclude_patterns=exclude,
            follow_links=follow_links,
        )
    )
    texts = learning.texts(
        messages.inputs(found), records, field, messages, site_field=site_field
    )
    work = functools.partial(
        learning.learn,
        builder,
        texts,
        profile.prepare_all_for_learning
        if site_field is None
        else profile.prepare_sites_for_learning,
        jobs=jobs or os.cpu_count() or 1,
        min_docs=min_docs,
        output=output,
        messages=messages,
        sites=site_field is not None,
    )
    run_to_exit(messages, work, messages.report.learned_summary)


def _check_writable(path: str, option: str) -> None:
    """A usage error when the file `option` names could not be written where asked."""
    folder = os.path.dirname(path) or os.curdir
    if os.path.isdir(path):
        problem = "it is a folder"
    elif not os.path.isdir(folder):
        problem = f"no folder {folder}"
    elif not os.access(folder, os.W_OK):
        problem = f"{folder} is not writable"
    else:
        return
    raise click.BadParameter(f"cannot write {path}: {problem}.", param_hint=option)


def _problem(error: OSError) -> str:
    return error.strerror or str(error)


def _given(name: str) -> bool:
    """True when the option `name` was given, not left at its default."""
    source = click.get_current_context().get_parameter_source(name)
    return source not in (None, click.core.ParameterSource.DEFAULT)


def _positive(n: int | None, param: click.Parameter) -> int | None:
    # Checked here rather than by IntRange, whose "[x>=1]" would clutter --help.
    if n is not None and n < 1:
        raise click.BadParameter(f"{n} is not a positive number.", param=param)
    return n


# The run ------------------------------------------------------------------------------


@dataclass
class _Cleaner:
    """Feeds the inputs of a plan through the workers and writes what comes back."""

    plan: Plan
    messages: Messages
    review: html_report.HtmlReport | None = None  # --report

    def run(self) -> None:
        self._clean()
        if self.review is not None:
            try:
                self.review.write()
            except OSError as error:
                problem = f"{self.review.path}: {error.strerror or error}"
                self.messages.fail(f"error: cannot write {problem}")

    def _clean(self) -> None:
        plan, report = self.plan, self.messages.report
        report.check = plan.check
        report.unit = "record" if plan.records else "file"
        self.output = Output(plan, self.messages.note)
        inputs = list(self.messages.inputs(self._found()))
        if plan.records:
            with contextlib.ExitStack() as spools, self._progress("byte") as progress:
                profiles = plan.profiles
                if plan.learn:
                    inputs = [learning.spool(item, spools) for item in inputs]
                    profiles = self._learn_records(inputs, progress)
                for item in inputs:
                    self._clean_jsonl(item, progress, profiles)
            return
        inputs = [runner.read_stream(item, plan.max_bytes) for item in inputs]
        with self._progress("file") as progress:
            task = progress.add_task("cleaning", total=len(inputs))
            for config, site in self._sites(inputs):
                for outcome in self._map(runner.clean_file, site, config):
                    self._take_file(outcome)
                    progress.advance(task)

    def _sites(self, inputs: list[io.Input]) -> Iterator[tuple[Config, list[io.Input]]]:
        """
        The inputs folder by folder, each with the config that cleans it: with the
        profile learned from the folder's files, unless the plan learns nothing.
        """
        plan = self.plan
        if not plan.learn:
            yield plan.config, inputs
            return
        for site in learning.by_site(inputs):
            found = learning.learn_site(
                site, profile.prepare_all_for_learning, jobs=plan.jobs
            )
            config = plan.config
            if found is not None:
                config = dataclasses.replace(config, profile=found)
            if plan.verbose and len(site) >= learning.SITE_DOCUMENTS:
                lines = len(found.counts) if found is not None else 0
                folder = os.path.dirname(site[0].display) or "."
                self.messages.say(
                    f"learned {counted(lines, 'recurring line')} of {folder}"
                    f" from {counted(len(site), 'file')}"
                )
            yield config, site

    def _learn_records(
        self, inputs: list[io.Input], progress: Bar
    ) -> dict[str, profile.Profile]:
        """The profile of each site of the JSON lines, by their --site-field."""
        plan = self.plan
        size = sum(learning.size_of(item) for item in inputs)
        task = progress.add_task("learning", total=size or None)
        profiles = learning.learn_records(
            inputs,
            field=plan.field,
            site_field=plan.site_field or "",
            max_bytes=plan.max_bytes,
            jobs=plan.jobs,
            advance=functools.partial(progress.advance, task),
        )
        if plan.verbose:
            lines = sum(len(found.counts) for found in profiles.values())
            self.messages.say(
                f"learned {counted(lines, 'recurring line')} of"
                f" {counted(len(profiles), 'site')} by their {plan.site_field!r} field"
            )
        return profiles

    def _found(self) -> Iterable[io.Input | io.Skipped]:
        plan = self.plan
        if plan.paths == (STDIN,):
            return [runner.stdin_input(plan.records, plan.max_bytes)]
        if not plan.paths:
            return [io.Skipped(plan.files_from or "", "lists no path", warn=True)]
        return io.find_inputs(
            plan.paths,
            glob=plan.glob,
            follow_links=plan.follow_links,
            exclude=[plan.output] if plan.output else [],
            exclude_patterns=plan.exclude,
            name_folders=plan.name_folders,
        )

    def _map(
        self,
        function: Callable[[Any], Any],
        items: Iterable[Any],
        config: Config | None = None,
        profiles: dict[str, profile.Profile] | None = None,
    ) -> Any:
        plan = self.plan
        settings = Settings(
            config=config or plan.config,
            explain=plan.explain,
            field=plan.field,
            keep_before=plan.diff or self.review is not None,
            max_bytes=plan.max_bytes,
            annotate=plan.output_format == "jsonl",
            profiles=profiles,
            site_field=plan.site_field,
        )
        return io.ordered_map(
            function,
            items,
            jobs=plan.jobs,
            initializer=runner.start_worker,
            initargs=(settings,),
        )

    def _progress(self, unit: str) -> Bar:
        busy = self.plan.destination == "stdout" or self.plan.diff
        return progress_bar(self.messages, unit, stdout_busy=busy)

    def _take_file(self, outcome: Outcome) -> None:
        item, result = outcome.item, outcome.result
        if result is None:
            self._fail(f"error: cannot clean {outcome.error}", outcome.trace)
            return
        try:
            with self._to_stdout():
                if self.plan.diff and outcome.changed:
                    after = outcome.after
                    color = self.plan.color
                    from vnclean.review import terminal  # loaded only for --diff

                    terminal.print_diff(
                        item.display, outcome.before, after, result, color
                    )
                self.output.write_file(item, result, outcome.changed)
        except VncleanError as error:
            self._cannot("write", error)
            return
        self._count(item.display, outcome.changed, result, outcome.size)
        if self.review is not None:
            self.review.add(item.display, outcome.before, result, outcome.changed)

    def _clean_jsonl(
        self,
        item: io.Input,
        progress: Bar,
        profiles: dict[str, profile.Profile] | None = None,
    ) -> None:
        try:
            with (
                runner.record_source(item) as source,
                self.output.record_sink(item) as sink,
            ):
                size = os.fstat(source.fileno()).st_size if item.path else None
                task = progress.add_task(item.display, total=size or None)
                lines = io.batched(
                    io.numbered_lines(source),
                    most=RECORDS_PER_BATCH,
                    size=BATCH_BYTES,
                    weight=lambda line: len(line[1]),
                )
                batches = ((item.display, batch) for batch in lines)
                work = self._map(runner.clean_records, batches, profiles=profiles)
                for records in work:
                    for record in records:
                        self._take_record(record, sink)
                    progress.advance(task, sum(record.size for record in records))
        except VncleanError as error:
            self._cannot("clean", error)
        except BrokenPipeError:
            raise
        except OSError as error:
            problem = f"{item.display}: {error.strerror or error}"
            self._fail(f"error: cannot clean {problem}")

    def _cannot(self, what: str, error: VncleanError) -> None:
        # A write error names the output; a full or read-only disk ends the run.
        if isinstance(error, OutputError):
            if error.fatal:
                self.messages.stop(f"error: cannot write {error}; stopping")
            self._fail(f"error: cannot write {error}")
        else:
            self._fail(f"error: cannot {what} {error}")

    @contextlib.contextmanager
    def _to_stdout(self) -> Iterator[None]:
        """Writing to stdout that fails (> /dev/full, >&-) ends the run in one line."""
        try:
            yield
        except BrokenPipeError:
            raise  # the reader left (| head): quietly, as run_to_exit does
        except OSError as error:
            self.messages.stop(f"error: cannot write to stdout: {_problem(error)}")

    def _take_record(self, record: Record, sink: IO[bytes] | None) -> None:
        if sink is not None:
            if self.plan.destination == "stdout":
                with self._to_stdout():
                    sink.write(record.line)
            else:
                sink.write(record.line)  # a file's errors are named by its writer
        if record.error is not None:
            self._fail(f"error: cannot clean {record.error}", record.trace)
            return
        if record.result is None:
            return  # a blank line
        if self.plan.diff and record.changed:
            after = record.result.text
            color = self.plan.color
            from vnclean.review import terminal  # loaded only for --diff

            with self._to_stdout():
                terminal.print_diff(
                    record.name, record.before, after, record.result, color
                )
        self._count(record.name, record.changed, record.result, record.size)
        if self.review is not None:
            self.review.add(record.name, record.before, record.result, record.changed)

    def _fail(self, message: str, trace: str | None = None) -> None:
        self.messages.fail(message, trace)
        if self.review is not None:
            self.review.fail(message)

    def _count(self, name: str, changed: bool, result: Result, size: int) -> None:
        self.messages.report.count(changed, result, size)
        self.messages.done(name, changed, self.plan.check)
