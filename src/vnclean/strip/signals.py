"""
What a line's own text says, wherever it stands: the signals that mark a line as
furniture without looking at its neighbours, in `LINE_SIGNALS` in order of trust;
the first that speaks decides. Also the one signal that needs the whole document
but no neighbour: alt text typed without the diacritics of the article's words.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import regex
from unidecode import unidecode

from vnclean import lazy, syllable
from vnclean.strip import metadata
from vnclean.strip.lines import SENTENCE_END, TERMINAL, Line, Verdict
from vnclean.strip.rules import MAX_KEPT_LINES, MAX_WIDGET_LENGTH, Rules
from vnclean.strip.words import COUNT_WORDS_TO, WORD_RE, counts_alike, word_finder

PUNCTUATION_ONLY_RE = lazy.compile(r"^[\p{P}\p{S}\p{Z}\s]*$")
DIGITS_ONLY_RE = lazy.compile(r"^[\p{N}\p{P}\p{S}\s]*\p{N}[\p{N}\p{P}\p{S}\s]*$")
URL_RE = lazy.compile(
    r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)+/\S*", regex.IGNORECASE
)
IMAGE_FILE_RE = lazy.compile(
    r"(?:(?:image|img|photo|ảnh)\s*:\s*)?\S*\.(?:jpe?g|png|gif|webp|bmp|svg)(?:\?\S*)?"
    r"|(?:img|dsc|dscf|dcim|pic|image|photo)[_-]?\d+\S*"
    r"|\d{1,4}(?:[._-]\d{1,4}){3,}",  # 19.4.2017.2; a bare date is a dateline
    regex.IGNORECASE,
)
PLACEHOLDER_RE = lazy.compile(
    r"^(?P<title>.+?)\s*[-–—]\s*(?:Ảnh|Hình|Photo|Video)\s*\d+\s*$", regex.IGNORECASE
)
ALT_SUFFIX_RE = lazy.compile(
    r"\b(?:hinh anh|hinh|anh|photo|image)\s*\d+\s*$", regex.IGNORECASE
)
HASHTAG_RE = lazy.compile(r"#[\p{L}\p{N}_]+")
SLASH_JOIN_RE = lazy.compile(r"\s+/\s+")
SENTENCE_BREAK_RE = lazy.compile(r"[.!?…]\s")
BREADCRUMB_SPLIT_RE = lazy.compile(r"\s*[›»>|]\s*")
THEO_LINE_RE = lazy.compile(r"(?i)theo\s+(.+?)\.?$")
LABEL_RE = lazy.compile(r"[\w-]+", regex.IGNORECASE)
TOP_LABEL_RE = lazy.compile(r"[a-z]{2,6}", regex.IGNORECASE)

Signal = Callable[[Line, Rules], "Verdict | None"]


def only_punctuation(line: Line, rules: Rules) -> Verdict | None:
    """A line of punctuation or spaces: a divider or what is left of a widget."""
    if PUNCTUATION_ONLY_RE.match(line.text):
        return "punctuation", "only punctuation or spaces", None
    return None


def image_file_name(line: Line, rules: Rules) -> Verdict | None:
    """An image's file name or number printed where the picture was (IMG_0806)."""
    text = line.text
    # Neither pattern lets a line have a space, but around the colon of "Ảnh: x.jpg".
    if (
        len(text) <= MAX_WIDGET_LENGTH
        and (" " not in text or ":" in text)
        and (
            IMAGE_FILE_RE.fullmatch(text)
            or (URL_RE.fullmatch(text) and IMAGE_FILE_RE.search(text))
        )
    ):
        return "image-filename", "an image file name or number, not text", None
    return None


def dateline(line: Line, rules: Rules) -> Verdict | None:
    """A date (and time) on a line of its own; the date goes to the metadata."""
    date = metadata.dateline(line.text) if _metadata_sized(line) else None
    if date is not None:
        return "dateline", f"a date on a line of its own ({date})", {"date": date}
    return None


def only_digits(line: Line, rules: Rules) -> Verdict | None:
    """Digits and symbols alone: view counts, page numbers, a phone keypad."""
    if DIGITS_ONLY_RE.match(line.text):
        return "punctuation", "only digits and symbols", None
    return None


