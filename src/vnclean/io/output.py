"""
Where the cleaned inputs of a `clean` run go: stdout, files mirrored under an output
folder (never over an input, never two inputs into one file), or the inputs
themselves, rewritten atomically.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from vnclean.errors import InputError
from vnclean.io import runner
from vnclean.io.atomic import (
    atomic_writer,
    remove_stale_temporary_files,
    write_atomically,
)
from vnclean.io.plan import Plan
from vnclean.io.runner import binary
from vnclean.io.walk import Input, output_path
from vnclean.model import Result


@dataclass
class Output:
    """Where a plan's cleaned inputs go: stdout, files under -o, or the inputs."""

    plan: Plan
    say: Callable[[str], None]  # a note for the user, on stderr
    # Output file -> the input written there, so two inputs never share one.
    written: dict[str, str] = field(default_factory=dict)
    swept: set[str] = field(default_factory=set)  # folders cleared of stale temp files

    def write_file(self, item: Input, result: Result, changed: bool) -> None:
        plan = self.plan
        if plan.destination == "none":
            return
        data = runner.formatted(item.display, result, plan.output_format)
        if plan.destination == "stdout":
            stdout = binary(sys.stdout)
            stdout.write(data)
            stdout.flush()
        elif plan.destination == "in-place":
            if changed:
                target = self._in_place(item)
                write_atomically(target, data, mode_of=target, backup=plan.backup)
        else:
            suffix = ".json" if plan.output_format == "json" else ""
            target = self._target(item, suffix)
            write_atomically(target, data, mode_of=_mode_source(item))

    def record_sink(self, item: Input) -> Any:
        """Where the records of a JSON-lines input go, as a context manager."""
        plan = self.plan
        if plan.destination == "none":
            return runner.Borrowed(None)
        if plan.destination == "stdout":
            return runner.Borrowed(binary(sys.stdout))
        if plan.destination == "in-place":
            target = self._in_place(item)
            return atomic_writer(target, mode_of=target, backup=plan.backup)
        return atomic_writer(self._target(item), mode_of=_mode_source(item))

    def _in_place(self, item: Input) -> str:
        """The file to rewrite: through a symbolic link, its target, so the link stays."""
        if item.stream:
            raise InputError(item.display, "a pipe cannot be rewritten in place")
        target = os.path.realpath(item.path) if os.path.islink(item.path) else item.path
        self._sweep(os.path.dirname(target) or os.curdir)
        return target

    def _target(self, item: Input, suffix: str = "") -> str:
        """Where `item` goes under -o: inside the folder, not on an input or output."""
        target = output_path(self.plan.output, item.relative, suffix)
        if os.path.exists(target) and os.path.samefile(target, item.path):
            raise InputError(target, "the output would overwrite its input")
        key = os.path.realpath(target)
        if key in self.written:
            raise InputError(target, f"already written from {self.written[key]}")
        self.written[key] = item.display
        self._sweep(os.path.dirname(target))
        return target

    def _sweep(self, folder: str) -> None:
        # A run killed outright (SIGKILL, a power cut) leaves its temporary files.
        if folder not in self.swept:
            self.swept.add(folder)
            for path in remove_stale_temporary_files(folder):
                self.say(f"removed {path}, left by an interrupted run")


def _mode_source(item: Input) -> str | None:
    # A file written under -o takes its input's permissions; a pipe's are no guide.
    return None if item.stream else item.path
