"""Every data table ships as UTF-8 NFC text with a header naming its source, and no duplicates."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

# Tables sit beside the code that reads them, anywhere in the package.
DATA = Path(__file__).resolve().parent.parent / "src" / "vnclean"
TABLES = sorted(DATA.rglob("*.tsv"))
JSON_FILES = sorted(DATA.rglob("*.json"))


@pytest.mark.parametrize("path", TABLES, ids=lambda p: str(p.relative_to(DATA)))
def test_table_is_nfc_with_a_source_header_and_unique_keys(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text == unicodedata.normalize("NFC", text)
    lines = text.splitlines()
    comments = [line for line in lines if line.startswith("#")]
    assert comments, "a table starts with # lines naming its source and licence"
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    keys = [row[0] for row in rows[1:]]
    assert len(keys) == len(set(keys)), "duplicate keys"


@pytest.mark.parametrize("path", JSON_FILES, ids=lambda p: str(p.relative_to(DATA)))
def test_json_data_parses_and_is_nfc(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text == unicodedata.normalize("NFC", text)
    json.loads(text)
