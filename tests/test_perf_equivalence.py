"""
The cheap scans that let a step skip its work must never skip a change: each fast
path is checked against the plain algorithm it stands in for.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from vnclean import edits, normalize, syllable
from vnclean.normalize import characters, look_alikes, tones
from vnclean.normalize import words as normalize_words
from vnclean.repair import codepages, entities, lost_bytes, mojibake, words


def test_printable_rejects_every_character_the_steps_touch() -> None:
    patterns = (
        characters.CONTROL_RE,
        characters.C1_RE,
        characters.INVISIBLE_RE,
        characters.UNICODE_SPACE_RE,
    )
    for code in range(0x10000):  # every character of those classes is in the BMP
        char = chr(code)
        if char in "\n\r\t":
            continue
        if any(p.match(char) for p in patterns) or char == "\u200c":
            assert not characters._printable(char), hex(code)


@settings(derandomize=True, max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(" \t\r\n\u00a0aà"), max_size=12))
def test_space_shortcut_misses_no_space_to_collapse(text: str) -> None:
    if not characters._has_space_to_collapse(text):
        assert not characters.SPACE_RUN_RE.search(text)
        assert not characters.LINE_EDGE_SPACE_RE.search(text)


def _slow_place_tone_marks(text: str, tone_style: str) -> str:
    """place_tone_marks without its shortcut: every toned word is tried."""
    pinyin = {normalize_words.line_of(text, m) for m in tones.PINYIN_RE.finditer(text)}

    def replace(match):  # type: ignore[no-untyped-def]
        if pinyin and normalize_words.line_of(text, match) in pinyin:
            return None
        return tones._retone(match.group(), tone_style)

    toned = normalize_words.find_words(text, tones.TONED_RE)
    return edits.substitute(text, toned, replace)


def _edits(text: str) -> list[tuple[int, int, str, str]]:
    return [(e.start, e.end, e.after, e.reason) for e in getattr(text, "edits", ())]


# Vowel letters as syllables write them: either case, with at most one tone mark.
VOWEL_LETTERS = {
    case(unicodedata.normalize("NFC", vowel + mark))
    for vowel in syllable.VOWELS
    for mark in syllable.TONE_MARKS
    for case in (str.lower, str.upper)
}
# Letters of Vietnamese words in any case and spelling, and what sits near them.
LETTERS = sorted(
    VOWEL_LETTERS
    | set("bcdđghklmnpqrstvxĐBCDGHKLMNPQRSTVXyY")
    | set("\u0300\u0301\u0303\u0309\u0323\u0302\u031bṍḿǹñöİı2_- \n/.")
)
SYLLABLES = sorted(syllable.lexicon())[::7]


@pytest.mark.parametrize("tone_style", ["old", "new", "keep"])
@settings(derandomize=True, max_examples=400, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(alphabet=LETTERS, max_size=6),
            st.sampled_from(SYLLABLES),
            st.sampled_from(SYLLABLES).map(str.upper),
            st.sampled_from(SYLLABLES).map(lambda w: unicodedata.normalize("NFD", w)),
        ),
        max_size=12,
    ).map(" ".join)
)
def test_place_tone_marks_fast_path_agrees(tone_style: str, text: str) -> None:
    fast = normalize.place_tone_marks(text, tone_style=tone_style)
    slow = _slow_place_tone_marks(text, tone_style)
    assert str(fast) == str(slow)
    assert _edits(fast) == _edits(slow)


@pytest.mark.parametrize("tone_style", ["old", "new", "keep"])
def test_place_tone_marks_fast_path_agrees_on_every_misplaced_mark(
    tone_style: str,
) -> None:
    # Every lexicon syllable with its mark moved to each of its vowels, in context.
    words = []
    for word in sorted(syllable.lexicon())[::3]:
        bare, tone, _ = syllable.split_tone(word)
        if tone <= 0:
            continue
        for at, letter in enumerate(bare):
            if letter in syllable.VOWELS:
                mark = unicodedata.normalize("NFC", letter + syllable.TONE_MARKS[tone])
                words.append(bare[:at] + mark + bare[at + 1 :])
    text = " ".join(words) + "\n" + " ".join(w.capitalize() for w in words)
    fast = normalize.place_tone_marks(text, tone_style=tone_style)
    slow = _slow_place_tone_marks(text, tone_style)
    assert str(fast) == str(slow)
    assert _edits(fast) == _edits(slow)


# Attested syllables in either style and case, glued to punctuation, inside longer runs
# of letters, in URLs: where the settled spellings and the search by letters must not
# miss a word or change one the plain version keeps.
_NEW_STYLE = [syllable.respell(w, "new") or w for w in SYLLABLES]
_PIECES = st.one_of(
    st.sampled_from(SYLLABLES + _NEW_STYLE),
    st.sampled_from(_NEW_STYLE).map(str.capitalize),
    st.sampled_from(_NEW_STYLE).map(str.upper),
    st.sampled_from(
        sorted(syllable.PUNCTUATION) + ["x", "2", "_", "\u0301", "https://"]
    ),
)


@pytest.mark.parametrize("tone_style", ["old", "new", "keep"])
@settings(derandomize=True, max_examples=400, deadline=None)
@given(
    st.lists(st.lists(_PIECES, min_size=1, max_size=3).map("".join), max_size=12).map(
        " ".join
    )
)
def test_place_tone_marks_finds_words_by_their_letters(
    tone_style: str, text: str
) -> None:
    fast = normalize.place_tone_marks(text, tone_style=tone_style)
    slow = _slow_place_tone_marks(text, tone_style)
    assert str(fast) == str(slow)
    assert _edits(fast) == _edits(slow)


@pytest.mark.parametrize("tone_style", ["old", "new", "keep"])
def test_settled_spellings_are_left_alone(tone_style: str) -> None:
    settled = tones._settled_spellings(tone_style)
    assert len(settled) > 8000  # the whole lexicon, less the style's movers
    for word in settled:
        for form in (word, word.capitalize(), word.upper()):
            assert syllable.written_as(form, settled)
            assert tones._retone.__wrapped__(form, tone_style) is None, form
    # The words are the only words of their runs once punctuation is stripped.
    assert not regex.search(r"[\w\p{M}\s]", syllable.PUNCTUATION)


def test_digit_prefilter_finds_every_regex_digit() -> None:
    import regex

    from vnclean.strip import metadata

    slow = regex.compile(r"\d")
    for code in range(0x110000):
        char = chr(code)
        if slow.match(char):  # DIGIT_HINT_RE may say yes more often, never less
            assert metadata.DIGIT_HINT_RE.match(char), hex(code)


@settings(derandomize=True, max_examples=500, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(" \t\u00a0\u2028\x1c\x85ả.Ab/wW-–—5"), max_size=20)
)
def test_boilerplate_prefilters_agree(text: str) -> None:
    from vnclean.strip import lines, signals

    assert (
        lines.collapse(text)
        == lines.WHITESPACE_RUN_RE.sub(" ", unicodedata.normalize("NFC", text)).strip()
    )
    if "/" not in text and "www." not in text.lower():
        assert not signals.URL_RE.search(text)
    tail = text.rstrip()[-1:]
    if not ((tail.isdigit() or tail > "\uffff") and any(d in text for d in "-–—")):
        assert not signals.PLACEHOLDER_RE.match(text)


def test_regex_whitespace_and_digits_are_what_the_str_tests_assume() -> None:
    import regex

    space, digit = regex.compile(r"\s"), regex.compile(r"\d")
    for code in range(0x110000):
        char = chr(code)
        if space.match(char):
            assert char.isspace() and (char == " " or not char.isprintable()), hex(code)
        if digit.match(char) and code <= 0xFFFF:
            assert char.isdigit(), hex(code)


def test_look_alike_scan_is_the_table() -> None:
    table, scan = look_alikes.homoglyphs(), look_alikes._look_alike_re()
    for code in range(0x10000):
        char = chr(code)
        assert bool(scan.match(char)) == (char in table), hex(code)
    assert all(scan.match(char) for char in table)


def _slow_is_valid(word: str) -> bool:
    """is_valid as first written: through respell, parsing three times."""
    word = unicodedata.normalize("NFC", word)
    if syllable.respell(word, "old") is None:
        return False
    lower = word.lower()
    return lower in (
        syllable.spell(syllable.parse(word), "old"),
        syllable.spell(syllable.parse(word), "new"),
    )


def test_is_valid_agrees_with_the_respelling_it_stands_in_for() -> None:
    words = set(syllable.lexicon())
    words |= {
        syllable.spell(syllable.parse(w), "new") for w in words if syllable.parse(w)
    }
    # Misplaced marks, capitals, decomposed letters and a dotted capital I.
    words |= {w[::-1] for w in words} | {"Tòan", "hoà", "Uỷ", "İt", "ngưòi"}
    for word in sorted(words):
        for form in (
            word,
            word.upper(),
            word.title(),
            unicodedata.normalize("NFD", word),
        ):
            assert syllable.is_valid.__wrapped__(form) == _slow_is_valid(form), form


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("aàĐ7_.-'’ ,:/\t\u00adé"), max_size=40))
def test_credit_words_are_words_where_counts_alike_says_so(text: str) -> None:
    from vnclean.strip import words

    if words.counts_alike(text):
        assert words.count_credit_words(text, 100) == words.count_words(text, 100)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab7_.-'’ ,é"), min_size=20, max_size=60))
def test_thirteen_words_in_one_match_is_what_subn_counts(text: str) -> None:
    from vnclean.strip import words

    counted = words.WORD_PRINTABLE_RE.subn("", text, count=13)[1]
    assert words.count_words(text, words.COUNT_WORDS_TO) == counted


# The regex _is_domain replaced: right, but quadratic on a long run of dotted labels.
DOMAIN_ONLY_RE = regex.compile(r"[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}/?", regex.IGNORECASE)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab.-/KZ_é1 "), max_size=16))
def test_is_domain_is_the_domain_regex(text: str) -> None:
    from vnclean.strip import signals

    assert signals._is_domain(text) == bool(DOMAIN_ONLY_RE.fullmatch(text))


# Furniture and prose that share their first words or their word count, so a verdict
# kept under anything less than the whole line would be given to the wrong one.
FURNITURE_AND_PROSE = [
    "Trả lời",
    "Trả lời câu hỏi của cử tri, Bộ trưởng cho biết sẽ sửa luật trong năm nay.",
    "(0) Bình luận",
    "(0) Bình luận của bạn đọc về dự án đã được chuyển tới chủ đầu tư xem xét.",
    "14/10/2016 20:55",
    "14/10/2016 là ngày Quốc hội thông qua nghị quyết về phát triển kinh tế.",
    "Theo VnExpress",
    "Theo báo cáo",
    "Ảnh: anh-minh-hoa.jpg",
    "Ảnh minh họa",
    "https://example.vn/tin-tuc/bai-viet.html",
    "Nguyễn Văn An",
    "#covid #vaccine #hanoi",
    "Trang chủ > Thời sự > Chính trị",
    "POWERED BY ONECMS - A PRODUCT OF NEKO",
    "Xem thêm",
    "Sáng nay trời mưa to.",
    "12345",
    "...",
]


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FURNITURE_AND_PROSE), min_size=1, max_size=12))
def test_kept_line_verdicts_are_what_the_text_gives(lines: list[str]) -> None:
    from vnclean.strip import lines as strip_lines
    from vnclean.strip import signals

    # One Rules object for all examples, as for all documents of a corpus: its kept
    # verdicts must agree with working each line out afresh.
    shared = signals.Rules.shipped()
    for line in strip_lines.split_lines("\n".join(lines)):
        fresh = strip_lines.Line(0, line.start, line.end, line.text, line.count)
        assert signals.own_verdict(line, shared) == signals.read_verdict(
            fresh, shared
        ), line.text


@settings(derandomize=True, max_examples=1000, deadline=None)
@given(
    st.one_of(
        st.text(st.sampled_from("(0) TtrảhcXxbBìnlđĐÀànguyễ:/#|-.1w"), max_size=4),
        st.sampled_from(FURNITURE_AND_PROSE).map(lambda line: line[:4]),
    )
)
def test_patterns_a_prefix_could_start_are_those_its_partial_match_admits(
    prefix: str,
) -> None:
    from vnclean.strip import Rules

    rules = Rules.shipped()
    # Narrowed from the prefix one letter shorter, and kept, in the shared rules.
    admitted = tuple(
        p for p in rules.patterns if p.compiled.fullmatch(prefix, partial=True)
    )
    assert rules._could_start(prefix) == admitted


# --- the repair stage: each scan must find what the plain way finds -------------


def test_whitespace_is_what_regex_calls_white_space() -> None:
    import re

    import regex

    every = "".join(map(chr, range(0x110000)))
    assert re.findall(f"[{words.WHITESPACE}]", every) == regex.findall(r"\s", every)


FTFY_LINES = [
    "Ä‘Ã£ cÃ³ ngÆ°á»\x9di dÃ¹ng",  # Windows-1252, an undefined byte as C1
    "HÃ  Ná»™i lÃ  thá»§ Ä‘Ã´ cá»§a Viá»‡t Nam?",  # a `?`: the lossy step runs
    "cÃ ng",  # a no-break space byte turned into a space
    "Ä‘á» nghá»‹",  # a lost byte
    "sÃ³ Ã©",  # Latin-1
    "Ã„â€˜Ãƒ£",  # twice
    "Giá\x93 rẻ\x94 lắm",  # C1 quotes beside correct text
    "Ná»™i dung \ufffd Ä‘Ã£",
    "“Hà Nội” – Ông nói",
    "ÐÐ¾Ñ\x81ÐºÐ²Ð°",  # Russian
]


@pytest.mark.parametrize("line", FTFY_LINES)
def test_ftfy_line_is_ftfy(line: str) -> None:
    import ftfy

    want = ftfy.fix_and_explain(line, mojibake.FTFY_EXPLAIN)
    got = mojibake._ftfy_line(line)
    assert (got.text, got.explanation) == (want.text, want.explanation)


@settings(derandomize=True, max_examples=300)
@given(st.text(alphabet=st.sampled_from(sorted(set("".join(FTFY_LINES) + " \n\xa0?")))))
def test_fast_paths_agree_with_the_slow_ones(text: str) -> None:
    import ftfy

    for line in words.LINE_RE.findall(text):
        want = ftfy.fix_and_explain(line, mojibake.FTFY_EXPLAIN)
        got = mojibake._ftfy_line(line)
        assert (got.text, got.explanation) == (want.text, want.explanation)
    for codec in codepages.CODE_PAGES:
        data = codepages.as_bytes_or_nul(text, codec)
        gap = lost_bytes._gap_char_re(codec).search(text)
        assert bool(gap) == bool(lost_bytes.GAP_RE.search(data))
    suspects = mojibake._suspect_lines(text)
    for match in words.LINE_RE.finditer(text):
        if match.start() not in suspects:
            assert not mojibake._ftfy_may_change(match.group())
            view = codepages.utf8_view_re(codepages.CODE_PAGES[0])
            assert not any(map(view.search, words.TOKEN_RE.findall(match.group())))


@pytest.mark.parametrize("codec", codepages.CODE_PAGES)
def test_code_page_encoder_is_the_view(codec: str) -> None:
    # as_bytes tries the encoder first: where it succeeds it must agree with the
    # view's table, one character at a time (both map characters one to one).
    table = codepages.byte_of(codec)
    for code in range(0x110000):
        char = chr(code)
        try:
            data = char.encode(codec)
        except UnicodeEncodeError:
            continue
        assert data == bytes([table[char]])


# Every character of either code page's view, and a few that are in neither.
VIEW_CHARS = sorted(
    {char for codec in codepages.CODE_PAGES for char in codepages.byte_of(codec)}
    | set("đư ")
)


@given(st.text(alphabet=st.sampled_from(VIEW_CHARS), max_size=12))
def test_one_view_search_finds_what_the_code_pages_find(text: str) -> None:
    each = any(
        lost_bytes._view_words_re(codec).search(text) for codec in codepages.CODE_PAGES
    )
    assert (lost_bytes._any_view_word_re().search(text) is not None) == each


# The regex _entity_runs replaced: right, but its memory grew with a run's length.
ENTITY_RUN_RE = regex.compile(
    r"(?:&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});|[^\s&])+"
)


@settings(max_examples=500)
@given(st.text(alphabet=st.sampled_from("&#;ampx3Fá \n\u00a0"), max_size=30))
def test_entity_runs_are_the_runs_one_regex_finds(text: str) -> None:
    want = [m.span() for m in ENTITY_RUN_RE.finditer(text) if "&" in m.group()]
    assert list(entities._entity_runs(text)) == want


@settings(derandomize=True, max_examples=500)
@given(st.lists(st.sampled_from([*VIEW_CHARS, "\n", "  "]), max_size=16).map("".join))
def test_utf8_detector_finds_what_ftfys_finds(text: str) -> None:
    import ftfy.chardata

    ftfys = ftfy.chardata.UTF8_DETECTOR_RE.search(text)
    assert bool(mojibake.UTF8_DETECTOR_RE.search(text)) == bool(ftfys)


def test_word_twins_agree_on_every_printable_character() -> None:
    from vnclean.strip import words

    for code in range(0x110000):
        char = chr(code)
        if not char.isprintable():
            continue
        # A one-character word, and a character that goes on a credit word.
        assert bool(words.WORD_RE.fullmatch(char)) == bool(
            words.WORD_PRINTABLE_RE.fullmatch(char)
        ), hex(code)
        for text in (char, "a" + char):
            assert bool(words.CREDIT_WORD_RE.fullmatch(text)) == bool(
                words.CREDIT_WORD_PRINTABLE_RE.fullmatch(text)
            ), hex(code)


def test_counters_hint_admits_every_line_with_counters() -> None:
    from vnclean.strip import lines

    space, digit = regex.compile(r"\s"), regex.compile(r"\d")
    for code in range(0x110000):
        char = chr(code)
        if digit.match(char):
            assert lines.COUNTERS_HINT_RE.search(f"{char} {char}"), hex(code)
        if space.match(char):
            assert lines.COUNTERS_HINT_RE.search(f"1{char}1"), hex(code)


def test_required_phrases_change_no_match() -> None:
    import dataclasses
    from pathlib import Path

    from vnclean.strip import Rules

    shipped = Rules.shipped()
    assert any(p.requires for p in shipped.patterns)
    plain = Rules(
        tuple(dataclasses.replace(p, requires=()) for p in shipped.patterns),
        shipped.keep,
    )
    root = Path(__file__).resolve().parent.parent
    files = [*root.glob("samples/*/*.txt"), *root.glob("tests/cases/**/*.txt")]
    lines = {line for f in files for line in f.read_text("utf-8").splitlines()}
    for line in sorted(lines | set(FURNITURE_AND_PROSE)):
        found, want = shipped.match(line), plain.match(line)
        assert (found and found.pattern) == (want and want.pattern), line


@settings(derandomize=True, max_examples=1000, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                *"aAbTtheoảnhbàiÀ:：()/–—|- .\n",
                "Theo ",
                "Ảnh: ",
                "Chia sẻ của ",
                "tổng hợp",
            ]
        ),
        max_size=20,
    ).map("".join)
)
def test_credit_shape_admits_every_credit_pattern(text: str) -> None:
    from vnclean.strip import metadata

    line = text.strip()  # as `credit` strips it
    if not metadata._credit_shaped(line):
        patterns = (
            metadata.LABELLED_CREDIT_RE,
            metadata.PHOTO_CREDIT_RE,
            metadata.THEO_RE,
            metadata.TOLD_BY_RE,
            metadata.COMPILED_RE,
            metadata.SLASH_CREDIT_RE,
        )
        assert not any(p.match(line) for p in patterns), line


def test_a_dying_worker_is_still_reported_with_the_pool_loaded_late() -> None:
    from concurrent.futures.process import BrokenProcessPool

    from vnclean.io import console

    assert console._broken_pool() is BrokenProcessPool


def test_cleaning_stdin_loads_no_pool_rich_ftfy_diff_or_report(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    probe = (
        "import sys, runpy\n"
        "sys.argv = ['vnclean', 'clean', '-']\n"
        "try:\n"
        "    runpy.run_module('vnclean', run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        "loaded = [m for m in ('concurrent.futures.process', 'multiprocessing',"
        " 'rich', 'ftfy', 'vnclean.review.html_report', 'vnclean.review.terminal')"
        " if m in sys.modules]\n"
        "print(loaded, file=sys.stderr)\n"
    )
    # The first run derives the tables it reads from ftfy; later runs read them.
    environment = {**os.environ, "VNCLEAN_CACHE_DIR": str(tmp_path)}
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-c", probe],
            input="Thủ đô Hà Nội\n",
            capture_output=True,
            text=True,
            check=True,
            env=environment,
        )
        assert done.stdout == "Thủ đô Hà Nội\n"
    assert done.stderr.splitlines()[-1] == "[]"
    stored = {p.name for p in tmp_path.iterdir()}
    assert {"ftfy-chardata.marshal", "ftfy-code-pages.marshal"} <= stored
    assert {"regex-code.marshal", "rows-vnclean-data-rhymes-tsv.marshal"} <= stored


@pytest.mark.parametrize("codec", codepages.CODE_PAGES)
def test_code_pages_are_ftfys_sloppy_code_pages(codec: str) -> None:
    import codecs

    import ftfy.bad_codecs

    ours = codepages._search_code_page(codec)
    theirs = ftfy.bad_codecs.search_function(codec)
    assert ours is not None and theirs is not None
    assert codecs.lookup(codec).name == ours.name == theirs.name
    every_byte = bytes(range(256))
    view = theirs.decode(every_byte)[0]
    assert ours.decode(every_byte) == (view, 256)
    assert ours.encode(view) == theirs.encode(view) == (every_byte, 256)
    for code in range(0x3000):
        char = chr(code)
        for errors in ("strict", "replace", "ignore"):
            try:
                want: object = theirs.encode(char, errors)
            except UnicodeEncodeError as error:
                want = (error.start, error.end, error.reason)
            try:
                got: object = ours.encode(char, errors)
            except UnicodeEncodeError as error:
                got = (error.start, error.end, error.reason)
            assert got == want, (hex(code), errors)
    text = view + "ưạ"
    for kind in ("incrementalencoder", "incrementaldecoder"):
        made = [getattr(info, kind)("replace") for info in (ours, theirs)]
        data = every_byte if kind == "incrementaldecoder" else text
        results = [
            m.encode(data) if "encoder" in kind else m.decode(data) for m in made
        ]
        assert results[0] == results[1]


def test_tables_read_from_the_cache_are_what_ftfy_gives() -> None:
    assert codepages.code_page_views() == codepages._ftfy_code_page_views()
    assert mojibake.ftfy_tables() == mojibake._ftfy_chardata()


def test_derived_tables_are_stored_under_their_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vnclean import tables

    monkeypatch.setenv("VNCLEAN_CACHE_DIR", str(tmp_path / "cache"))
    calls: list[int] = []

    def derive() -> dict[str, object]:
        calls.append(1)
        return {"views": "\x00\ufffd€", "flags": [1, 2], "rows": (("a", "1"),)}

    first = tables.derived("t", ("ftfy", 1), derive)
    assert tables.derived("t", ("ftfy", 1), derive) == first == derive()
    assert len(calls) == 2  # the second call read what the first stored
    assert tables.derived("t", ("ftfy", 2), derive) == first
    assert len(calls) == 3  # another key: derived afresh
    (tmp_path / "cache" / "t.marshal").write_bytes(b"\xff not marshal")
    assert tables.derived("t", ("ftfy", 2), derive) == first
    assert len(calls) == 4
    # A cache folder that cannot be made: the value is derived each time.
    (tmp_path / "file").write_text("", "utf-8")
    monkeypatch.setenv("VNCLEAN_CACHE_DIR", str(tmp_path / "file" / "cache"))
    assert tables.derived("t", ("ftfy", 2), derive) == first


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_cache_file_that_is_a_pipe_is_passed_over(tmp_path: Path) -> None:
    # A FIFO (or device) in the cache folder would block the reader: it is not read,
    # the tables are derived, and the stored file takes its place.
    names = ["regex-code", "ftfy-chardata", "rows-vnclean-data-rhymes-tsv"]
    for name in names:
        os.mkfifo(tmp_path / f"{name}.marshal")
    environment = {**os.environ, "VNCLEAN_CACHE_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", "import sys, vnclean; print(vnclean.clean(sys.argv[1]))"]
        + ["Thủ  đô Hà Nội"],
        capture_output=True,
        text=True,
        check=True,
        env=environment,
        timeout=120,
    )
    assert done.stdout == "Thủ đô Hà Nội\n"
    assert all((tmp_path / f"{name}.marshal").is_file() for name in names)


@settings(derandomize=True, max_examples=500, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from("aà:[]/\\ \t\r\n\x07\x1b\x0b\x85\u200bđ😀x"),
        max_size=14,
    )
    | st.sampled_from([":smile:", "error: a:b:c", "x :+1: y", "0 files cleaned."])
)
def test_messages_written_plain_are_what_rich_prints(message: str) -> None:
    import io as stdio

    from rich.console import Console

    from vnclean.io import console

    shown = stdio.StringIO()
    rich = Console(file=shown, color_system=None)
    rich.print(message, style="red", markup=False, highlight=False, soft_wrap=True)
    written = stdio.StringIO()
    if console.written_plain(written, message):
        assert written.getvalue() == shown.getvalue()
    else:
        assert written.getvalue() == ""


def test_messages_are_plain_only_where_rich_shows_no_colour(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from vnclean.io import console

    for name in ("FORCE_COLOR", "TTY_COMPATIBLE"):
        monkeypatch.delenv(name, raising=False)
    assert console.make_console(None).plain()  # pytest captures stderr: no terminal
    assert console.make_console(False).plain()
    assert not console.make_console(True).plain()
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE"):
        monkeypatch.setenv(name, "1")
        assert console.make_console(None).rich().is_terminal
        assert not console.make_console(None).plain()
        monkeypatch.delenv(name)
    stream = console.make_console(None)
    stream.rich()  # a drawn progress bar: rich prints every line after it
    assert not stream.plain()


def test_stdlib_white_space_is_what_str_split_splits_at() -> None:
    import re

    space = re.compile(r"\s")
    for code in range(0x110000):
        char = chr(code)
        assert bool(space.match(char)) == char.isspace(), hex(code)


@settings(derandomize=True, max_examples=500, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("ab \n\t\u00a0\u2028\u3000à"), max_size=40),
    st.integers(min_value=1, max_value=8),
)
def test_tokens_split_by_piece_are_the_tokens_of_the_whole(
    text: str, piece: int
) -> None:
    assert syllable.distinct_tokens_by_piece(text, piece) == frozenset(text.split())
    assert syllable.token_counts(text, piece) == Counter(text.split())


def test_attested_spellings_are_no_evidence_in_any_case() -> None:
    from vnclean.repair import substitutions
    from vnclean.repair.evidence import attested

    spellings = substitutions._attested_spellings()
    assert len(spellings) > 8000
    for word in spellings:
        for form in (word, word.capitalize(), word.upper()):
            assert syllable.written_as(form, spellings)
            assert attested(form), form
            token = f"“{form}”,"
            assert token not in substitutions._unattested_tokens(f"x {token}")
            assert substitutions._suspect_words.__wrapped__(token) == ()


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=12).map(" ".join))
def test_unattested_tokens_hold_every_token_with_a_voting_word(text: str) -> None:
    from vnclean.repair import substitutions

    unattested = substitutions._unattested_tokens(text)
    for token in frozenset(text.split()) - unattested:
        assert substitutions._suspect_words.__wrapped__(token) == (), token


def test_tables_read_from_the_folder_are_what_importlib_resources_reads() -> None:
    import importlib.resources
    from pathlib import Path

    from vnclean import tables

    root = Path(str(importlib.resources.files("vnclean")))
    shipped = [
        p
        for suffix in ("*.tsv", "*.json")
        for p in root.rglob(suffix)
        if "__pycache__" not in p.parts
    ]
    assert len(shipped) >= 5
    for path in shipped:
        # Named as the steps name them: from the package folder that holds it.
        folder = path.parent
        while not (folder / "__init__.py").is_file():
            folder = folder.parent
        package = ".".join(folder.relative_to(root.parent).parts)
        name = path.relative_to(folder).as_posix()
        assert tables.package_file(package, name) == path
        assert tables.read(package, name) == tables._read_resource(package, name)
        if path.suffix == ".tsv":  # parsed, or read parsed from the cache folder
            text = tables._read_resource(package, name)
            assert tables.rows(package, name) == tables.parse_rows(text)


def test_toned_letters_are_every_letter_carrying_a_tone_mark() -> None:
    plain = {
        char
        for char in map(chr, range(0xC0, 0x1F00))
        if char.isalpha() and syllable.split_letter(char)[1] > 0
    }
    pattern = tones.TONED_RE.pattern
    assert set(pattern[1:-1]) - set("\u0300\u0301\u0303\u0309\u0323") == plain
    from vnclean.normalize import marks

    vowels = {
        c for c in plain if syllable.split_letter(c)[0].lower() in syllable.VOWELS
    }
    assert marks.TONED_LETTERS == "".join(sorted(vowels))


def _slow_legacy_pieces(text: str) -> list[tuple[int, str]]:
    """legacy_stretches.pieces without its shortcut: every line's stretches are tried."""
    from vnclean.repair import legacy_stretches as lf
    from vnclean.repair.codepages import as_bytes

    broken = lf.broken_tokens(text)
    found = []
    for line in lf.LINE_RE.finditer(text):
        if line.group().isascii():
            continue
        if as_bytes(line.group()) is not None:
            found.append((line.start(), line.group()))
            continue
        at, before = 0, ""
        for outside in lf.OUTSIDE_TOKEN_RE.finditer(line.group()):
            piece = line.group()[at : outside.start()]
            if lf._holds_legacy_word(piece, broken) and as_bytes(piece) is not None:
                stretch = lf.trimmed(
                    line.start() + at, piece, before, outside.group(), broken
                )
                found.append((stretch.offset, stretch.text))
            at, before = outside.end(), outside.group()
        piece = line.group()[at:]
        if at and lf._holds_legacy_word(piece, broken) and as_bytes(piece) is not None:
            stretch = lf.trimmed(line.start() + at, piece, before, "", broken)
            found.append((stretch.offset, stretch.text))
    return found


