"""
ftfy's own real-world cases (tests/data/ftfy, Apache-2.0, see SOURCE.md) through vnclean's
repair stage.

vnclean runs ftfy with curly quotes, full-width forms and ligatures kept and without NFC
or HTML unescaping (those are the writer's choice or the normalize stage's job), so the
reference is `ftfy.fix_text(original, FTFY_CONFIG)`: on every case ftfy passes, and on
every negative case, the Vietnamese steps around ftfy must add nothing and break
nothing. `test_fixed_modulo_config` also checks ftfy's expected `fixed` text, compared
after applying to both sides the fixes vnclean's configuration leaves off.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import ftfy
import pytest
from ftfy import fixes

from vnclean import clean
from vnclean.repair.mojibake import FTFY_CONFIG

DATA = Path(__file__).resolve().parent / "data" / "ftfy"
PASSING = ("in-the-wild.json", "language-names.json", "negative.json", "synthetic.json")
CASES = [
    pytest.param(case, id=f"{name[:-5]}:{case['label']}")
    for name in PASSING
    for case in json.loads((DATA / name).read_text(encoding="utf-8"))
    if case["expect"] == "pass"
]


def _repair(text: str) -> str:
    return clean(text, normalize=False, strip=False)


def _modulo_config(text: str) -> str:
    """The fixes FTFY_CONFIG turns off, applied so both sides can be compared."""
    text = unicodedata.normalize("NFC", text)
    text = fixes.fix_latin_ligatures(fixes.fix_character_width(text))
    return fixes.uncurl_quotes(
        unicodedata.normalize("NFKC", text) if "ŉ" in text else text
    )


@pytest.mark.parametrize("case", CASES)
def test_repair_stage_matches_ftfy(case: dict) -> None:
    ours = _repair(case["original"])
    if _modulo_config(ours) == _modulo_config(case["fixed"]):
        return  # as good as ftfy with every fix on (an entity inside mojibake)
    assert ours == ftfy.fix_text(case["original"], FTFY_CONFIG)


@pytest.mark.parametrize("case", CASES)
def test_fixed_modulo_config(case: dict) -> None:
    assert _modulo_config(_repair(case["original"])) == _modulo_config(case["fixed"])


def test_vietnamese_known_failure_of_ftfy_is_repaired() -> None:
    # ftfy 6.3.1 leaves the stray space of à's lost 0xA0 byte (UTF-8 read as
    # Windows-1250): "hà i". restore_lost_bytes puts the byte back first.
    cases = json.loads((DATA / "known-failures.json").read_text(encoding="utf-8"))
    case = next(c for c in cases if c["label"] == "A-with-grave in Vietnamese")
    assert _repair(case["original"]) == case["fixed"]
