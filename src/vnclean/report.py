"""
What a command-line run tells its user: counters of inputs cleaned, unchanged and
failed, changes by step and removed lines by kind, the closing summary line and the exit
code. What `--diff` and `--report` show is built in `vnclean.review`.
"""

from __future__ import annotations

import collections
from collections.abc import Iterator
from dataclasses import dataclass, field

from vnclean.model import Result

# Exit codes: 123 (some input failed) beats 1 (--check found changes), as in xargs.
EXIT_OK = 0
EXIT_CHANGES = 1
EXIT_USAGE = 2  # a usage error: Click exits so itself
EXIT_FAILED = 123


@dataclass
class Report:
    """
    Counts what a run did and says so at the end.

        >>> report = Report()
        >>> report.count(True, Result("b"))
        >>> report.count(False, Result("a"))
        >>> report.failed += 1
        >>> report.summary(), report.exit_code
        ('1 file cleaned, 1 left unchanged, 1 failed.', 123)
    """

    unit: str = "file"
    check: bool = False  # a --check run: changes are only counted, as would-be
    cleaned: int = 0
    unchanged: int = 0
    failed: int = 0
    stopped: bool = False  # the run could not do its job (nothing to learn, disk full)
    bytes_read: int = 0  # of the inputs counted
    learned: int = 0  # documents a `learn` run counted
    lines_learned: int = 0  # the lines of its profile
    saved_to: str | None = None  # where the profile went
    changes: collections.Counter[str] = field(default_factory=collections.Counter)
    removed: collections.Counter[str] = field(default_factory=collections.Counter)
    # Per step, how many inputs it changed (shown with -v).
    inputs_by_step: collections.Counter[str] = field(
        default_factory=collections.Counter
    )

    def count(self, changed: bool, result: Result, size: int = 0) -> None:
        """
        Count one input of `size` bytes that was cleaned (or would be, with `changed`)
        or not.
        """
        self.bytes_read += size
        if changed:
            self.cleaned += 1
        else:
            self.unchanged += 1
        steps = collections.Counter(change.step for change in result.changes)
        self.changes.update(steps)
        self.inputs_by_step.update(steps.keys())
        self.removed.update(line.kind for line in result.removed)

    @property
    def exit_code(self) -> int:
        if self.failed or self.stopped:
            return EXIT_FAILED
        if self.check and self.cleaned:
            return EXIT_CHANGES
        return EXIT_OK

    def summary(self) -> str:
        """
        One line: `3 files cleaned, 14 left unchanged, 1 failed.` and, when there were
        any, the changes by step and the removed lines by kind.
        """
        done = "would be cleaned" if self.check else "cleaned"
        parts = [f"{counted(self.cleaned, self.unit)} {done}"]
        parts.append(f"{self.unchanged} left unchanged")
        if self.failed:
            parts.append(f"{self.failed} failed")
        line = ", ".join(parts) + "."
        if self.changes:
            line += f" Changes: {_by_count(self.changes)}."
        if self.removed:
            line += f" Lines removed: {_by_count(self.removed)}."
        return line

    def pace(self, seconds: float) -> str:
        """
        How long the run took and, when it read anything, how fast.

            >>> Report(bytes_read=12_345_678).pace(4.9)
            '12.3 MB in 4.9 s (2.5 MB/s).'
            >>> Report(bytes_read=54_321).pace(0.5)
            '54.3 kB in 0.5 s (108.6 kB/s).'
        """
        if not self.bytes_read:
            return f"In {seconds:.1f} s."
        unit, size = ("MB", 1_000_000) if self.bytes_read >= 1_000_000 else ("kB", 1000)
        amount = self.bytes_read / size
        rate = amount / max(seconds, 0.001)
        return f"{amount:,.1f} {unit} in {seconds:.1f} s ({rate:,.1f} {unit}/s)."

    def learned_summary(self) -> str:
        """
        The closing line of `learn`.

            >>> report = Report(unit="document", learned=7, failed=1)
            >>> report.lines_learned, report.saved_to = 12, "p.json"
            >>> report.learned_summary()
            'Learned 12 lines from 7 documents into p.json; 1 failed.'
            >>> Report(unit="document").learned_summary()
            'Nothing learned from 0 documents.'
        """
        failures = f"; {self.failed} failed" if self.failed else ""
        documents = counted(self.learned, self.unit)
        if self.saved_to is None:
            return f"Nothing learned from {documents}{failures}."
        lines = counted(self.lines_learned, "line")
        return f"Learned {lines} from {documents} into {self.saved_to}{failures}."

    def step_lines(self) -> list[str]:
        """For -v: per step, its changes and how many inputs it touched."""
        return [
            f"  {step}: {counted(n, 'change')}"
            f" in {counted(self.inputs_by_step[step], self.unit)}"
            for step, n in self.changes.most_common()
        ]


def counted(n: int, noun: str) -> str:
    """`1 file`, `2 files`: a number and its noun, plural when it is not one."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _by_count(counter: collections.Counter[str]) -> str:
    return ", ".join(f"{key} {n}" for key, n in counter.most_common())


def diff_lines(name: str, before: str, after: str, result: Result) -> Iterator[str]:
    """The unified diff `--diff` writes to a pipe: see `vnclean.review.terminal`."""
    # Imported when used: the review modules count with `counted` from here.
    from vnclean.review.terminal import diff_lines as unified

    return unified(name, before, after, result)