@settings(derandomize=True, max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "thứ",
                "nhất",
                "phaïm",
                "vaø",
                "Phaàn",
                "hình",
                "ä",
                "ø",
                "®",
                "Ã©",
                "a",
                "x«ng",
                "tÊm",
                "thêi",
                "bã",
            ]
            + [" ", "\n", "\xad", "\xa0", "“", "—", "é"]
        ),
        max_size=20,
    ).map("".join)
)
def test_legacy_pieces_skip_only_lines_without_legacy_characters(text: str) -> None:
    from vnclean.repair import legacy_stretches

    fast = [(p.offset, p.text) for p in legacy_stretches.pieces(text)]
    assert fast == _slow_legacy_pieces(text)


def test_no_attested_spelling_carries_two_tone_marks() -> None:
    from vnclean.normalize import marks

    for word in syllable.attested_spellings():
        for form in (word, word.capitalize(), word.upper()):
            assert not marks.TWO_TONES_RE.search(form), form


@settings(derandomize=True, max_examples=500, deadline=None)
@given(
    st.lists(
        st.one_of(
            _PIECES,
            st.sampled_from(["dàì", "Rồì", "hóà", "DÀÌ", "à", "ì", "\u0301", "x2"]),
        ),
        max_size=12,
    ).map(lambda parts: "".join(parts[:3]) + " " + " ".join(parts[3:]))
)
def test_two_tones_are_found_in_the_unattested_runs(text: str) -> None:
    from vnclean.normalize import marks

    assert marks._has_two_tones(text) == bool(marks.TWO_TONES_RE.search(text))


