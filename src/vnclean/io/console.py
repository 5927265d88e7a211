"""
What a run tells its user on stderr: one line per failed or skipped input, the
closing summary, and the progress bar.
"""

from __future__ import annotations

import builtins
import io
import os
import re
import stat
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, NoReturn

from vnclean.io import signals
from vnclean.io.jsonl import SURROGATE_RE
from vnclean.io.walk import Input, Skipped
from vnclean.report import Report

if TYPE_CHECKING:
    from rich.console import Console

    from vnclean.io.progress import Bar

# Exit status when the reader of stdout or stderr goes away, as for a process killed
# by SIGPIPE.
EXIT_BROKEN_PIPE = 128 + 13


class Halt(Exception):
    """The work of a run ends early; why was said, and the summary follows."""


@dataclass
class Messages:
    """What a run tells its user on stderr, and its count of failures."""

    console: Stream
    report: Report
    quiet: bool
    verbose: bool
    started: float = field(default_factory=time.monotonic)

    def say(self, message: str) -> None:
        print_line(self.console, message)

    def note(self, message: str) -> None:
        """A line worth knowing that is no error: left out with -q."""
        if not self.quiet:
            self.say(message)

    def error(self, message: str) -> None:
        print_line(self.console, message, style="red")

    def stop(self, message: str) -> NoReturn:
        """The run cannot do its job: say why, and end the work with exit 123."""
        self.report.stopped = True
        self.error(message)
        raise Halt

    def fail(self, message: str, trace: str | None = None) -> None:
        """One input failed: one line, and its traceback with -v."""
        self.report.failed += 1
        self.error(message)
        if trace and self.verbose:
            print_line(self.console, trace.rstrip("\n"))

    def inputs(self, found: Iterable[Input | Skipped]) -> Iterator[Input]:
        """The inputs found, saying which paths were skipped and why."""
        for item in found:
            if not isinstance(item, Skipped):
                yield item
            elif item.warn and not self.quiet:
                warning = f"warning: skipped {item.display}: {item.reason}"
                print_line(self.console, warning, style="yellow")
            elif self.verbose:
                self.say(f"skipped {item.display}: {item.reason}")

    def done(self, name: str, changed: bool, check: bool) -> None:
        if check and changed and not self.quiet:
            self.say(f"would clean {name}")
        elif self.verbose and not changed:
            self.say(f"unchanged {name}")

    def finish(self, summary: str) -> None:
        """
        The closing summary with the time taken, and with -v the changes made by
        each step.
        """
        if not self.quiet:
            seconds = time.monotonic() - self.started
            self.say(f"{summary} {self.report.pace(seconds)}")
            for line in self.report.step_lines() if self.verbose else []:
                self.say(line)


def print_line(console: Stream, message: str, style: str | None = None) -> None:
    # User text: brackets are not markup, and long paths are not wrapped.
    message = printable(message)
    if console.plain() and written_plain(console.file, message):
        return
    console.rich().print(
        message, style=style, markup=False, highlight=False, soft_wrap=True
    )


# What rich changes in a line it prints: the control characters it strips, tabs it
# expands, and `:name:` emoji codes (a colon, no white space, a colon).
RICH_REWRITES_RE = re.compile(r"[\x07\x08\x0b\x0c\x0d\t]|:\S*:")


def written_plain(file: IO[str], message: str) -> bool:
    """
    Write `message` and a line break to `file` as rich writes it on a console that
    shows no colours or styles, and say so; False, having written nothing, for a
    message rich would change (tests/test_perf_equivalence.py compares the two).
    """
    if RICH_REWRITES_RE.search(message):
        return False
    try:
        file.write(message + "\n")
    except UnicodeEncodeError:
        return False  # rich says how to fix the encoding
    file.flush()
    return True


def printable(text: str) -> str:
    """
    `text` with each lone surrogate shown as an escape: a byte of a file name that
    is not UTF-8 (which Python keeps as U+DC80..U+DCFF) as `\\xe9`, any other as
    `\\ud800`. UTF-8 can then write it, and the reader sees which byte it was.

        >>> print(printable("caf\\udce9.txt"), printable("a \\ud800 b"))
        caf\\xe9.txt a \\ud800 b
    """
    if not SURROGATE_RE.search(text):
        return text
    return SURROGATE_RE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match[0])
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def make_console(color: bool | None, stderr: bool = True) -> Stream:
    """
    A console for stderr (or stdout): coloured on a terminal unless NO_COLOR is set;
    `color` True or False (--color, --no-color) decides instead.
    """
    return Stream(color, stderr)


