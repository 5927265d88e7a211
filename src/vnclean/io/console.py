"""
What a run tells its user on stderr: one line per failed or skipped input, the
closing summary, and the progress bar.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rich.console import Console

from vnclean.io.jsonl import SURROGATE_RE
from vnclean.io.walk import Input, Skipped
from vnclean.report import Report


@dataclass
class Messages:
    """What a run tells its user on stderr, and its count of failures."""

    console: Console
    report: Report
    quiet: bool
    verbose: bool

    def say(self, message: str) -> None:
        print_line(self.console, message)

    def fail(self, message: str, trace: str | None = None) -> None:
        """One input failed: one line, and its traceback with -v."""
        self.report.failed += 1
        print_line(self.console, message, style="red")
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
        """The closing summary, and with -v the changes made by each step."""
        if not self.quiet:
            self.say(summary)
            for line in self.report.step_lines() if self.verbose else []:
                self.say(line)


def print_line(console: Console, message: str, style: str | None = None) -> None:
    # User text: brackets are not markup, and long paths are not wrapped.
    message = printable(message)
    console.print(message, style=style, markup=False, highlight=False, soft_wrap=True)


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
