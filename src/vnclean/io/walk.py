"""
Finding the input files: the paths given, and the files under folders that match a
pattern, each file once, without following a link out of the tree or round a loop;
and where each goes under an output folder.
"""

from __future__ import annotations

import errno
import fnmatch
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from vnclean.errors import InputError, VncleanError
from vnclean.io.atomic import TEMP_RE
from vnclean.io.decoding import os_problem


@dataclass(frozen=True)
class Input:
    """One input: a file (`path`) or stdin (`data`), or one that failed to be found."""

    display: str  # the name messages use: the path as the user wrote it, or "<stdin>"
    path: str | None  # None for stdin
    relative: str  # where it goes under the output folder
    problem: VncleanError | None = None
    data: bytes | None = None  # stdin's bytes, read by the caller


@dataclass(frozen=True)
class Skipped:
    """A path met during a folder walk and left alone, with why."""

    display: str
    reason: str
    warn: bool  # a loop or a link out of the tree: worth a warning; else -v only


def find_inputs(
    paths: Iterable[str],
    *,
    glob: str = "*.txt",
    follow_links: bool = False,
    exclude: Iterable[str] = (),
) -> Iterator[Input | Skipped]:
    """
    The inputs named by `paths`, in order: files as given (symlinks followed), the
    files under folders that match `glob` (sorted, recursed), each file once. Folders
    in `exclude` (an output folder inside an input folder) are never entered. A path
    that cannot be used comes out as an `Input` with its `problem` set.
    """
    walker = _Walker(glob, follow_links, {os.path.realpath(path) for path in exclude})
    for path in paths:
        try:
            info = os.stat(path)
        except OSError as error:
            yield _failed(path, InputError(path, os_problem(error)))
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from walker.walk(path)
        elif stat.S_ISREG(info.st_mode):
            if walker.first_time(os.path.realpath(path)):
                yield Input(path, path, os.path.basename(path))
        else:
            yield _failed(path, InputError(path, "not a regular file or folder"))


def _failed(path: str, problem: VncleanError) -> Input:
    return Input(path, path, os.path.basename(path), problem)


@dataclass
class _Walker:
    """One walk over all the input folders, so each file and folder comes up once."""

    glob: str
    follow_links: bool
    excluded: set[str]
    seen: set[str] = field(default_factory=set)  # real paths of the files yielded
    walked: set[str] = field(default_factory=set)  # real paths of the folders entered

    def first_time(self, real: str) -> bool:
        new = real not in self.seen
        self.seen.add(real)
        return new

    def walk(self, root: str) -> Iterator[Input | Skipped]:
        real = os.path.realpath(root)
        if real not in self.walked:
            self.walked.add(real)
            yield from self._folder(root, "", (real,), real)

    def _folder(
        self, folder: str, relative: str, parents: tuple[str, ...], root: str
    ) -> Iterator[Input | Skipped]:
        # `parents`: the real paths of this folder and those above it, up to `root`.
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as error:
            yield _failed(folder, InputError(folder, os_problem(error)))
            return
        for entry in entries:
            if TEMP_RE.match(entry.name):
                continue
            path = os.path.join(folder, entry.name)
            real = os.path.realpath(path)
            if entry.is_symlink():
                reason = _unfollowable(path, real, root, parents, self.follow_links)
                if reason:
                    yield Skipped(path, reason, warn=self.follow_links)
                    continue
            try:
                is_dir, is_file = entry.is_dir(), entry.is_file()
            except OSError as error:
                yield Skipped(path, os_problem(error), warn=True)
                continue
            rel = os.path.join(relative, entry.name)
            if is_dir and real not in self.excluded and real not in self.walked:
                self.walked.add(real)
                yield from self._folder(path, rel, (*parents, real), root)
            elif (
                is_file
                and fnmatch.fnmatch(entry.name, self.glob)
                and self.first_time(real)
            ):
                yield Input(path, path, rel)


def _unfollowable(
    path: str, real: str, root: str, parents: tuple[str, ...], follow_links: bool
) -> str | None:
    if not follow_links:
        return "symbolic link, not followed without --follow-links"
    try:
        os.stat(path)
    except OSError as error:
        return "symlink loop" if error.errno == errno.ELOOP else "broken symbolic link"
    if real in parents:
        return "symlink loop"
    if not is_within(real, root):
        return "symbolic link to outside the input tree"
    return None


def is_within(path: str, folder: str) -> bool:
    """True when the real `path` is `folder` or lies under it."""
    path, folder = os.path.realpath(path), os.path.realpath(folder)
    return os.path.commonpath([path, folder]) == folder


def output_path(folder: str, relative: str, suffix: str = "") -> str:
    """Where an input goes under the output `folder`; never outside it."""
    target = os.path.normpath(os.path.join(folder, relative + suffix))
    if os.path.isabs(relative) or not is_within(target, folder):
        raise InputError(
            relative, f"output path would leave the output folder {folder}"
        )
    return target
