"""
Writing files so that a crash never leaves a half-written one: the bytes go to a
hidden temporary file beside the target, which replaces it only once complete.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
from collections.abc import Iterator
from typing import IO

from vnclean import lazy
from vnclean.errors import OutputError

# Temporary files of an atomic write: hidden, and never ending in the input's suffix,
# so a later run never takes one left by a killed run for an input. The name carries
# the writer's process id, so a later run can tell one left by a run that is gone
# (`.a.txt.vnclean-tmp-4242-k2j9x`) from one being written now.
TEMP_PREFIX = "."
TEMP_MARK = ".vnclean-tmp-"
TEMP_RE = lazy.compile(r"^\..*\.vnclean-tmp-[^.]*$")
WRITER_RE = lazy.compile(r"\.vnclean-tmp-(\d+)-[^.]*$")


@contextlib.contextmanager
def atomic_writer(
    path: str, *, mode_of: str | None = None, backup: str | None = None
) -> Iterator[OutputFile]:
    """
    A binary file that replaces `path` only once everything was written and synced:
    the bytes go to a hidden temporary file beside it, then `os.replace`. Readers see
    the old file or the new one, never a mix. With `backup`, the old file is first
    kept as `path + backup`. The new file takes the permissions of `mode_of`. A
    failure to write raises `OutputError` naming `path`.
    """
    folder, name = os.path.split(os.path.abspath(path))
    prefix = f"{TEMP_PREFIX}{name}{TEMP_MARK}{os.getpid()}-"
    temp: str | None = None
    file: IO[bytes] | None = None
    try:
        # A signal that stops the run lands after the temporary file is both made and
        # known here, never in between, so the cleanup below always finds it.
        with _signals_held(), _naming(path):
            os.makedirs(folder, exist_ok=True)
            import tempfile

            fd, temp = tempfile.mkstemp(prefix=prefix, dir=folder)
            file = os.fdopen(fd, "wb")
        yield OutputFile(file, path)
        with _naming(path):
            file.flush()
            os.fsync(file.fileno())
            file.close()
            if mode_of is not None:
                os.chmod(temp, stat.S_IMODE(os.stat(mode_of).st_mode))
            if backup and os.path.exists(path):
                # Copied in chunks: a JSON-lines corpus may not fit in memory.
                import shutil  # loaded only for --backup

                with (
                    open(path, "rb") as old,
                    atomic_writer(path + backup, mode_of=path) as copy,
                ):
                    shutil.copyfileobj(old, copy)
            os.replace(temp, path)
    except BaseException:
        if file is not None:
            with contextlib.suppress(OSError):
                file.close()
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        raise


# The signals that stop a run (Ctrl-C, SIGTERM, SIGHUP).
STOP_SIGNALS = {
    getattr(signal, name)
    for name in ("SIGINT", "SIGTERM", "SIGHUP")
    if hasattr(signal, name)
}


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold back the signals that stop a run until the block is done (POSIX)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@contextlib.contextmanager
def _naming(path: str) -> Iterator[None]:
    """Turn an OSError of writing `path` into an `OutputError` that names it."""
    try:
        yield
    except OSError as error:
        problem = error.strerror or str(error)
        raise OutputError(path, problem, error.errno) from None


class OutputFile:
    """A file being written whose write errors name the output."""

    def __init__(self, file: IO[bytes], path: str) -> None:
        self.file = file
        self.path = path

    def write(self, data: bytes) -> int:
        with _naming(self.path):
            return self.file.write(data)

    def flush(self) -> None:
        with _naming(self.path):
            self.file.flush()


def write_atomically(
    path: str, data: bytes, *, mode_of: str | None = None, backup: str | None = None
) -> None:
    """Write `data` to `path` through `atomic_writer`."""
    with atomic_writer(path, mode_of=mode_of, backup=backup) as file:
        file.write(data)


def remove_stale_temporary_files(folder: str) -> list[str]:
    """
    Remove the temporary files in `folder` left by a run that was killed before it
    could (SIGKILL, a power cut); return their paths. Those of a live process, such as
    another run writing there now, are left alone.
    """
    try:
        names = [name for name in os.listdir(folder) if TEMP_RE.match(name)]
    except OSError:
        return []
    removed = []
    for name in names:
        writer = WRITER_RE.search(name)
        if writer and _alive(int(writer[1])):
            continue
        path = os.path.join(folder, name)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
            removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True