@settings(derandomize=True, max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Thà", "cà", "Ơ", "Ạ", "ỡ", "à", " ", "ng", "nh", "ch", "i"])
        | st.sampled_from(["m", "o", "y", "NG", "Nh", "T", "u"])
        | st.sampled_from(["x", "\u0300", ".", "2", "\n"]),
        max_size=12,
    ).map("".join)
)
def test_split_tail_is_in_every_split_syllable(text: str) -> None:
    from vnclean.repair import spaces

    if not spaces.SPLIT_TAIL_RE.search(text):
        assert not spaces.SPLIT_RE.search(text)


def _slow_neighbours(char: str) -> tuple[str, ...]:
    """substitutions._neighbours as first written: every byte value tried in place."""
    import itertools

    from vnclean.repair.evidence import vietnamese_letters

    letters = vietnamese_letters()
    found = set()
    data = char.encode("utf-8")
    for i in range(len(data)):
        for value in range(256):
            if value == data[i]:
                continue
            try:
                other = (data[:i] + bytes([value]) + data[i + 1 :]).decode("utf-8")
            except UnicodeDecodeError:
                continue
            if other in letters:
                found.add(other)
    for one, two in itertools.permutations(("cp1252", "latin-1", "mac_roman"), 2):
        try:
            other = char.encode(one).decode(two)
        except UnicodeError:
            continue
        if other in letters:
            found.add(other)
    found.discard(char)
    return tuple(sorted(found))


