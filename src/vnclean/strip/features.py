"""
The signals the strip model reads off each line of a page, in one visible table.

Each signal is a small function of a `PageLine` (its text and its place on the page)
that returns a number, mostly 0 or 1; the model (`strip/model.py`) weighs them with
weights fitted by `scripts/fit_strip.py` and stored in `strip/weights.json`. A removed
line's reason names the signals that weighed most against it, by the names here.

`FIRST_SIGNALS` read the line and the page around it; `SECOND_SIGNALS` read the first
judgement of every line (the neighbours' scores, the article span found over them)
and are weighed in a second pass.
"""

from __future__ import annotations

import functools
import math
import re
import sys
from collections import Counter
from collections.abc import Callable, Mapping, Sequence

from vnclean import syllable, tables

# Sentence ends: a paragraph ends like this, a menu entry or a headline does not.
SENTENCE_END = (".", "!", "?", "…", '"', "”", "»", ")", "'", "’", ";")
# Lines that a menu, a breadcrumb or a ticker is made of: separators between items.
SEPARATORS = "|»›>/·•–"
LETTERS_RE = re.compile(r"[^\W\d_]+")
# Lines of this many words or more in the span are its paragraphs, whose words
# `echoed_in_article` looks for in the other lines.
PARAGRAPH_WORDS = 12
# A card list prints the same short line (a category, "Xem", a date) on every card:
# lines between two copies this many lines apart or fewer are cards.
CARD_WINDOW = 8
CARD_WORDS = 6
# Lines below the span's last paragraph or above its first, counted up to this.
EDGE_LINES = 8
DIGIT_RE = re.compile(r"\d")
SENTENCE_BREAK_RE = re.compile(r"[.!?…][\"”’)]?\s+[^\W\d_]")
# Searched in the lowercased line.
CONTACT_RE = re.compile(
    r"@\w|www\.|https?://|\.(?:vn|com|net|org|edu|gov)\b"
    r"|\d{2,4}[ .]\d{3}[ .]\d{3,4}|\b0\d{9,10}\b|\b1[89]00[ .]?\d{3,4}"
)
# A caption's credit at its end: "… dựng lều ngủ - Ảnh: NGUYÊN KHÔI", "(Ảnh minh họa)";
# searched in the lowercased end of a line that holds one of CREDIT_WORDS.
CREDIT_WORDS = ("ảnh", "hình", "photo", "video", "clip")
CAPTION_CREDIT_RE = re.compile(
    r"[\s(–—-]\(?(?:ảnh|hình|nguồn ảnh|photo|video|clip)(?:\s*minh\s*họa)?"
    r"\s*[:.)]?\s*[^.!?]{0,40}\)?\.?$"
)
# Searched in the lowercased line: an address or a business registration, which
# footers and contact boxes print.
ADDRESS_RE = re.compile(
    r"\b(?:phường|quận|huyện|thị xã|tp\.|thành phố|tỉnh|đường|ấp|thôn)\s+\w"
    r"|\b(?:mã số (?:doanh nghiệp|thuế)|mst|giấy phép|đăng ký kinh doanh|gpkd)\b",
)
LABEL_RE = re.compile(r"^[^\W\d_][\w ./&-]{0,30}:\s*\S")
# Searched in the lowercased line.
FILE_NAME_RE = re.compile(
    r"\.(?:jpe?g|png|gif|webp|bmp|svg|pdf|docx?|mp4)\b"
    r"|\b(?:img|dsc|dscf|dcim|pic|image|photo)[_-]?\d"
    r"|\d{6}|[a-f0-9]{12}|_\w*_"
)


def syllable_share(text: str) -> float:
    """
    Share of the runs of letters among the first 200 characters (at most 20) that
    are valid Vietnamese syllables, as written: the syllable model answers in any
    case.

        >>> syllable_share("Share on Facebook"), syllable_share("Hà Nội"), syllable_share("")
        (0.3333333333333333, 1.0, 0.0)
    """
    runs = LETTERS_RE.findall(text, 0, 200)[:20]
    return sum(map(syllable.is_valid, runs)) / len(runs) if runs else 0.0


