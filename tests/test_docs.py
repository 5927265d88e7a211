"""The README documents every step of the pipeline, in order, with its stage."""

from __future__ import annotations

import re
from pathlib import Path

from vnclean import pipeline

README = Path(__file__).resolve().parent.parent / "README.md"
ROW_RE = re.compile(r"^\| (repair|normalize|strip) \| `(\w+)` \|", re.MULTILINE)


def test_readme_step_table_lists_every_step_in_order_with_its_stage() -> None:
    rows = ROW_RE.findall(README.read_text(encoding="utf-8"))
    steps = [(pipeline.stage_of(step), step.__name__) for step in pipeline.STEPS]
    assert rows == steps