def test_neighbours_are_those_every_byte_value_finds() -> None:
    from vnclean.repair import substitutions

    # Latin, Greek, Cyrillic and the Vietnamese block: where damaged letters come from.
    codes = [*range(0x80, 0x530), *range(0x1E00, 0x1F00)]
    for char in map(chr, codes):
        assert substitutions._neighbours.__wrapped__(char) == _slow_neighbours(char)


@settings(derandomize=True, max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["x«ng", "«", "chiÕc", "Õ", "nh\xad", "\xad", "x\xada", "kþ", "Tôi", "ÊM"]
            + ["a", " ", "é", "·", "l·l", "Ö", "—"]
        ),
        max_size=12,
    ).map("".join)
)
def test_legacy_sign_shortcut_finds_what_the_pattern_finds(text: str) -> None:
    from vnclean.repair import legacy_stretches

    plain = bool(legacy_stretches._legacy_sign_re().search(text))
    assert legacy_stretches.shows_legacy_sign(text) == plain


def test_a_cleaned_document_is_not_kept_by_the_answers_about_it() -> None:
    import vnclean
    from vnclean import model

    text = "Thủ đô Hà\u00a0Nội \u200bmùa thu.\nĐọc nhiều\n" * 3
    assert vnclean.clean(text) == vnclean.clean(text)
    assert model._REMEMBERED and not any(model._REMEMBERED)