# `syllable_share`, remembered: the model reads every line's share again on each of
# its rounds over a page and on every page of a site that prints the line
# (`foreign_to_page`). tests/test_strip_model.py checks it equals the plain one.
_syllable_share = functools.lru_cache(maxsize=1 << 14)(syllable_share)


@functools.cache
def furniture_vocabulary() -> frozenset[str]:
    """
    Words that page furniture is written with and article sentences seldom use
    (strip/furniture_words.tsv): one signal among many, never a verdict.
    """
    return frozenset(
        row[0] for row in tables.rows("vnclean.strip", "furniture_words.tsv")
    )


class PageLine:
    """One non-blank line of a page, with what the signals share about it."""

    __slots__ = (
        "_letter_runs",
        "_letters",
        "_vietnamese",
        "card",
        "echo",
        "first_score",
        "foreign",
        "head",
        "headlines",
        "index",
        "neighbours",
        "repeats",
        "rule",
        "run",
        "span",
        "tail",
        "text",
        "title",
        "total",
        "vocabulary",
        "words",
    )

    def __init__(self, text: str, index: int, total: int, rule: str = "") -> None:
        self.text = text
        self.index = index  # among the non-blank lines of the page
        self.total = total
        self.words = list(map(sys.intern, text.split()))
        # "phrase" when a widget pattern of the rules matches the line, which the
        # rules kept all the same (a heading between paragraphs, say).
        self.rule = rule
        self.repeats = 1  # copies of the line on the page
        self.run = 1  # short lines in a row around it (a menu's length)
        self.first_score = 0.0  # the first pass's log-odds of being article text
        self.span = 0  # lines from the article span: negative above, 0 inside
        self.neighbours = 0.0
        self.headlines = 1  # headline-shaped lines in a row around it (a list)
        self.title = False  # the headline right above the article's first paragraph
        # Words and how far each leans to article text (+) or furniture (-), as
        # fitted on the training pages (the "vocabulary" of weights.json).
        self.vocabulary: Mapping[str, float] = {}
        self.echo = 0.0  # share of a short line's words the article's paragraphs use
        self.card = False  # between two nearby copies of a short line (a card list)
        self.foreign = 0.0  # how much less Vietnamese than the page's paragraphs
        # Inside the span: lines below its last paragraph (tail) or above its first.
        self.tail = 0
        self.head = 0
        self._letters: list[str] | None = None
        self._letter_runs: list[str] | None = None
        self._vietnamese: float | None = None

    @property
    def letter_runs(self) -> list[str]:
        """The runs of letters among the first 200 characters, at most 20, as written."""
        if self._letter_runs is None:
            self._letter_runs = LETTERS_RE.findall(self.text, 0, 200)[:20]
        return self._letter_runs

    @property
    def vietnamese(self) -> float:
        """Share of `letter_runs` that are valid Vietnamese syllables."""
        if self._vietnamese is None:
            self._vietnamese = _syllable_share(self.text)
        return self._vietnamese

    @property
    def letters(self) -> list[str]:
        """`letter_runs` lowercased."""
        if self._letters is None:
            self._letters = " ".join(self.letter_runs).lower().split()
        return self._letters


Signal = Callable[[PageLine], float]


# ---------------------------------------------------------------- today's rules


def widget_phrase(line: PageLine) -> float:
    """
    A widget phrase or pattern of boilerplate.json (or the user's rules) that the
    rules let stand. A sentence that starts like a widget ("Bản quyền tác giả là…")
    is not counted: the rules kept it for reading as prose.
    """
    if line.rule != "phrase":
        return 0.0
    sentence = len(line.words) >= 8 and line.text.endswith((".", "!", "?", "…"))
    return 0.0 if sentence else 1.0


# ---------------------------------------------------------------- the line's shape


def one_word(line: PageLine) -> float:
    """A single word: a menu entry, a button, a name."""
    return 1.0 if len(line.words) == 1 else 0.0


def few_words(line: PageLine) -> float:
    """Two or three words: menu entries and headings."""
    return 1.0 if 2 <= len(line.words) <= 3 else 0.0


def long_line(line: PageLine) -> float:
    """Twenty words or more: paragraphs are long, furniture seldom is."""
    return 1.0 if len(line.words) >= 20 else 0.0


def length(line: PageLine) -> float:
    """The log of the line's length in characters."""
    return math.log1p(len(line.text))


