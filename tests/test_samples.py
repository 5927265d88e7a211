"""
The five acceptance samples come out exactly as `samples/expected/` says: the files
`vnclean clean samples/input -o out` writes, which end with a line break.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from vnclean import clean
from vnclean.io.runner import as_text_file

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
NAMES = sorted(p.name for p in (SAMPLES / "input").glob("*.txt"))


@pytest.mark.parametrize("name", NAMES)
def test_sample_cleans_to_expected(name: str) -> None:
    source = (SAMPLES / "input" / name).read_text(encoding="utf-8")
    expected = (SAMPLES / "expected" / name).read_text(encoding="utf-8")
    assert as_text_file(clean(source)) == expected


@pytest.mark.parametrize("name", NAMES)
def test_expected_is_stable(name: str) -> None:
    expected = (SAMPLES / "expected" / name).read_text(encoding="utf-8")
    assert clean(expected) == expected
