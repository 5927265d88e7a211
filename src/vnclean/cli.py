"""
The `vnclean` command: options in, library calls, a report out. No text logic here:
`io` finds, decodes and writes inputs, `io.runner` cleans them in worker processes,
`report` counts, and the parent writes every output in input order.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import IO, Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

import vnclean
from vnclean import io
from vnclean.errors import VncleanError
from vnclean.io import runner
from vnclean.io.console import Messages, printable
from vnclean.io.output import Output
from vnclean.io.plan import STDIN, Plan, boilerplate_attribute, make_plan
from vnclean.io.runner import Outcome, Record, Settings, binary
from vnclean.model import TONE_STYLES, Config, Result
from vnclean.pipeline import run, step_names
from vnclean.report import Report, diff_lines

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 88}
# JSON-lines records go to the workers in batches of this many, or fewer once they
# hold BATCH_BYTES, so that the work divides evenly among the workers whatever the
# length of the records.
RECORDS_PER_BATCH = 256
BATCH_BYTES = 256 * 1024
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
    plan = make_plan(**options)
    messages = Messages(Console(stderr=True), Report(), plan.quiet, plan.verbose)
    try:
        _Cleaner(plan, messages).run()
    except BrokenPipeError:
        # The reader of stdout went away (`| head`): stop quietly, as `cat` would.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(EXIT_BROKEN_PIPE)
    except BrokenProcessPool as error:
        messages.fail(f"error: internal error: a worker process died ({error})")
    messages.finish(messages.report.summary())
    sys.exit(messages.report.exit_code)


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
    builder = boilerplate_attribute("ProfileBuilder", "learn")()
    records = input_format == "jsonl"
    messages = Messages(
        Console(stderr=True), Report(unit="document"), quiet, verbose=verbose
    )
    found = (
        [runner.stdin_input(records, io.MAX_DOCUMENT_BYTES)]
        if paths == (STDIN,)
        else io.find_inputs(
            paths,
            glob=glob or ("*.jsonl" if records else "*.txt"),
            follow_links=follow_links,
        )
    )
    texts = _texts(messages.inputs(found), records, field, messages)
    # Workers repair and normalize; this process counts, since a line's count needs
    # every document.
    batches = io.batched(texts, most=RECORDS_PER_BATCH, size=BATCH_BYTES, weight=len)
    hidden = quiet or not messages.console.is_terminal
    columns = (TextColumn("learning"), BarColumn(), MofNCompleteColumn())
    with Progress(
        *columns, console=messages.console, transient=True, disable=hidden
    ) as progress:
        task = progress.add_task("learning", total=None)  # documents, as they come
        for prepared in io.ordered_map(
            _prepare_for_learning, batches, jobs=jobs or os.cpu_count() or 1
        ):
            for text in prepared:
                builder.add(text)
            messages.report.learned += len(prepared)
            progress.advance(task, len(prepared))
    try:
        profile = (
            builder.build() if min_docs is None else builder.build(min_docs=min_docs)
        )
        profile.save(output)
    except (OSError, ValueError) as error:
        messages.fail(f"error: cannot save the profile to {output}: {error}")
        sys.exit(messages.report.exit_code)
    messages.finish(messages.report.learned_summary(output))
    sys.exit(messages.report.exit_code)


def _texts(
    inputs: Iterable[io.Input], records: bool, field: str, messages: Messages
) -> Iterator[str]:
    # Read here, in order; an input or record that cannot be read costs one line.
    for item in inputs:
        try:
            for text in (
                runner.record_texts(item, field)
                if records
                else [runner.read_text(item)]
            ):
                if isinstance(text, VncleanError):
                    messages.fail(f"error: cannot read {text}")
                else:
                    yield text
        except VncleanError as error:
            messages.fail(f"error: cannot read {error}")
        except OSError as error:
            messages.fail(
                f"error: cannot read {item.display}: {error.strerror or error}"
            )


def _prepare_for_learning(texts: list[str]) -> list[str]:
    # The profile is matched by the strip stage, which sees repaired, normalized text.
    return [run(text, Config(strip=False), explain=False).text for text in texts]


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

    def run(self) -> None:
        plan, report = self.plan, self.messages.report
        report.check = plan.check
        report.unit = "record" if plan.records else "file"
        self.output = Output(plan)
        inputs = list(self.messages.inputs(self._found()))
        with self._progress() as progress:
            if plan.records:
                for item in inputs:
                    self._clean_jsonl(item, progress)
            else:
                task = progress.add_task("cleaning", total=len(inputs))
                for outcome in self._map(runner.clean_file, inputs):
                    self._take_file(outcome)
                    progress.advance(task)

    def _found(self) -> Iterable[io.Input | io.Skipped]:
        plan = self.plan
        if plan.paths == (STDIN,):
            return [runner.stdin_input(plan.records, plan.max_bytes)]
        return io.find_inputs(
            plan.paths,
            glob=plan.glob,
            follow_links=plan.follow_links,
            exclude=[plan.output] if plan.output else [],
        )

    def _map(self, function: Callable[[Any], Any], items: Iterable[Any]) -> Any:
        plan = self.plan
        settings = Settings(
            config=plan.config,
            explain=plan.explain,
            field=plan.field,
            keep_before=plan.diff,
            max_bytes=plan.max_bytes,
            annotate=plan.output_format == "jsonl",
        )
        return io.ordered_map(
            function,
            items,
            jobs=plan.jobs,
            initializer=runner.start_worker,
            initargs=(settings,),
        )

    def _progress(self) -> Progress:
        # Not over text or a diff going to the same terminal.
        to_terminal = self.plan.destination == "stdout" or self.plan.diff
        to_terminal = to_terminal and sys.stdout.isatty()
        hidden = self.plan.quiet or to_terminal or not self.messages.console.is_terminal
        return Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=self.messages.console,
            transient=True,
            disable=hidden,
        )

    def _take_file(self, outcome: Outcome) -> None:
        item, result = outcome.item, outcome.result
        if result is None:
            self.messages.fail(f"error: cannot clean {outcome.error}", outcome.trace)
            return
        if self.plan.diff and outcome.changed:
            _print_diff(item.display, outcome.before, result)
        try:
            self.output.write_file(item, result, outcome.changed)
        except VncleanError as error:
            self.messages.fail(f"error: cannot write {error}")
            return
        except BrokenPipeError:
            raise
        except OSError as error:
            problem = f"{item.display}: {error.strerror or error}"
            self.messages.fail(f"error: cannot write {problem}")
            return
        self._count(item.display, outcome.changed, result)

    def _clean_jsonl(self, item: io.Input, progress: Progress) -> None:
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
                for records in self._map(runner.clean_records, batches):
                    for record in records:
                        self._take_record(record, sink)
                    progress.advance(task, sum(record.size for record in records))
        except VncleanError as error:
            self.messages.fail(f"error: cannot clean {error}")
        except BrokenPipeError:
            raise
        except OSError as error:
            problem = f"{item.display}: {error.strerror or error}"
            self.messages.fail(f"error: cannot clean {problem}")

    def _take_record(self, record: Record, sink: IO[bytes] | None) -> None:
        if sink is not None:
            sink.write(record.line)
        if record.error is not None:
            self.messages.fail(f"error: cannot clean {record.error}", record.trace)
            return
        if record.result is None:
            return  # a blank line
        if self.plan.diff and record.changed:
            _print_diff(record.name, record.before, record.result)
        self._count(record.name, record.changed, record.result)

    def _count(self, name: str, changed: bool, result: Result) -> None:
        self.messages.report.count(changed, result)
        self.messages.done(name, changed, self.plan.check)


def _print_diff(name: str, before: str, result: Result) -> None:
    """The diff of one input to stdout: coloured on a terminal, plain bytes otherwise."""
    lines = [printable(line) for line in diff_lines(name, before, result.text, result)]
    if before == result.text:
        lines.append(f"# {name}: re-encoded as UTF-8\n")
    if sys.stdout.isatty():
        console = Console(highlight=False)
        for line in lines:
            style = _diff_style(line)
            console.print(line, style=style, end="", markup=False, soft_wrap=True)
    else:
        stdout = binary(sys.stdout)
        stdout.write("".join(lines).encode("utf-8"))
        stdout.flush()


def _diff_style(line: str) -> str | None:
    if line.startswith(("+++", "---")):
        return "bold"
    return {"+": "green", "-": "red", "@": "cyan", "#": "yellow"}.get(line[:1])