def widget_phrase(line: Line, rules: Rules) -> Verdict | None:
    """A widget phrase of the shipped or the user's rules, valid anywhere on a page."""
    pattern = rules.match(line.text)
    if pattern is not None and pattern.where == "anywhere":
        return pattern.kind, pattern.reason, None
    return None


def credit(line: Line, rules: Rules) -> Verdict | None:
    """
    An author's or source's credit on a line of its own ("Theo VnExpress"), not a
    section heading that starts the same way ("Theo khoa học").
    """
    text = line.text
    found = metadata.credit(text) if _metadata_sized(line) else None
    if found is not None and not _weak_theo(text):
        kind, meta = found
        return kind, "a credit on a line of its own", meta
    return None


def bare_link(line: Line, rules: Rules) -> Verdict | None:
    """A URL or domain alone, or under a short label ("Xem tại: URL")."""
    if _is_link_line(line.text):
        return "navigation", "a bare link", None
    return None


def hashtags(line: Line, rules: Rules) -> Verdict | None:
    """A line that is mostly hashtags."""
    text = line.text
    found = HASHTAG_RE.findall(text) if "#" in text else []
    if found and len(found) * 2 >= max(1, len(line.words)):
        return "tags", f"{len(found)} hashtags", None
    return None


def breadcrumb(line: Line, rules: Rules) -> Verdict | None:
    """Section names joined by › » > or |: "Thời sự › Giao thông"."""
    if _is_breadcrumb(line.text):
        return "navigation", "a breadcrumb trail", None
    return None


def joined_headlines(line: Line, rules: Rules) -> Verdict | None:
    """Two or more headlines on one line joined by " / ": a related-news strip."""
    text = line.text
    parts = [part for part in SLASH_JOIN_RE.split(text) if part] if "/" in text else []
    if (
        len(parts) >= 2
        and all(
            4 <= len(WORD_RE.findall(p)) <= 25 and not SENTENCE_BREAK_RE.search(p)
            for p in parts
        )
        and not text.endswith((".", ":"))
    ):
        return "related-list", f"{len(parts)} headlines joined with ' / '", None
    return None


def photo_placeholder(line: Line, rules: Rules) -> Verdict | None:
    """The title repeated with "- Ảnh 3" where a gallery's picture was."""
    text = line.text
    # PLACEHOLDER_RE needs a dash and a final number (`regex` knows digits that
    # str.isdigit does not yet, all astral): tests/test_perf_equivalence.py.
    tail = text.rstrip()[-1:]
    placeholder = (
        PLACEHOLDER_RE.match(text)
        if (tail.isdigit() or tail > "\uffff") and any(dash in text for dash in "-–—")
        else None
    )
    if placeholder and not placeholder["title"].rstrip().endswith((".", ":")):
        return (
            "photo-placeholder",
            "the title repeated with '- Ảnh N' for a picture",
            None,
        )
    return None


# What a line's own text says, in order of trust: the first that speaks decides.
LINE_SIGNALS: list[Signal] = [
    only_punctuation,
    image_file_name,  # IMG_0806, anh-minh-hoa.jpg
    dateline,  # "Thứ Năm, 09/01/2020, 18:03 (GMT+7)"
    only_digits,
    widget_phrase,  # boilerplate.json, the user's --rules
    credit,  # "Theo Hà Văn/Baochinhphu.vn", "Bài và ảnh: Bùi Ngọc Tư"
    bare_link,
    hashtags,
    breadcrumb,  # "Trang chủ > Thời sự"
    joined_headlines,
    photo_placeholder,  # "Lễ hội hoa - Ảnh 3"
]


def own_verdict(line: Line, rules: Rules) -> Verdict | None:
    """
    The first of `LINE_SIGNALS` that speaks for the line's text. A site prints the
    same furniture on every page, so the verdicts are kept per Rules, like its
    matches.
    """
    kept: dict[str, Verdict | None] = rules.__dict__.setdefault("_verdicts", {})
    text = line.text
    if text in kept:
        return kept[text]
    if len(kept) > MAX_KEPT_LINES:
        kept.clear()
    verdict = kept[text] = read_verdict(line, rules)
    return verdict


