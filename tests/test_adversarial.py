"""
Hostile inputs finish: every regex and loop must be linear in its input, so a
megabyte-sized pathological line costs seconds, not hours. A quadratic or worse spot
blows through the ceiling at these sizes by orders of magnitude, so one generous hard
limit (`signal.alarm`) separates linear from not without measuring speed; the
seconds-per-MB figures at 1, 5 and 20 MB are bench/adversarial.py's job.
"""

from __future__ import annotations

import os
import signal
import sys
import traceback
import unicodedata
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import TypeVar

import pytest

import vnclean

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from adversarial import INPUTS  # noqa: E402

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

pytestmark = pytest.mark.skipif(
    not hasattr(signal, "SIGALRM"), reason="needs signal.alarm (POSIX)"
)


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


def _within_ceiling(function: Callable[[str], T], text: str) -> T:
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.alarm(CEILING)
    try:
        return function(text)
    except Blowup as error:
        pytest.fail(str(error), pytrace=False)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_clean_is_linear(name: str) -> None:
    text = INPUTS[name](SIZES.get(name, DEFAULT_SIZE))
    out = _within_ceiling(vnclean.clean, text)
    assert unicodedata.is_normalized("NFC", out)


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_clean_and_explain_is_linear(name: str) -> None:
    # What --diff and JSON output pay: the change list is diffed step by step.
    text = INPUTS[name](SIZES.get(name, DEFAULT_SIZE))
    result = _within_ceiling(vnclean.clean_and_explain, text)
    assert unicodedata.is_normalized("NFC", result.text)
