"""
Writing files so that a crash never leaves a half-written one: the bytes go to a
hidden temporary file beside the target, which replaces it only once complete.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from typing import IO

import regex

# Temporary files of an atomic write: hidden, and never ending in the input's suffix,
# so a later run never takes one left by a killed run for an input.
TEMP_PREFIX = "."
TEMP_MARK = ".vnclean-tmp-"
TEMP_RE = regex.compile(r"^\..*\.vnclean-tmp-[^.]*$")


@contextlib.contextmanager
def atomic_writer(
    path: str, *, mode_of: str | None = None, backup: str | None = None
) -> Iterator[IO[bytes]]:
    """
    A binary file that replaces `path` only once everything was written and synced:
    the bytes go to a hidden temporary file beside it, then `os.replace`. Readers see
    the old file or the new one, never a mix. With `backup`, the old file is first
    kept as `path + backup`. The new file takes the permissions of `mode_of`.
    """
    folder, name = os.path.split(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{name}{TEMP_MARK}", dir=folder)
    try:
        with os.fdopen(fd, "wb") as file:
            yield file
            file.flush()
            os.fsync(file.fileno())
        if mode_of is not None:
            os.chmod(temp, stat.S_IMODE(os.stat(mode_of).st_mode))
        if backup and os.path.exists(path):
            # Copied in chunks: a JSON-lines corpus may not fit in memory.
            with (
                open(path, "rb") as old,
                atomic_writer(path + backup, mode_of=path) as copy,
            ):
                shutil.copyfileobj(old, copy)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def write_atomically(
    path: str, data: bytes, *, mode_of: str | None = None, backup: str | None = None
) -> None:
    """Write `data` to `path` through `atomic_writer`."""
    with atomic_writer(path, mode_of=mode_of, backup=backup) as file:
        file.write(data)