def sentence_end(line: PageLine) -> float:
    """Ends like a sentence (. ! ? … or a closing quote)."""
    return 1.0 if line.text.endswith(SENTENCE_END) else 0.0


def sentences_inside(line: PageLine) -> float:
    """A sentence break inside the line: two sentences are prose."""
    return 1.0 if SENTENCE_BREAK_RE.search(line.text, 0, 400) else 0.0


def vietnamese_words(line: PageLine) -> float:
    """Share of the words that are valid Vietnamese syllables."""
    return line.vietnamese


def no_letters(line: PageLine) -> float:
    """No word of letters at all: symbols, numbers, arrows."""
    return 0.0 if line.letters else 1.0


def capitalised(line: PageLine) -> float:
    """Share of words that start with a capital: menus, names, titles."""
    words = line.words[:20]
    return sum(word[:1].isupper() for word in words) / len(words)


def all_capitals(line: PageLine) -> float:
    """In capitals: a site's name, a section heading, a kicker."""
    return 1.0 if line.text.isupper() and len(line.text) > 3 else 0.0


def digits(line: PageLine) -> float:
    """Share of the characters that are digits: counters, tickers, dates."""
    text = line.text[:200]
    return sum(map(str.isdigit, text)) / len(text)


def separators(line: PageLine) -> float:
    """Separators between items (| » › > / ·), up to three."""
    return min(3, sum(line.text.count(c) for c in SEPARATORS)) / 3


def starts_with_symbol(line: PageLine) -> float:
    """Starts with a bullet, an arrow or a quote mark rather than a word."""
    first = line.text[:1]
    return 0.0 if first.isalnum() or first in "\"“‘'(" else 1.0


def label_colon(line: PageLine) -> float:
    """A short label and a colon ("Điện thoại: …", "Tags: …")."""
    return 1.0 if LABEL_RE.match(line.text) else 0.0


def contact_shape(line: PageLine) -> float:
    """An e-mail, a web address or a telephone number."""
    text = line.text[:300]
    # Every shape CONTACT_RE knows holds a digit, "@", "." or "/".
    if not ("@" in text or "." in text or "/" in text or DIGIT_RE.search(text)):
        return 0.0
    return 1.0 if CONTACT_RE.search(text.lower()) else 0.0


def address_shape(line: PageLine) -> float:
    """
    An address with a number, or a business registration: "Trụ sở: 25 Trần Hưng
    Đạo, quận 1", "Mã số doanh nghiệp 0312…".
    """
    if DIGIT_RE.search(line.text, 0, 300) is None:
        return 0.0
    return 1.0 if ADDRESS_RE.search(line.text[:300].lower()) else 0.0


def file_name_shape(line: PageLine) -> float:
    """A file name or an upload's long digits (IMG_0806, 1312455_56511573_n)."""
    if len(line.words) > 4:
        return 0.0
    return 1.0 if FILE_NAME_RE.search(line.text.lower()) else 0.0


def learned_words(line: PageLine) -> float:
    """
    The mean lean of the line's words to article text (+) or furniture (-), as
    learned from the training pages: "Đăng ký tư vấn", "Tin tức", "Tác giả".
    """
    letters = line.letters
    if not letters or not line.vocabulary:
        return 0.0
    get = line.vocabulary.get
    return sum(get(word, 0.0) for word in letters) / len(letters)


def caption_credit(line: PageLine) -> float:
    """A picture's caption with its credit at the end ("… - Ảnh: Minh Anh")."""
    if len(line.words) < 5:
        return 0.0
    end = line.text[-80:].lower()
    if not any(word in end for word in CREDIT_WORDS):
        return 0.0
    return 1.0 if CAPTION_CREDIT_RE.search(end) else 0.0


def furniture_words(line: PageLine) -> float:
    """Share of the words that furniture is written with (đăng nhập, chia sẻ, ©)."""
    letters = line.letters
    if "©" in line.text:
        return 1.0
    if not letters:
        return 0.0
    return sum(map(furniture_vocabulary().__contains__, letters)) / len(letters)


# ---------------------------------------------------------------- the page