@settings(derandomize=True, max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("Hà Nội a1_ -.\u0300"), max_size=30))
def test_shared_words_of_a_line_are_its_words(text: str) -> None:
    from vnclean.strip import features
    from vnclean.strip.lines import Line
    from vnclean.strip.words import word_finder

    line = Line(0, 0, len(text), text, 0)
    assert line.words == word_finder(text).findall(text)
    assert features.PageLine(text, 0, 1).words == text.split()


def test_patterns_compiled_on_first_use_are_the_patterns_compiled_at_once() -> None:
    import importlib
    import pkgutil
    import re

    import vnclean
    from vnclean import lazy

    found = 0
    for module in pkgutil.walk_packages(vnclean.__path__, "vnclean."):
        if module.name in ("vnclean.dask", "vnclean.__main__"):
            continue
        for name, value in vars(importlib.import_module(module.name)).items():
            if not isinstance(value, lazy.LazyPattern):
                continue
            found += 1
            plain = value._engine.compile(value.pattern, value._flags)
            if value._engine is regex:  # compiled, or its code read from the store
                assert _same_code(value.compiled(), plain), name
            else:
                assert value.compiled() == plain, name
            assert value.pattern == plain.pattern and value.flags == plain.flags
            assert value.groupindex == plain.groupindex, name
            assert value.search == value.compiled().search, name
    assert found >= 40
    assert lazy.compile("a", engine=re).compiled() == re.compile("a")


