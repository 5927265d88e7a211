"""The review of a run: word diffs, folded reasons, traced lines, the piped diff."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from vnclean import clean_and_explain
from vnclean.model import Change, Result
from vnclean.review import fold
from vnclean.review.terminal import (
    diff_lines,
    explanation,
    print_diff,
    terminal_lines,
)
from vnclean.review.trace import review
from vnclean.review.visible import shown
from vnclean.review.worddiff import DELETE, EQUAL, INSERT, shortened, word_diff

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "input"
# Any escape sequence but SGR (colours and styles): what a scraped page could use to
# clear the screen, move the cursor or set the window title.
NOT_SGR_RE = re.compile(r"\x1b(?!\[[0-9;]*m)|[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f-\x9f]")

# Word diffs -------------------------------------------------------------------------


def sides(pieces: list) -> tuple[str, str]:
    old = "".join(p.text for p in pieces if p.op in (EQUAL, DELETE))
    new = "".join(p.text for p in pieces if p.op in (EQUAL, INSERT))
    return old, new


def test_word_diff_marks_only_the_mended_word() -> None:
    before = "Ban Cán sự Аảng Chính phủ " * 20
    after = before.replace("Аảng", "Đảng", 1)
    pieces = word_diff(before, after)
    changed = [(p.op, p.text) for p in pieces if p.op != EQUAL]
    assert changed == [(DELETE, "Аảng"), (INSERT, "Đảng")]


def test_word_diff_sees_a_no_break_space_become_a_space() -> None:
    pieces = word_diff("Hà\u00a0Nội", "Hà Nội")
    assert [(p.op, p.text) for p in pieces] == [
        (EQUAL, "Hà"),
        (DELETE, "\u00a0"),
        (INSERT, " "),
        (EQUAL, "Nội"),
    ]


@settings(derandomize=True, max_examples=300)
@given(st.text(), st.text())
def test_word_diff_pieces_rebuild_both_sides(before: str, after: str) -> None:
    assert sides(word_diff(before, after)) == (before, after)


def test_shortened_keeps_a_little_context_around_each_change() -> None:
    before = "một " * 100 + "Аảng " + "hai " * 100
    after = before.replace("Аảng", "Đảng")
    short = shortened(word_diff(before, after), keep=12)
    text = "".join(p.text for p in short)
    assert len(text) < 50
    assert text.startswith("…") and text.endswith("…")
    assert [p.text for p in short if p.op != EQUAL] == ["Аảng", "Đảng"]


# Hidden characters ------------------------------------------------------------------


def test_hidden_characters_are_named() -> None:
    assert shown("a\u00a0b\u200bc\u00add") == "a⟨NBSP⟩b⟨ZWSP⟩c⟨SHY⟩d"
    assert (
        shown("\x1b]0;owned\x07\x1b[2J\u202e") == "⟨ESC⟩]0;owned⟨BEL⟩⟨ESC⟩[2J⟨U+202E⟩"
    )
    assert shown("caf\udce9.txt") == "caf\\xe9.txt"


@settings(derandomize=True, max_examples=300)
@given(st.text())
def test_shown_text_has_no_control_character(text: str) -> None:
    assert not NOT_SGR_RE.search(shown(text))


# Tracing and folding ----------------------------------------------------------------


def test_changes_are_traced_to_input_lines_and_folded() -> None:
    lines = [f"Dòng {n} có\u00a0khoảng trắng." for n in range(1, 6)]
    before = "\n\n".join(lines) + "\n"
    result = clean_and_explain(before)
    document = review("a.txt", before, result)
    reasons = fold.by_reason(document.repairs)
    nbsp = [f for r in reasons for f in r.folds if f.first.change.before == "\u00a0"]
    assert len(nbsp) == 1
    assert nbsp[0].count == 5
    assert fold.lines(nbsp[0].lines) == "lines 1–9"  # input lines 1, 3, 5, 7, 9
    said = [text for text, _ in explanation(document)]
    assert any("'\\xa0' -> ' ' ×5, lines 1–9" in line for line in said), said


def test_every_traced_change_lies_on_its_line() -> None:
    # Steps that change the original text see it where it is: the change's
    # `before` is on the input line it is traced to.
    before = (SAMPLES / "001_2b3171e4b9b06d55.txt").read_text(encoding="utf-8")
    result = clean_and_explain(before)
    document = review("001.txt", before, result)
    lines = before.split("\n")
    first_step = result.changes[0].step
    firsts = [x for x in document.repairs if x.change.step == first_step]
    assert firsts
    for located in firsts:
        assert located.change.before in lines[located.line - 1]


def test_layout_is_said_once_and_not_as_a_repair() -> None:
    before = "Hà Nội mưa to.\nSáng nay trời mưa rất to ở nhiều nơi.\nChiều tạnh.\n"
    result = clean_and_explain(before)
    document = review("a.txt", before, result)
    assert document.layout  # the strip stage parted the paragraphs
    assert not document.repairs
    said = [text for text, _ in explanation(document)]
    assert len([line for line in said if line.startswith("layout:")]) == 1
    assert not any("'\\n' -> '\\n\\n'" in line for line in said)


def test_removed_lines_are_told_by_kind_with_input_line_numbers() -> None:
    before = "Hà Nội mưa to\n.\nSáng nay trời mưa.\nTrả lời"
    document = review("a.txt", before, clean_and_explain(before))
    assert [(x.line, x.removed.kind) for x in document.removed] == [
        (2, "punctuation"),
        (4, "comment-widget"),
    ]
    rows = [(row.kind, row.line) for row in document.rows]
    assert ("removed", 2) in rows and ("removed", 4) in rows


# The terminal view ------------------------------------------------------------------


def rendered(name: str, before: str) -> str:
    result = clean_and_explain(before)
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=100, highlight=False)
    for line in terminal_lines(name, before, result.text, result):
        console.print(line)
    return out.getvalue()


def test_terminal_view_never_passes_an_escape_sequence_from_the_text() -> None:
    hostile = "\x1b]0;owned\x07Hà\u00a0Nội \x1b[2J\x9b31m mưa\x1b[31m to.\n"
    out = rendered("\x1b[2Jbad\nname.txt", hostile)
    assert not NOT_SGR_RE.search(out), repr(out)
    assert "⟨ESC⟩[2Jbad⟨LF⟩name.txt" in out


def test_terminal_view_colours_the_words_inside_the_line() -> None:
    before = (SAMPLES / "001_2b3171e4b9b06d55.txt").read_text(encoding="utf-8")
    out = rendered("001.txt", before)
    plain = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert "\x1b[" in out
    assert "Аảng" in plain and "Đảng" in plain and "⟨NBSP⟩" in plain
    assert "← removed: dateline" in plain
    assert "'Аảng' -> 'Đảng' ×13" in plain


# The piped diff ---------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("patch") is None, reason="no patch program")
@pytest.mark.parametrize("sample", sorted(p.name for p in SAMPLES.glob("*.txt")))
def test_piped_diff_applies_with_patch(tmp_path: Path, sample: str) -> None:
    before = (SAMPLES / sample).read_text(encoding="utf-8")
    (tmp_path / sample).write_text(before, encoding="utf-8", newline="")
    result = clean_and_explain(before)
    diff = "".join(diff_lines(sample, before, result.text, result))
    assert diff.startswith(f"--- {sample}\n+++ {sample}\n")
    done = subprocess.run(
        ["patch", "-p0", "--quiet", "--batch"],
        input=diff.encode("utf-8"),
        cwd=tmp_path,
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode() + done.stdout.decode()
    assert (tmp_path / sample).read_text(encoding="utf-8") == result.text


def test_piped_diff_keeps_the_text_as_it_is() -> None:
    # Only what the diff shows as changed may differ; the patch needs the bytes.
    before = "a\x1b[31m  b\n"
    change = Change("collapse_spaces", 7, 9, "  ", " ", "Collapse spaces")
    result = Result("a\x1b[31m b\n", [change])
    diff = "".join(diff_lines("x.txt", before, result.text, result))
    assert "-a\x1b[31m  b\n+a\x1b[31m b\n" in diff
    comments = [line for line in diff.splitlines() if line.startswith("#")]
    assert comments and not any("\x1b" in line for line in comments)


def test_piped_diff_survives_lone_surrogates_and_names_that_are_not_utf8() -> None:
    stream = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    before = "Hà\u00a0Nội \ud800 mưa  to.\n"  # a broken JSON escape
    result = clean_and_explain(before)
    print_diff("caf\udce9.txt", before, result.text, result, stream=stream)
    data = stream.buffer.getvalue()  # type: ignore[attr-defined]
    assert data.startswith(b"--- caf\\xe9.txt\n")
    assert b"\\ud800" in data


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_view_follows_the_terminal_color_and_no_color(monkeypatch) -> None:
    before = "Hà\u00a0Nội mưa to.\n"
    result = clean_and_explain(before)

    def shown_on(stream: io.StringIO, **options: object) -> str:
        print_diff("a.txt", before, result.text, result, stream=stream, **options)
        return stream.getvalue()

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert "━━ a.txt" in shown_on(Terminal()) and "\x1b[" in shown_on(Terminal())
    assert shown_on(io.StringIO()).startswith("--- a.txt\n")
    assert "━━ a.txt" in shown_on(io.StringIO(), color=True)  # --color into a pager
    assert shown_on(Terminal(), color=False).startswith("--- a.txt\n")
    monkeypatch.setenv("NO_COLOR", "1")  # colour alone tells deleted from inserted
    assert shown_on(Terminal()).startswith("--- a.txt\n")