def repeated_on_page(line: PageLine) -> float:
    """The same line elsewhere on the page: a menu printed twice, a repeated widget."""
    return 1.0 if line.repeats > 1 else 0.0


def in_short_run(line: PageLine) -> float:
    """The log of the number of short lines in a row around it (a menu's length)."""
    return math.log(line.run)


def in_headline_run(line: PageLine) -> float:
    """The log of the number of headline-shaped lines in a row around it (a list)."""
    return math.log(line.headlines)


def between_cards(line: PageLine) -> float:
    """
    Between two nearby copies of one short line ("Xem", "Kinh nghiệm · 2026", a
    category): a card of a teaser list, however much its teaser reads like prose.
    """
    return 1.0 if line.card else 0.0


def foreign_to_page(line: PageLine) -> float:
    """
    How far fewer of its words are Vietnamese syllables than of the page's
    paragraphs: an English sidebar, share buttons, a theme's credits.
    """
    return line.foreign


def near_top(line: PageLine) -> float:
    """Among the first tenth of the page."""
    return 1.0 if line.index * 10 < line.total else 0.0


def near_bottom(line: PageLine) -> float:
    """Among the last fifth of the page."""
    return 1.0 if (line.total - line.index) * 5 < line.total else 0.0


# ---------------------------------------------------------------- context


def first_judgement(line: PageLine) -> float:
    """The first pass's log-odds that the line is article text."""
    return line.first_score


def neighbours_judgement(line: PageLine) -> float:
    """The first pass's mean log-odds of the two lines before and after."""
    return line.neighbours


def above_article(line: PageLine) -> float:
    """
    Above the article span (the run of lines that carries title, lead, body), as
    plainly as `outside_share` says.
    """
    return outside_share(line) if line.span < 0 else 0.0


def below_article(line: PageLine) -> float:
    """Below the article span, as plainly as `outside_share` says."""
    return outside_share(line) if line.span > 0 else 0.0


def far_from_article(line: PageLine) -> float:
    """Far outside the span: from nothing at three lines to one at thirty."""
    distance = abs(line.span)
    return min(27, max(0, distance - 3)) / 27


def list_below_article(line: PageLine) -> float:
    """Below the span, in a run of headlines or short lines: a related list, a menu."""
    if line.span <= 0:
        return 0.0
    return 1.0 if line.headlines >= 3 or line.run >= 3 else 0.0


def list_above_article(line: PageLine) -> float:
    """Above the span, in a run of headlines or short lines: a menu, a ticker."""
    if line.span >= 0 or line.title:
        return 0.0
    return 1.0 if line.headlines >= 3 or line.run >= 3 else 0.0


def echoed_in_article(line: PageLine) -> float:
    """
    For a line other than the span's paragraphs, the share of its words they use:
    a title, a subheading or a caption speaks of the article, a menu entry or
    another story's headline seldom does.
    """
    return line.echo


def span_tail(line: PageLine) -> float:
    """
    Inside the span, how far below its last paragraph, from 0 to 1 at EDGE_LINES:
    where a related list or a comment form joins the span.
    """
    return min(line.tail, EDGE_LINES) / EDGE_LINES


def list_in_span_tail(line: PageLine) -> float:
    """Below the span's last paragraph, in a run of headlines or short lines."""
    if not line.tail:
        return 0.0
    return 1.0 if line.headlines >= 3 or line.run >= 3 else 0.0


def span_head(line: PageLine) -> float:
    """
    Inside the span, how far above its first paragraph, from 0 to 1 at EDGE_LINES:
    the title and a kicker stand just above it, a menu further up.
    """
    return min(line.head, EDGE_LINES) / EDGE_LINES


def title_slot(line: PageLine) -> float:
    """The headline right above the first paragraph of the span: the title."""
    return 1.0 if line.title else 0.0


# What the line's own text says, in order of trust: what the rules know, then the
# line's shape. The model works these out once per distinct line.
TEXT_SIGNALS: list[Signal] = [
    widget_phrase,
    file_name_shape,
    contact_shape,
    address_shape,
    furniture_words,
    learned_words,
    caption_credit,
    sentence_end,
    sentences_inside,
    long_line,
    length,
    one_word,
    few_words,
    vietnamese_words,
    no_letters,
    capitalised,
    all_capitals,
    digits,
    separators,
    starts_with_symbol,
    label_colon,
]
# Where the line stands on its page.
PAGE_SIGNALS: list[Signal] = [
    repeated_on_page,
    in_short_run,
    in_headline_run,
    between_cards,
    foreign_to_page,
    near_top,
    near_bottom,
]
FIRST_SIGNALS: list[Signal] = TEXT_SIGNALS + PAGE_SIGNALS