def test_stored_regex_code_gives_the_pattern_regex_compiles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vnclean import lazy
    from vnclean.strip.rules import Rules

    monkeypatch.setenv("VNCLEAN_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(lazy, "_stored", [])
    monkeypatch.setattr(lazy, "_added", [])
    flags = regex.IGNORECASE | regex.V0
    sources = [(p.pattern, flags) for p in Rules.shipped().patterns]
    sources += [(r"(?P<a>\d+)", 0), (r"(?r)\S*", regex.V1)]
    plain = [regex.compile(source, flag) for source, flag in sources]
    first = [lazy.regex_compile(source, flag) for source, flag in sources]
    assert [p._pickled_data for p in first] == [p._pickled_data for p in plain]
    lazy.save_store()
    assert (tmp_path / "regex-code.marshal").exists()
    # Another process reads the code the first stored, and compiles nothing.
    monkeypatch.setattr(lazy, "_stored", [])

    def refuse(*args: object) -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(regex, "compile", refuse)
    again = [lazy.regex_compile(source, flag) for source, flag in sources]
    assert [p._pickled_data for p in again] == [p._pickled_data for p in plain]
    text = "Xem thêm: Hà Nội 2024 "
    for stored, compiled in zip(again, plain):
        assert stored.pattern == compiled.pattern
        assert stored.findall(text) == compiled.findall(text)
    # A store written by another regex is not read.
    monkeypatch.setattr(lazy, "_store_key", lambda: ("another regex",))
    monkeypatch.setattr(lazy, "_stored", [])
    assert lazy._store() == {}


def _same_code(one: regex.Pattern, other: regex.Pattern) -> bool:
    """
    The same compiled `regex` pattern: the same source, flags, groups and code, but
    for the order of a character set's members, which follows the process's string
    hashing (PYTHONHASHSEED) when the code was stored by another process.
    """
    mine, theirs = list(one._pickled_data), list(other._pickled_data)
    return sorted(mine.pop(2)) == sorted(theirs.pop(2)) and mine == theirs


# --- plainly valid words: one set difference stands in for asking each word -------


def _cased(spellings: frozenset[str]) -> set[str]:
    return {f(w) for w in spellings for f in (str.lower, str.capitalize, str.upper)}


@pytest.mark.parametrize("style", ["attested", "old", "new", "keep"])
def test_forms_are_the_cases_written_as_accepts(style: str) -> None:
    from vnclean import plain

    spellings = (
        syllable.attested_spellings()
        if style == "attested"
        else tones._settled_spellings(style)
    )
    written = plain.forms(spellings)
    assert written == _cased(spellings)
    for word in written:
        assert syllable.written_as(word, spellings), word


@pytest.mark.parametrize("tone_style", ["old", "new", "keep"])
def test_settled_forms_are_the_forms_of_the_settled_spellings(tone_style: str) -> None:
    from vnclean import plain

    want = plain.forms(tones._settled_spellings(tone_style))
    assert tones._settled_forms(tone_style) == want


def test_counts_are_the_rows_of_a_table_of_counts() -> None:
    from vnclean import tables

    rows = tables.rows("vnclean", "data/syllables.tsv")
    want = {row[0]: int(row[1]) for row in rows if len(row) > 1}
    assert tables.counts("vnclean", "data/syllables.tsv") == want


# The patterns as first written, each starting with a lookbehind.
LONE_LEAD_PLAIN_RE = re.compile("(?<![^\\W\\d_])[ÂÃ] (?! )")


@settings(derandomize=True, max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("ÂÃâaA1_ \n.\xa0"), max_size=16))
def test_lone_lead_is_found_where_the_lookbehind_first_finds_it(text: str) -> None:
    found = [m.span() for m in mojibake.LONE_LEAD_RE.finditer(text)]
    assert found == [m.span() for m in LONE_LEAD_PLAIN_RE.finditer(text)]
    assert mojibake.LONE_LEAD_RE.sub("A ", text) == LONE_LEAD_PLAIN_RE.sub("A ", text)