def read_verdict(line: Line, rules: Rules) -> Verdict | None:
    """The first of `LINE_SIGNALS` that speaks for `line`, worked out afresh."""
    for signal in LINE_SIGNALS:
        verdict = signal(line, rules)
        if verdict is not None:
            return verdict
    return None


def _metadata_sized(line: Line) -> bool:
    """
    Whether the line may be short enough for a dateline (at most 12 words) or a
    credit (at most 10), as metadata counts them: a line whose count reached
    COUNT_WORDS_TO and that both count alike is a paragraph.
    """
    return line.count < COUNT_WORDS_TO or not counts_alike(line.text)


def _is_domain(text: str) -> bool:
    """
    A bare domain: dotted labels, the last of 2 to 6 letters, perhaps a final slash.
    Checked label by label; tests/test_perf_equivalence.py proves it equal to the
    one regex it stands in for.

        >>> _is_domain("baochinhphu.vn/"), _is_domain("a.b.c")
        (True, False)
    """
    *labels, top = text.removesuffix("/").split(".")
    return (
        bool(labels)
        and TOP_LABEL_RE.fullmatch(top) is not None
        and all(LABEL_RE.fullmatch(label) for label in labels)
    )


def _is_breadcrumb(text: str) -> bool:
    """
    Short section names joined by › » > or |: "Thời sự › Giao thông".

        >>> _is_breadcrumb("Thời sự › Giao thông"), _is_breadcrumb("Giá > 5 triệu đồng")
        (True, False)
    """
    if not ("›" in text or "»" in text or ">" in text or "|" in text):
        return False
    parts = BREADCRUMB_SPLIT_RE.split(text)
    if len(parts) < 2 or not all(parts) or text.endswith(TERMINAL):
        return False
    return all(len(part.split()) <= 4 and part[:1].isupper() for part in parts)


def _weak_theo(text: str) -> bool:
    # "Theo khoa học" heads a section; "Theo Dân Việt" or "Theo xahoi" credits one.
    match = THEO_LINE_RE.match(text)
    if match is None or "/" in match[1]:
        return False
    first = match[1].split()[0]
    return first.islower() and syllable.is_valid(first)


def _is_link_line(text: str) -> bool:
    """A bare URL or domain, or a short label followed by one ("Xem tại: URL")."""
    if " " not in text and (URL_RE.fullmatch(text) or _is_domain(text)):
        return True
    # The URL must reach the end of the line (bar " ./") and holds no space, so its
    # slash or "www." is in the line's last word; most Vietnamese paragraphs have
    # neither a slash nor a w anywhere.
    if "/" not in text and "w" not in text and "W" not in text:
        return False
    end = len(text.rstrip(" ./"))
    last = text[text.rfind(" ", 0, end) + 1 :]
    if "/" not in last and "www." not in last.lower():
        return False
    match = URL_RE.search(text)
    if match is None or match.end() < end:
        return False
    before = text[: match.start()].strip()
    return (
        before.endswith(":")
        and len(WORD_RE.findall(before)) <= 14
        or (len(WORD_RE.findall(before)) <= 2)
    )


@functools.lru_cache(maxsize=65536)
def _fold(word: str) -> str:
    return unidecode(word).lower()


def accented_vocabulary(content: list[Line]) -> frozenset[str]:
    """The diacritic-free forms of the document's accented words."""
    return frozenset().union(*(_accented_folds(line.text) for line in content))


@functools.lru_cache(maxsize=16384)  # the judge asks again as lines go
def _accented_folds(text: str) -> frozenset[str]:
    """The diacritic-free forms of the accented words of one line."""
    if text.isascii():
        return frozenset()
    return frozenset(
        _fold(word) for word in word_finder(text).findall(text) if not word.isascii()
    )


def is_unaccented_copy(line: Line, accented: frozenset[str]) -> bool:
    """
    Alt text typed without diacritics: an ASCII line of an accented document whose
    words are the document's accented words with the marks stripped.
    """
    if not line.text.isascii() or line.count < 4 or len(accented) < 20:
        return False
    words = [w.lower() for w in line.words if not w.isdigit()]
    if not words:
        return False
    share = sum(w in accented for w in words) / len(words)
    if ALT_SUFFIX_RE.search(line.text) and share >= 0.5:
        return True
    return share >= 0.85 and not line.text.endswith(SENTENCE_END) and len(words) >= 5
