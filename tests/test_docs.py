"""The README documents every step of the pipeline, in order, with its stage."""

from __future__ import annotations

import json
import re
from pathlib import Path

from vnclean import pipeline

README = Path(__file__).resolve().parent.parent / "README.md"
ROW_RE = re.compile(r"^\| (repair|normalize|strip) \| `(\w+)` \|", re.MULTILINE)


def test_readme_step_table_lists_every_step_in_order_with_its_stage() -> None:
    rows = ROW_RE.findall(README.read_text(encoding="utf-8"))
    steps = [(pipeline.stage_of(step), step.__name__) for step in pipeline.STEPS]
    assert rows == steps


def test_readme_rules_example_is_valid_rules_and_names_every_kind() -> None:
    from vnclean.io.user_files import rules_problem
    from vnclean.strip.rules import KINDS, Rules

    text = README.read_text(encoding="utf-8")
    paragraph = text[text.index("**Your own furniture rules.**") :].split("\n\n")[0]
    example = re.search(r"`(\{.*?\})`", paragraph, re.DOTALL).group(1)
    data = json.loads(example.replace("\n", " "))
    assert rules_problem(data) is None
    rules = Rules.from_data(data)
    assert rules.match("Bản quyền thuộc về báo ABC").kind == "footer"
    assert re.findall(r"`([a-z-]+)`", paragraph.split("A `kind` is one of")[1])[
        : len(KINDS)
    ] == list(KINDS)
