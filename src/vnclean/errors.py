"""
The errors vnclean raises for a bad input. Each names the input and says in one line
what is wrong with it, so a caller can print `error: cannot clean <message>` and go on
with the next input.

    >>> str(BinaryFileError("notes.pdf", "binary file (NUL byte at offset 4)"))
    'notes.pdf: binary file (NUL byte at offset 4)'
"""

from __future__ import annotations

import errno as errnos

# Write errors that every later write would meet too: the run stops at the first.
FATAL_ERRNOS = frozenset({errnos.ENOSPC, errnos.EDQUOT, errnos.EROFS})


class VncleanError(Exception):
    """An input vnclean cannot clean; the message is one line naming the input."""

    def __init__(self, name: str, problem: str) -> None:
        super().__init__(f"{name}: {problem}")
        self.name = name
        self.problem = problem

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        # Raised in worker processes and pickled back to the parent.
        return (type(self), (self.name, self.problem))


class InputError(VncleanError):
    """The input cannot be read: missing, unreadable, a symlink loop, ..."""


class DecodeError(VncleanError):
    """The bytes are not text in an encoding vnclean can tell with confidence."""


class BinaryFileError(DecodeError):
    """The bytes hold NUL bytes and no UTF-16 byte-order mark: not a text file."""


class RecordError(VncleanError):
    """One record of a JSON-lines input is not JSON or lacks the text field."""


class OutputError(VncleanError):
    """An output cannot be written; the message names the output, not the input."""

    def __init__(self, name: str, problem: str, errno: int | None = None) -> None:
        super().__init__(name, problem)
        self.errno = errno

    @property
    def fatal(self) -> bool:
        """True when no later output can be written either: a full or read-only disk."""
        return self.errno in FATAL_ERRNOS


__all__ = [
    "BinaryFileError",
    "DecodeError",
    "InputError",
    "OutputError",
    "RecordError",
    "VncleanError",
]
