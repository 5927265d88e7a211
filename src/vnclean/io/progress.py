"""
The progress bar a run draws on a terminal, and the stand-in that counts silently
when none is shown (a pipe, a file, -q).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from rich.console import Console


class Bar(Protocol):
    def __enter__(self) -> Any: ...
    def __exit__(self, *exc: object) -> None: ...
    def add_task(self, description: str, total: float | None = ...) -> Any: ...
    def advance(self, task: Any, advance: float = ...) -> None: ...


class Hidden:
    """A progress bar nobody sees: the tasks are taken and nothing is drawn."""

    def __enter__(self) -> Any:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def add_task(self, description: str, total: float | None = None) -> int:
        return 0

    def advance(self, task: Any, advance: float = 1) -> None:
        return None


def shown_bar(console: Console, unit: str) -> Bar:
    """`unit`s done (megabytes, for "byte"), the rate and the time left."""
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        TextColumn,
        TimeRemainingColumn,
        TransferSpeedColumn,
    )

    if unit == "byte":
        columns: tuple[ProgressColumn, ...] = (
            DownloadColumn(),
            TransferSpeedColumn(),
        )
    else:
        columns = (MofNCompleteColumn(), _rate(unit))
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        *columns,
        TimeRemainingColumn(),
        console=console,
        transient=True,
    )


def _rate(unit: str) -> Any:
    """A column of inputs per second: `12.5 files/s`."""
    from rich.progress import ProgressColumn, Task
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task: Task) -> Text:
            speed = task.finished_speed or task.speed
            return Text("" if speed is None else f"{speed:,.1f} {unit}s/s")

    return Rate()
