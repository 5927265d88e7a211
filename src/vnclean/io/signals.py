"""
Stopping a run cleanly on a signal. Ctrl-C (SIGINT) raises KeyboardInterrupt as usual;
SIGTERM and SIGHUP raise `Stopped` in the same way, so that every write in progress
removes its temporary file on the way out and the run ends with the shell's code for
the signal (128 + its number). Worker processes ignore SIGINT and SIGHUP, which a
terminal sends to the whole process group: the parent alone decides how to stop.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator
from types import FrameType

# Signals that stop a run: each raises an exception in the main thread.
STOPPING = (signal.SIGTERM, signal.SIGHUP)
# Signals a terminal sends to every process of the group, workers included.
GROUP_SIGNALS = (signal.SIGINT, signal.SIGHUP)


class Stopped(BaseException):
    """The run was asked to stop by a signal; not an error of any input."""

    def __init__(self, number: int) -> None:
        super().__init__(signal.Signals(number).name)
        self.number = number

    @property
    def exit_code(self) -> int:
        return 128 + self.number


def exit_code(stop: BaseException) -> int:
    """The shell's exit status for a run ended by `stop` (Ctrl-C gives 130)."""
    if isinstance(stop, Stopped):
        return stop.exit_code
    return 128 + signal.SIGINT


def name(stop: BaseException) -> str:
    """The signal that ended a run, as a user knows it."""
    if isinstance(stop, Stopped):
        return signal.Signals(stop.number).name
    return "Ctrl-C (SIGINT)"


@contextlib.contextmanager
def stopping() -> Iterator[None]:
    """While inside, SIGTERM and SIGHUP raise `Stopped`; the old handlers come back."""
    previous = {number: signal.getsignal(number) for number in STOPPING}
    try:
        for number in STOPPING:
            signal.signal(number, _stop)
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _stop(number: int, frame: FrameType | None) -> None:
    raise Stopped(number)


def ignore_group_signals() -> None:
    """In a worker: leave the signals a terminal sends the group to the parent."""
    for number in GROUP_SIGNALS:
        signal.signal(number, signal.SIG_IGN)