def outside_share(line: PageLine) -> float:
    """
    How plainly the line stands outside the span, from 0 to 1. The two lines above
    it are where a title and a kicker stand, and the line below it may be a caption
    or the contact line that ends an announcement: their place is no evidence.
    """
    if line.span < 0:
        return min(1.0, max(0.0, (-line.span - 2) / 2))
    return min(1.0, max(0.0, (line.span - 1) / 2))


def _outside(signal: Signal, side: str) -> Signal:
    """
    `signal` counted only on lines "above" or "below" the article span, as plainly
    as the line stands outside it (`outside_share`).
    """

    def crossed(line: PageLine) -> float:
        if line.span == 0 or (line.span > 0) != (side == "below"):
            return 0.0
        return signal(line) * outside_share(line)

    crossed.__name__ = f"{signal.__name__}_{side}"
    summary = (signal.__doc__ or "").strip().split("\n")[0]
    crossed.__doc__ = f"{summary} Counted {side} the article span only."
    return crossed


# The line's signals again, weighed apart above and below the span: a headline is
# the article's title or subheading inside it, another story's link outside it.
ABOVE_SIGNALS: list[Signal] = [_outside(s, "above") for s in FIRST_SIGNALS]
BELOW_SIGNALS: list[Signal] = [_outside(s, "below") for s in FIRST_SIGNALS]
# What the first pass found around the line: weighed in the second pass.
SECOND_SIGNALS: list[Signal] = [
    first_judgement,
    neighbours_judgement,
    above_article,
    below_article,
    far_from_article,
    list_above_article,
    list_below_article,
    echoed_in_article,
    title_slot,
    span_head,
    span_tail,
    list_in_span_tail,
    *ABOVE_SIGNALS,
    *BELOW_SIGNALS,
]


def lines_of(
    texts: Sequence[str],
    rules: Sequence[str] | None = None,
    vocabulary: Mapping[str, float] | None = None,
) -> list[PageLine]:
    """
    The page's lines with what they share: repeats, runs of short lines, and the
    learned vocabulary that `learned_words` reads.
    """
    total = len(texts)
    lines = [
        PageLine(text, index, total, rules[index] if rules else "")
        for index, text in enumerate(texts)
    ]
    if vocabulary:
        for line in lines:
            line.vocabulary = vocabulary
    keys = [" ".join(line.words).lower() for line in lines]
    copies = Counter(keys)
    for line, key in zip(lines, keys):
        line.repeats = copies[key]
    for item, length in _runs(lines, _menu_shaped):
        item.run = length
    for item, length in _runs(lines, _headline_shaped):
        item.headlines = length
    _mark_cards(lines, keys, copies)
    _mark_foreign(lines)
    return lines


def _mark_cards(lines: list[PageLine], keys: list[str], copies: Counter[str]) -> None:
    """
    Mark the lines between two copies of one short line at most CARD_WINDOW lines
    apart: the cards of a teaser list that prints a category, a date or "Xem" on
    each. Two copies next to each other enclose nothing.
    """
    last: dict[str, int] = {}
    for index, (line, key) in enumerate(zip(lines, keys)):
        if copies[key] < 2 or len(line.words) > CARD_WORDS:
            continue
        before = last.get(key)
        if before is not None and 1 < index - before <= CARD_WINDOW:
            for inside in lines[before + 1 : index]:
                if keys[inside.index] != key:
                    inside.card = True
        last[key] = index


def _mark_foreign(lines: list[PageLine]) -> None:
    """
    Set `foreign` on lines of two words or more: how far their share of Vietnamese
    syllables falls below the mean share of the page's lines of PARAGRAPH_WORDS
    words or more (nothing on a page without such lines).
    """
    shares = [line.vietnamese for line in lines if len(line.words) >= PARAGRAPH_WORDS]
    if not shares:
        return
    page = sum(shares) / len(shares)
    for line in lines:
        if len(line.letter_runs) >= 2:
            line.foreign = max(0.0, page - line.vietnamese)