def test_mixed_pages_pattern_finds_every_pair_of_the_two_pages() -> None:
    first, second = codepages.CODE_PAGES
    own = {
        c: {bytes([b]).decode(c): b for b in range(0x80, 0x100)}
        for c in (first, second)
    }
    only = {
        c: {ch: b for ch, b in own[c].items() if ch not in own[o]}
        for c, o in ((first, second), (second, first))
    }
    pairs = {
        a + b
        for lead, follow in ((second, first), (first, second))
        for a, x in only[lead].items()
        if 0xC2 <= x <= 0xF4
        for b, y in only[follow].items()
        if 0x80 <= y <= 0xBF
    }
    chars = sorted(set(own[first]) | set(own[second]) | {"a", " "})
    pattern = mojibake._mixed_pages_re()
    for a in chars:
        for b in chars:
            assert bool(pattern.search(a + b)) == (a + b in pairs), a + b


def test_every_attested_form_is_a_valid_syllable() -> None:
    from vnclean import plain

    for word in plain.attested_forms():
        assert _slow_is_valid(word), word


@pytest.mark.parametrize("style", ["attested", "old"])
@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=12).map(" ".join))
def test_unplain_tokens_are_the_tokens_written_as_rejects(
    style: str, text: str
) -> None:
    from vnclean import plain

    spellings = (
        syllable.attested_spellings()
        if style == "attested"
        else tones._settled_spellings(style)
    )
    tokens = frozenset(text.split())
    plainly = {
        t
        for t in tokens
        if not syllable.written_as(t.strip(syllable.PUNCTUATION), spellings)
    }
    assert plain.unplain_tokens(tokens, plain.forms(spellings)) == plainly


