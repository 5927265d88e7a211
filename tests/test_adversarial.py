"""
Hostile inputs finish: every regex and loop must be linear in its input, so a
megabyte-sized pathological line costs seconds, not hours. Two generous checks, far
from what a linear pass needs: a hard ceiling (`signal.alarm`, 20 s) for blow-ups in
Python or in regexes, which check for signals; and four times the input may take at
most ten times as long (plus 2 s), for quadratic C code such as the canonical
reordering in unicodedata.normalize, which no signal interrupts. The seconds-per-MB
figures at 1, 5 and 20 MB are bench/adversarial.py's job.
"""

from __future__ import annotations

import os
import signal
import sys
import time
import traceback
import unicodedata
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import TypeVar

import pytest

import vnclean

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from adversarial import INPUTS

CEILING = int(os.environ.get("VNCLEAN_ADVERSARIAL_SECONDS", "20"))
# Characters per input: a 2 MB line; 100 000 marks, brackets, entities in a row;
# 250 000 short lines; a megabyte for the rest.
SIZES = {
    "one-char-lines": 500_000,
    "blank-lines": 500_000,
    "vietnamese-one-line": 2_000_000,
    "combining-marks": 100_000,
    "open-brackets": 100_000,
    "mixed-brackets": 100_000,
    "amp-entities": 500_000,  # 100 000 "&amp;"
}
DEFAULT_SIZE = 1_000_000
T = TypeVar("T")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not hasattr(signal, "SIGALRM"), reason="needs signal.alarm (POSIX)"
    ),
]


class Blowup(Exception):
    pass


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    # Name where it was stuck; the traceback of a frame interrupted here can be
    # one pytest cannot render.
    where = " <- ".join(
        f"{Path(f.filename).name}:{f.lineno} {f.name}"
        for f in reversed(traceback.extract_stack(frame)[-6:])
    )
    raise Blowup(f"over {CEILING} s, not linear in its input; in {where}")


def _within_ceiling(function: Callable[[str], T], text: str) -> tuple[T, float]:
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.alarm(CEILING)
    start = time.perf_counter()
    try:
        return function(text), time.perf_counter() - start
    except Blowup as error:
        pytest.fail(str(error), pytrace=False)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _check_linear(name: str, function: Callable[[str], T]) -> T:
    size = SIZES.get(name, DEFAULT_SIZE)
    _, quarter = _within_ceiling(function, INPUTS[name](size // 4))
    out, full = _within_ceiling(function, INPUTS[name](size))
    assert full <= 10 * quarter + 2, (
        f"{name}: {full:.1f} s for {size} characters, {quarter:.2f} s for a quarter"
    )
    return out


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_clean_is_linear(name: str) -> None:
    out = _check_linear(name, vnclean.clean)
    assert unicodedata.is_normalized("NFC", out)


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_clean_and_explain_is_linear(name: str) -> None:
    # What --diff and JSON output pay: the change list is diffed step by step.
    result = _check_linear(name, vnclean.clean_and_explain)
    assert unicodedata.is_normalized("NFC", result.text)
