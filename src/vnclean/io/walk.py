"""
Finding the input files: the paths given, and the files under folders that match a
pattern, each file once, without following a link out of the tree or round a loop;
and where each goes under an output folder.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from vnclean.errors import InputError, VncleanError
from vnclean.io.atomic import TEMP_RE
from vnclean.io.decoding import os_problem
from vnclean.io.patterns import Patterns


@dataclass(frozen=True)
class Input:
    """One input: a file (`path`) or stdin (`data`), or one that failed to be found."""

    display: str  # the name messages use: the path as the user wrote it, or "<stdin>"
    path: str | None  # None for stdin
    relative: str  # where it goes under the output folder
    problem: VncleanError | None = None
    data: bytes | None = None  # stdin's bytes, read by the caller
    stream: bool = False  # a pipe (`<(cmd)`, a FIFO): read once, as stdin is


@dataclass(frozen=True)
class Skipped:
    """A path met during a folder walk and left alone, with why."""

    display: str
    reason: str
    warn: bool  # a loop or a link out of the tree: worth a warning; else -v only


def find_inputs(
    paths: Iterable[str],
    *,
    glob: str | Iterable[str] = "*.txt",
    follow_links: bool = False,
    exclude: Iterable[str] = (),
    exclude_patterns: Iterable[str] = (),
    name_folders: bool = False,
) -> Iterator[Input | Skipped]:
    """
    The inputs named by `paths`, in order: files as given (symlinks followed), the
    files under folders that match `glob` (one pattern or several; sorted, recursed),
    each file once. Hidden folders (`.git`, `.venv`) are entered only when named, and
    files and folders matching `exclude_patterns` never. Folders in `exclude` (an
    output folder inside an input folder) are never entered. With `name_folders`, a
    folder's files go under its name in the output, so that two folders do not mix. A
    path that cannot be used comes out as an `Input` with its `problem` set; a folder
    with no matching file, as a warning.
    """
    globs = Patterns([glob] if isinstance(glob, str) else glob)
    walker = _Walker(
        globs,
        Patterns(exclude_patterns),
        follow_links,
        {os.path.realpath(path) for path in exclude},
    )
    for path in paths:
        try:
            info = os.stat(path)
        except OSError as error:
            yield _failed(path, InputError(path, os_problem(error)))
            continue
        if stat.S_ISDIR(info.st_mode):
            if os.path.realpath(path) in walker.walked:
                continue  # named twice, or inside a folder named before
            found = 0
            for item in walker.walk(path, folder_name(path) if name_folders else ""):
                found += isinstance(item, Input)
                yield item
            if not found:
                yield Skipped(path, f"no file in it matches {globs}", warn=True)
        elif stat.S_ISREG(info.st_mode):
            if walker.first_time(os.path.realpath(path)):
                yield Input(path, path, os.path.basename(path))
        elif stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode):
            yield Input(path, path, os.path.basename(path), stream=True)
        else:
            yield _failed(path, InputError(path, "not a regular file or folder"))


def folder_name(path: str) -> str:
    """The name a folder goes under in the output when several inputs share it."""
    name = os.path.basename(os.path.normpath(path))
    return (
        name
        if name not in ("", ".", "..")
        else os.path.basename(os.path.realpath(path))
    )


def _failed(path: str, problem: VncleanError) -> Input:
    return Input(path, path, os.path.basename(path), problem)


@dataclass
class _Walker:
    """One walk over all the input folders, so each file and folder comes up once."""

    globs: Patterns
    excluded_names: Patterns
    follow_links: bool
    excluded: set[str]
    seen: set[str] = field(default_factory=set)  # real paths of the files yielded
    walked: set[str] = field(default_factory=set)  # real paths of the folders entered

    def first_time(self, real: str) -> bool:
        new = real not in self.seen
        self.seen.add(real)
        return new

    def walk(self, root: str, name: str = "") -> Iterator[Input | Skipped]:
        real = os.path.realpath(root)
        if real not in self.walked:
            self.walked.add(real)
            yield from self._folder(root, "", (real,), real, name)

    def _folder(
        self,
        folder: str,
        relative: str,
        parents: tuple[str, ...],
        root: str,
        name: str,
    ) -> Iterator[Input | Skipped]:
        # `parents`: the real paths of this folder and those above it, up to `root`;
        # `relative`: the folder's path under `root`; `name`: the root's in the output.
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as error:
            yield _failed(folder, InputError(folder, os_problem(error)))
            return
        for entry in entries:
            if TEMP_RE.match(entry.name):
                continue
            path = os.path.join(folder, entry.name)
            rel = f"{relative}/{entry.name}" if relative else entry.name
            if self.excluded_names.matches(rel):
                yield Skipped(
                    path, f"excluded by --exclude {self.excluded_names}", False
                )
                continue
            real = os.path.realpath(path)
            if entry.is_symlink():
                reason = _unfollowable(path, real, root, parents, self.follow_links)
                if reason:
                    yield Skipped(path, reason, warn=self.follow_links)
                    continue
            try:
                is_dir, is_file = entry.is_dir(), entry.is_file()
                is_pipe = not (is_dir or is_file) and stat.S_ISFIFO(
                    entry.stat().st_mode
                )
            except OSError as error:
                yield Skipped(path, os_problem(error), warn=True)
                continue
            if is_dir and entry.name.startswith("."):
                yield Skipped(path, "hidden folder, entered only when named", False)
            elif is_dir and real not in self.excluded and real not in self.walked:
                self.walked.add(real)
                yield from self._folder(path, rel, (*parents, real), root, name)
            elif is_file and self.globs.matches(rel) and self.first_time(real):
                yield Input(path, path, os.path.join(name, *rel.split("/")))
            elif is_pipe:
                yield Skipped(path, "a FIFO, read only when named", warn=False)


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