@dataclass
class Stream:
    """
    Where a run's messages go, stderr (or stdout) as it is when each is written. Lines
    that rich would print as they are, with no colour, are written directly; rich
    draws the rest, and the progress bar.
    """

    color: bool | None
    stderr: bool = True
    _rich: Console | None = None

    @property
    def file(self) -> IO[str]:
        return sys.stderr if self.stderr else sys.stdout

    def rich(self) -> Console:
        if self._rich is None:
            self._rich = _rich_console(self.color, self.stderr)
        return self._rich

    def plain(self) -> bool:
        """Whether rich would show this stream no colours or styles: no terminal, no
        FORCE_COLOR or TTY_COMPATIBLE asking for one, no Jupyter; or --no-color."""
        if self._rich is not None:
            return False
        if self.color is False:
            return True
        if self.color or "get_ipython" in dir(builtins):
            return False
        if os.environ.get("TTY_COMPATIBLE") or os.environ.get("FORCE_COLOR"):
            return False
        if sys.stdin is not None and getattr(sys.stdin, "__module__", "").startswith(
            "idlelib"
        ):
            return False
        return not _terminal(self.file)


def _rich_console(color: bool | None, stderr: bool) -> Console:
    from rich.console import Console

    class _Console(Console):
        """A console whose closed pipe ends the run as a closed stdout does (141)."""

        def on_broken_pipe(self) -> None:
            raise BrokenPipeError

    if color is None:
        return _Console(stderr=stderr)
    if color:
        return _Console(stderr=stderr, force_terminal=True)
    return _Console(stderr=stderr, color_system=None)


def progress_bar(messages: Messages, unit: str, *, stdout_busy: bool = False) -> Bar:
    """
    A transient progress bar on stderr: `unit`s done (or megabytes, for "byte"), the
    rate and the time left. It shows only on a terminal, without -q, and not while
    stdout goes to the terminal or a pipe (a pager), which it would draw over.
    """
    from vnclean.io import progress  # the bar's drawing is loaded only to be shown

    shown = not messages.quiet and _terminal(messages.console.file)
    if stdout_busy:
        shown = shown and not _terminal(sys.stdout) and not _pipe(sys.stdout)
    if not shown:
        return progress.Hidden()
    return progress.shown_bar(messages.console.rich(), unit)


def _terminal(stream: IO[str]) -> bool:
    try:
        return os.isatty(stream.fileno())
    except (OSError, ValueError, AttributeError):
        return False  # not a real file: a test's capture


def _pipe(stream: IO[str]) -> bool:
    try:
        return stat.S_ISFIFO(os.fstat(stream.fileno()).st_mode)
    except (OSError, ValueError, AttributeError):
        return False


def reopen_closed_streams() -> None:
    """
    Give stdout or stderr back when the shell started vnclean with it closed
    (`>&-`, `2>&-`): Python then has none, and the first write would be a traceback.
    Stdout is put back open for reading only, so writing text to it fails as it
    would for `cat` (Bad file descriptor): cleaned text is never lost in silence.
    Stderr goes to the null device: messages no one asked for; the exit status
    still tells.
    """
    for number, name, mode in ((1, "stdout", os.O_RDONLY), (2, "stderr", os.O_WRONLY)):
        if getattr(sys, name) is None:
            descriptor = os.open(os.devnull, mode)
            if descriptor != number:
                os.dup2(descriptor, number)
                os.close(descriptor)
            # Unbuffered: a write that failed leaves nothing to fail again at exit.
            raw = io.FileIO(number, "w", closefd=False)
            setattr(sys, name, io.TextIOWrapper(raw, "utf-8", write_through=True))


def run_to_exit(
    messages: Messages, work: Callable[[], None], summary: Callable[[], str]
) -> NoReturn:
    """
    Do a command's work, then say how it went and exit with its status. A signal
    ends the work early, with the shell's status for it; a closed pipe on stdout or
    stderr ends it quietly, as for `cat`.
    """
    status = None
    try:
        try:
            with signals.stopping():
                work()
        except Halt:
            pass  # the reason was said
        except _broken_pool() as error:
            messages.fail(f"error: internal error: a worker process died ({error})")
        except (KeyboardInterrupt, signals.Stopped) as stop:
            messages.error(f"stopped by {signals.name(stop)}")
            status = signals.exit_code(stop)
        messages.finish(summary())
    except BrokenPipeError:
        # The reader went away (`| head`): nothing more can be said to it.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.dup2(devnull, sys.stderr.fileno())
        sys.exit(EXIT_BROKEN_PIPE)
    sys.exit(messages.report.exit_code if status is None else status)


def _broken_pool() -> type[BaseException]:
    """The error of a worker pool whose process died; a run with no pool has none."""
    pool = sys.modules.get("concurrent.futures.process")
    return pool.BrokenProcessPool if pool else _NoError


class _NoError(Exception):
    """Raised by nothing."""