def _menu_shaped(line: PageLine) -> bool:
    return len(line.words) <= 4 and not line.text.endswith(SENTENCE_END)


def _headline_shaped(line: PageLine) -> bool:
    return 4 <= len(line.words) <= 30 and not line.text.endswith((".", ":", ";", ","))


def _runs(lines: list[PageLine], shaped: Callable[[PageLine], bool]):
    """Each line of a run of `shaped` lines, with the run's length."""
    run: list[PageLine] = []
    for line in lines + [None]:  # type: ignore[list-item]
        if line is not None and shaped(line):
            run.append(line)
            continue
        for item in run:
            yield item, len(run)
        run = []


def mark_echoes(lines: Sequence[PageLine]) -> None:
    """
    Set `echo` on every line that is not itself one of the span's paragraphs (of
    PARAGRAPH_WORDS words or more): the share of its words of two letters or more
    that those paragraphs use.
    """
    used: set[str] = set()
    for line in lines:
        if in_paragraphs(line):
            used.update(_paragraph_words(line.text))
    if not used:
        return
    for line in lines:
        if not in_paragraphs(line):
            words = {word for word in line.letters if len(word) > 1}
            if words:
                line.echo = len(words & used) / len(words)


@functools.lru_cache(maxsize=4096)  # a paragraph is read again on every model round
def _paragraph_words(text: str) -> frozenset[str]:
    """The words of a paragraph, lowercased, that `mark_echoes` looks for."""
    return frozenset(LETTERS_RE.findall(text.lower()))


def mark_edges(lines: Sequence[PageLine]) -> None:
    """
    Set `head` and `tail` on the span's lines above its first and below its last
    paragraph (`_paragraph`, ending like a sentence): counted in lines.
    """
    inside = [line for line in lines if line.span == 0]
    ends = [n for n, line in enumerate(inside) if _paragraph(line, ended=True)]
    if not ends:
        return
    first, last = ends[0], ends[-1]
    for n, line in enumerate(inside):
        line.head = max(0, first - n)
        line.tail = max(0, n - last)


def in_paragraphs(line: PageLine) -> bool:
    """One of the span's paragraphs: inside it, PARAGRAPH_WORDS words or more."""
    return line.span == 0 and len(line.words) >= PARAGRAPH_WORDS


def mark_title(lines: Sequence[PageLine], start: int) -> None:
    """
    Mark the title among the title-shaped lines from six lines above the span's
    first line (`start`) down to the first paragraph (looked for in eight lines):
    the one whose words the paragraphs use most, when they use half of them, and
    the one nearest the paragraph. Two, since a kicker, a byline or a category may
    stand where the title is expected.
    """
    end = min(len(lines), start + 8)
    first = next((n for n in range(start, end) if _paragraph(lines[n])), end)
    candidates = [
        line for line in lines[max(0, start - 6) : first] if _title_shaped(line)
    ]
    if not candidates:
        return
    candidates[-1].title = True
    echoed = max(candidates, key=lambda line: line.echo)
    if echoed.echo >= 0.5:
        echoed.title = True


def _paragraph(line: PageLine, ended: bool = False) -> bool:
    """Fifteen words or more, ending like a sentence or (unless `ended`) holding one."""
    if len(line.words) < 15:
        return False
    if line.text.endswith(SENTENCE_END):
        return True
    return not ended and sentences_inside(line) > 0


def _title_shaped(line: PageLine, fewest: int = 4) -> bool:
    """
    A headline of `fewest` words or more (3 when it asks or exclaims), no final
    stop, starting with a word or a quote.
    """
    first = line.text[:1]
    if not (first.isalnum() or first in "\"“‘'(") or not line.letters:
        return False
    if line.text.endswith(("?", "!")):
        return min(3, fewest) <= len(line.words) <= 30
    return fewest <= len(line.words) <= 30 and not line.text.endswith(
        (".", ":", ";", ",")
    )


def measure(line: PageLine, signals: Sequence[Signal]) -> list[float]:
    """The line's value of each signal, in the table's order."""
    return [signal(line) for signal in signals]
