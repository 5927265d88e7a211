"""The pipeline's contract: ordered stages, explained changes that replay, clear errors."""

from __future__ import annotations

import doctest
import subprocess
import sys
from pathlib import Path

import pytest

import vnclean
from vnclean import normalize, pipeline

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
INPUTS = sorted((SAMPLES / "input").glob("*.txt"))


def test_bytes_are_refused_with_a_hint_to_decode() -> None:
    with pytest.raises(TypeError, match="decode"):
        vnclean.clean(b"H\xc3\xa0 N\xe1\xbb\x99i")  # type: ignore[arg-type]


def test_unknown_tone_style_is_refused() -> None:
    with pytest.raises(ValueError, match="tone_style"):
        vnclean.clean("hoà", tone_style="newest")


def test_stages_run_in_order_repair_normalize_strip() -> None:
    # Terminal escapes go first of all: the repair stage's ftfy takes their ESC alone.
    assert pipeline.STEPS[0] is normalize.remove_terminal_escapes
    stages = [pipeline.stage_of(step) for step in pipeline.STEPS[1:]]
    order = {"repair": 0, "normalize": 1, "strip": 2}
    assert stages == sorted(stages, key=order.__getitem__)


def test_step_names_are_unique_and_documented_with_an_example() -> None:
    names = pipeline.step_names()
    assert len(names) == len(set(names))
    for step in pipeline.STEPS:
        assert pipeline.reason_of(step), step.__name__
        examples = doctest.DocTestParser().get_examples(step.__doc__ or "")
        assert examples, f"{step.__name__} has no doctest"


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_changes_replay_the_input_into_the_output(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    result = vnclean.clean_and_explain(text)
    assert result.text == vnclean.clean(text)
    assert vnclean.replay(text, result.changes) == result.text
    assert all(change.reason for change in result.changes)


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_stages_can_be_turned_off(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert vnclean.clean(text, repair=False, normalize=False, strip=False) == text


def test_diff_spans_work_at_word_granularity() -> None:
    before = "Ban Cán sự Аảng Chính phủ\nđiửu kiện\n"
    after = "Ban Cán sự Đảng Chính phủ\nđiều kiện\n"
    spans = pipeline.diff_spans(before, after)
    assert [(before[s:e], new) for s, e, new in spans] == [
        ("Аảng", "Đảng"),
        ("điửu", "điều"),
    ]


def test_result_to_dict_is_plain_data() -> None:
    data = vnclean.clean_and_explain("Hà\u00a0Nội\n").to_dict()
    assert data["text"] == "Hà Nội\n"
    assert data["changes"][0]["step"] == "replace_unicode_spaces"


def test_per_text_remembers_the_very_object_not_an_equal_one() -> None:
    # Keyed by equality, a cache asked once per word compared whole megabyte texts
    # on every call: quadratic time on a text equal to the one before.
    from vnclean.model import per_text

    seen: list[str] = []

    @per_text
    def length(text: str) -> int:
        seen.append(text)
        return len(text)

    text = "Hà Nội " * 3
    copy = "".join(list(text))  # equal, another object
    assert copy == text and copy is not text
    assert [length(text), length(text), length(copy), length(copy)] == [21] * 4
    assert len(seen) == 2


def test_skip_takes_any_collection_of_step_names_and_refuses_unknown_ones() -> None:
    text = "Hà  Nội"
    for skip in ({"collapse_spaces"}, ["collapse_spaces"], ("collapse_spaces",)):
        config = vnclean.Config(skip=skip, strip=False)  # type: ignore[arg-type]
        assert pipeline.run(text, config, explain=True).text == text
    with pytest.raises(ValueError, match="no step named collapse_space"):
        pipeline.run(text, vnclean.Config(skip={"collapse_space"}), explain=False)


def test_io_is_reachable_after_a_plain_import() -> None:
    code = "import vnclean; print(vnclean.io.decode_bytes(b'H\\xc3\\xa0', 'x'))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout == "Hà\n"
