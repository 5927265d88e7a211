"""
The errors vnclean raises for a bad input. Each names the input and says in one line
what is wrong with it, so a caller can print `error: cannot clean <message>` and go on
with the next input.

    >>> str(BinaryFileError("notes.pdf", "binary file (NUL byte at offset 4)"))
    'notes.pdf: binary file (NUL byte at offset 4)'
"""

from __future__ import annotations


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


__all__ = [
    "BinaryFileError",
    "DecodeError",
    "InputError",
    "RecordError",
    "VncleanError",
]
