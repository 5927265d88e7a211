"""
Golden cases: `tests/cases/<group>/<name>.in.txt` cleaned (without the boilerplate
stage) must give `<name>.out.txt`, or come out unchanged when there is no `.out.txt`.
`known-failures/` runs under xfail(strict=True): an accidental fix fails until the
case is moved to its group. See tests/cases/README.md.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from vnclean import clean, clean_and_explain, replay

CASES = Path(__file__).resolve().parent / "cases"


def golden_cases() -> list[object]:
    params = []
    for source in sorted(CASES.glob("*/*.in.txt")):
        group = source.parent.name
        if "boilerplate" in group:
            continue  # tests/test_boilerplate.py runs those through the strip stage
        name = source.name.removesuffix(".in.txt")
        expected = source.with_name(name + ".out.txt")
        marks = [pytest.mark.xfail(strict=True)] if group == "known-failures" else []
        params.append(pytest.param(source, expected, id=f"{group}/{name}", marks=marks))
    return params


@pytest.mark.parametrize(("source", "expected"), golden_cases())
def test_case(source: Path, expected: Path) -> None:
    text = source.read_text(encoding="utf-8")
    want = expected.read_text(encoding="utf-8") if expected.exists() else text
    assert clean(text, strip=False) == want
    assert clean(want, strip=False) == want  # stable on a second pass


@pytest.mark.parametrize(
    "source", sorted(CASES.glob("negative/*.in.txt")), ids=lambda p: p.name
)
@pytest.mark.parametrize("tone_style", ["old", "new", "keep"])
def test_negative_cases_survive_every_tone_style(source: Path, tone_style: str) -> None:
    text = source.read_text(encoding="utf-8")
    if tone_style == "new":
        pytest.skip("negative cases are written in the default (old) style")
    assert clean(text, strip=False, tone_style=tone_style) == text


@pytest.mark.parametrize(
    "source", sorted(CASES.glob("normalize/*.in.txt")), ids=lambda p: p.name
)
def test_changes_replay_to_the_cleaned_text(source: Path) -> None:
    text = source.read_text(encoding="utf-8")
    result = clean_and_explain(text, strip=False)
    assert result.changes
    assert replay(text, result.changes) == result.text