def _plain_reading(original: str):  # type: ignore[no-untyped-def]
    """A Reading with every piece found at once, as first written."""
    from vnclean.repair import reading

    plain = reading.Reading.__new__(reading.Reading)
    plain.original = original
    plain.pieces, plain.text = reading._read(original)
    return plain


@settings(derandomize=True, max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["a", "ầ", " ", "\n", "\u00ad", "\u200b", "\ufeff", "&#7907;", "&amp;"]
            + ["&", "&nbsp;", "&shy;", "\u200c"]
        ),
        max_size=16,
    ).map("".join)
)
def test_reading_found_when_asked_is_the_reading_found_at_once(text: str) -> None:
    from vnclean.repair import reading

    fast, plain = reading.Reading(text), _plain_reading(text)
    assert fast.text == plain.text
    if fast.text == text:
        assert fast.text is text  # the same object, as the steps' caches key it
    for at in range(len(fast.text) + 1):
        assert (fast.start(at), fast.end(at)) == (plain.start(at), plain.end(at))
    assert fast.pieces == plain.pieces


@settings(derandomize=True, max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(["à", "Ơ", "ạ", "a", "\u0300", "n", "g", "2", " ", "\u00a0"]),
        max_size=20,
    ).map("".join)
)
def test_nbsp_sites_are_the_sites_after_a_byte_a0_letter(text: str) -> None:
    from vnclean.repair import spaces

    every = [
        (m.start(), m.group(1), m.group(2)) for m in spaces.NBSP_SITE_RE.finditer(text)
    ]
    letters = spaces._nbsp_byte_letters()
    assert list(spaces._nbsp_sites(text)) == [s for s in every if s[1][-1] in letters]


@settings(derandomize=True, max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("uưoơớọÙỨÒỞcn ."), max_size=12))
def test_half_horn_pair_is_in_every_half_horn(text: str) -> None:
    from vnclean.normalize import marks

    if not marks.HALF_HORN_PAIR_RE.search(text):
        assert not marks.HALF_HORN_RE.search(text)


def _legacy_text() -> st.SearchStrategy[str]:
    """Text of the legacy tables' keys (each encoding's) among letters and spaces."""
    from vnclean.repair import legacy_stretches

    keys = sorted(
        {
            k
            for name in ("tcvn3", "vni", "viscii", "vps")
            for k in legacy_stretches.legacy_letters(name)
        }
    )
    return st.lists(
        st.sampled_from(keys) | st.sampled_from(["a", "o", "A", " ", "\n", "ư", "€"]),
        max_size=30,
    ).map("".join)


@settings(derandomize=True, max_examples=500, deadline=None)
@given(_legacy_text())
def test_legacy_pattern_reads_as_the_regex_alternation(text: str) -> None:
    from vnclean.repair import legacy_stretches

    for name in ("tcvn3", "vni", "viscii", "vps"):
        pattern, letters = legacy_stretches.legacy_pattern(name)
        keys = sorted(letters, key=len, reverse=True)
        plain = regex.compile("|".join(regex.escape(k) for k in keys))
        found = [(m.span(), m.group()) for m in pattern.finditer(text)]
        assert found == [(m.span(), m.group()) for m in plain.finditer(text)]


def test_followers_are_the_word_pairs_table() -> None:
    from vnclean import tables
    from vnclean.repair import evidence

    pairs = {  # the whole table parsed at once
        first: frozenset(after.split())
        for first, after in tables.rows("vnclean.repair", "word_pairs.tsv")
    }
    assert evidence._word_syllables() == frozenset(pairs).union(*pairs.values())
    for first, after in pairs.items():
        assert evidence._followers(first) == after
    for word in ("xyz", "", "hà nội", "Hà"):
        if word not in pairs:
            assert evidence._followers(word) == frozenset()


def _slow_whole_lines(text: str) -> list[tuple[int, str]]:
    """The whole lines legacy_stretches.pieces takes, found one line at a time."""
    from vnclean.repair import legacy_stretches
    from vnclean.repair.codepages import as_bytes

    return [
        (line.start(), line.group())
        for line in legacy_stretches.LINE_RE.finditer(text)
        if not line.group().isascii() and as_bytes(line.group()) is not None
    ]


@settings(derandomize=True, max_examples=1000, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["a", "Ra tay", "ân", "ái", "ư", "Hà Nội", "\x81", "\x9d", "€", "™", "ÿ"]
            + [" ", "\n", "\r", "\r\n", "\x85", "\u2028", "\xa0", "\xad", "Ā", "\t"]
        ),
        max_size=25,
    ).map("".join)
)
def test_whole_lines_are_the_lines_windows_1252_holds(text: str) -> None:
    from vnclean.repair import legacy_stretches

    fast = [(p.offset, p.text) for p in legacy_stretches.whole_lines(text)]
    assert fast == _slow_whole_lines(text)
    assert all(p.whole for p in legacy_stretches.whole_lines(text))


@settings(derandomize=True, max_examples=1000, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["a", "H", "HÔ", "Ô", "tÊm", "s©n", "«ng", "©", "·", "\xad", "x\xada", "™"]
            + [" ", "\n", "ư", "À", "àÀ", "þ", "kþ", "×", "»", "1", "-", "Ý", "§"]
        ),
        max_size=20,
    ).map("".join)
)
def test_legacy_signs_are_found_where_they_can_start(text: str) -> None:
    from vnclean.repair import legacy_stretches

    plain = bool(legacy_stretches._legacy_sign_re().search(text))
    assert legacy_stretches.shows_legacy_sign(text) == plain
