"""
A word that lost bytes, read every way its gaps can be filled, and the reading chosen
with its neighbours: `chá»nh tá»n` is `chỉnh tồn`, not `chềnh tỏn`.

Each reading scores the mean log frequency of its syllables; a reading that makes a
two-syllable word of the Viet74K list with the syllable beside it (evidence.
forms_word) earns a bonus, the larger the rarer its syllables, so where a lost byte
decides only the tone (Giờ Giỏ, thờ thề, bờ bỏ) the neighbours choose; the words of a
line with only white space between them choose together. Two neighbours that running
text puts side by side more often than chance (sống nhờ, vào bờ, châu Á) earn a
smaller bonus where no word list knows them. A word the document shows intact
elsewhere, and a capitalised word inside a sentence that is a syllable of place names
(Nguyễn, Ngọc, Thọ), are likelier.
"""

from __future__ import annotations

import functools
import itertools
import math
import unicodedata
from collections import Counter
from collections.abc import Mapping

import regex

from vnclean import syllable, tables
from vnclean.repair.evidence import abbreviation, cased, forms_triple, forms_word
from vnclean.repair.words import LETTER_RUN_RE

Reading = tuple[float, bytes, str]  # score, bytes with the gaps filled, decoding

MAX_COMBINATIONS = 4096
# Two neighbouring syllables that make a word of the Viet74K list (`chỉnh tồn`
# against `chềnh tỏn`) earn _word_bonus (in log frequency): a lost byte's readings
# often differ only in the tone (Giờ Giỏ, thờ thề), which the neighbours tell apart
# where a syllable's own frequency cannot. A word is taken to be this share of the
# uses of its commoner syllable, and earns at least MIN_WORD_BONUS (20 times).
WORD_SHARE = 0.05
MIN_WORD_BONUS = 3.0
# Each time the document shows a word intact elsewhere (`hờ` in a line that kept its
# bytes, where `há»` lost one), the word counts as this share of the corpus spread
# over the document's words: the writer used it, so a rare word becomes likely while
# a common one (`nhỏ`, shown or not) keeps its own frequency.
DOCUMENT_SHARE = 0.02
# Where a lost byte decides the case of a word's first letter (Đ 0x90 or đ 0x91), a
# capital after the end of a sentence and a small letter elsewhere earn this much.
CASE_BONUS = 0.5
# written_frequency.tsv counts per billion words; a syllable's written frequency,
# scaled to the subtitles' count, stands for it at this share where it is the larger.
PER_BILLION = 1e9
WRITTEN_SHARE = 0.1
# Two neighbouring syllables that running text (syllable_pairs.tsv, from Wikipedia)
# puts side by side more often than their own counts there make likely earn
# PAIR_WEIGHT times the log of how many times more often: the sentence around a lost
# byte tells `sống nhờ` from `sống nhỏ` and `vào bờ` from `vào bỏ`, where the Viet74K
# words do not. PAIR_PRIOR is added to the count seen and the count expected, so a
# pair seen once counts beside rare syllables and hardly beside common ones.
PAIR_WEIGHT = 2.0
PAIR_PRIOR = 0.3
# A word capitalised inside a sentence by a letter that kept its bytes is a name: a
# reading that is a syllable of Vietnamese place names earns this much times the log
# of the number of names it is part of (place names draw on the syllables of
# personal names, which the subtitles behind the frequencies rarely show: Nguyễn 84
# times, Nguyện 3,101; Ngọc is part of 80 place names, Ngốc of none).
NAME_WEIGHT = 2.0
SENTENCE_END_RE = regex.compile(rb"(?:^|[.!?:\u2026\"]|\xe2\x80[\x9c\xa6])\s*$")
# The words a span may read as, kept when its neighbours choose among them.
MAX_READINGS = 8
# A small letter followed by a capital inside a letter run: two words whose space was
# lost with a line break of the page (`độĐộ ẩm`, a figure's unit glued to the next
# label), each read as a syllable of its own.
GLUED_CAPITAL_RE = regex.compile(r"(?<=\p{Ll}\p{M}*)(?=\p{Lu})")


def _words(text: str) -> list[str]:
    """The words of a decoded span: its letter runs, split before a capital that
    follows a small letter."""
    return [
        part
        for run in LETTER_RUN_RE.findall(text)
        for part in GLUED_CAPITAL_RE.split(run)
    ]


def readings(
    data: bytes,
    start: int,
    end: int,
    gaps: list,
    bonus: float,
    shown: Mapping[str, float] | None = None,
) -> list[Reading]:
    """
    The readings of data[start:end] with its gaps filled, best first: (score,
    bytes, decoding), the score counting the words the reading makes with itself
    and the words the document shows intact (`shown`, see _document_bonus).
    """
    readings: dict[bytes, Reading] = {}
    choices = [options for _, options in gaps]
    if math.prod(len(c) for c in choices) > MAX_COMBINATIONS:
        return []
    for combo in itertools.product(*choices):
        pieces, at = [], start
        for (where, _), (skip, put) in zip(gaps, combo):
            pieces.append(data[at:where])
            pieces.append(put)
            at = where + skip
        pieces.append(data[at:end])
        candidate = b"".join(pieces)
        try:
            decoded = candidate.decode("utf-8")
        except UnicodeDecodeError:
            continue
        score = _span_score(decoded)
        if score is None:
            continue
        # A space read as a lost byte (every option of a `?` alike, so no matter).
        score += bonus * sum(skip for skip, _ in combo)
        words = _words(decoded)
        score += sum(itertools.starmap(_pair, itertools.pairwise(words)))
        if shown:
            score += sum(_document_bonus(w, shown) for w in words)
        if candidate not in readings or score > readings[candidate][0]:
            readings[candidate] = (score, candidate, decoded)
    # Two glued words are read only where no reading makes whole words (`thường`,
    # not `thư` + `Ống`).
    whole = [r for r in readings.values() if not GLUED_CAPITAL_RE.search(r[2])]
    ranked = sorted(whole or readings.values(), key=lambda r: r[0], reverse=True)
    # The words kept, each in every case it can be read in (a lost Đ 0x90 or đ 0x91
    # leaves `Đề`, `đề`, `ĐỀ` alike): the neighbours choose the case.
    kept = set(list(dict.fromkeys(r[2].lower() for r in ranked))[:MAX_READINGS])
    return [r for r in ranked if r[2].lower() in kept]


def document_counts(words: Counter[str], total_words: int) -> dict[str, float]:
    """The words a document shows intact (lower case) with what each occurrence
    adds to the word's frequency: DOCUMENT_SHARE of the corpus per document word."""
    per_word = DOCUMENT_SHARE * _total() / max(total_words, 1)
    return {word: count * per_word for word, count in words.items()}


def _document_bonus(word: str, shown: Mapping[str, float]) -> float:
    """How much likelier the document makes the word than its frequency alone."""
    added = shown.get(word.lower(), 0.0)
    if not added:
        return 0.0
    known = frequency(word)
    return math.log(known + added + 1) - math.log(known + 1)


def _neighbour(data: bytes, start: int, end: int, last: bool) -> str:
    """The last (or first) letter run of data[start:end] when that is UTF-8 as it
    stands, else ""."""
    try:
        return _edge_word(data[start:end].decode("utf-8"), last)
    except UnicodeDecodeError:
        return ""


def _edge_word(decoded: str, last: bool) -> str:
    words = _words(decoded)
    if not words:
        return ""
    return words[-1] if last else words[0]


def _pair(first: str, second: str) -> float:
    """_word_bonus when the two syllables make a word or a place name, plus
    _seen_together for how often text writes them side by side."""
    if not (first and second):
        return 0.0
    together = _seen_together(first, second)
    if forms_word(first, second) or _forms_name(first, second):
        return _word_bonus(first, second) + together
    return together


@functools.cache
def _running_text() -> tuple[dict[str, int], dict[tuple[str, str], int]]:
    """How often each syllable (lower case, old tone style) is counted in Wikipedia's
    running text, and how often two stand side by side (syllable_pairs.tsv; the row
    `*` holds the syllables counted in all)."""
    counts: dict[str, int] = {}
    pairs: dict[tuple[str, str], int] = {}
    for word, count, followers in tables.rows("vnclean.repair", "syllable_pairs.tsv"):
        counts[word] = int(count)
        for entry in followers.split():
            second, _, seen = entry.rpartition(":")
            pairs[word, second] = int(seen)
    return counts, pairs


def _seen_together(first: str, second: str) -> float:
    """
    What running text tells of two neighbouring syllables: PAIR_WEIGHT times the
    log of how many times more often they stand side by side than their own counts
    in the same text make likely (`sống nhờ`, `nhà nhỏ`, `vào bờ`, `châu Á`), never
    below 0, so a pair the sample never shows is no evidence either way.
    """
    counts, pairs = _running_text()
    one = syllable.respell(first.lower(), "old")
    two = syllable.respell(second.lower(), "old")
    together = pairs.get((one, two), 0) if one and two else 0
    if not together:
        return 0.0
    expected = counts[one] * counts[two] / counts["*"]
    return PAIR_WEIGHT * max(
        0.0, math.log((together + PAIR_PRIOR) / (expected + PAIR_PRIOR))
    )


@functools.cache
def _total() -> int:
    """The syllables counted in the lexicon, all told."""
    return sum(syllable.lexicon().values())


@functools.cache
def _written() -> dict[str, int]:
    """Syllable (old tone style, lower case) -> written per billion words."""
    return {
        word: int(count)
        for word, count in tables.rows("vnclean.repair", "written_frequency.tsv")
    }


@functools.lru_cache(maxsize=65536)
def frequency(word: str) -> float:
    """
    How often a valid syllable occurs, in the subtitles' count: that count, or
    WRITTEN_SHARE of how often it is written (Wikipedia, web) where that is more. The
    subtitles rarely show the words of news (`huyện` 34 times against `huyền` 920,
    where text writes `huyện` five times as often); a smaller difference between the
    two sources decides nothing.
    """
    spoken = float(syllable.frequency(word))
    spelled = syllable.respell(word.lower(), "old")
    written = _written().get(spelled, 0) if spelled else 0
    return max(spoken, WRITTEN_SHARE * written * _total() / PER_BILLION)


def _word_bonus(*syllables: str) -> float:
    """
    What making a word with its neighbours tells of a reading: how much likelier
    its syllables are together than each alone. Taking the word to be WORD_SHARE
    of its commoner syllable's uses, that is WORD_SHARE * total / frequency of the
    commoner syllable: large for a word of rare syllables (`hững hờ` against the
    common `họ`), small for one of common syllables (`mọi khi`), never below
    MIN_WORD_BONUS.
    """
    common = max(frequency(s) for s in syllables)
    return max(MIN_WORD_BONUS, math.log(WORD_SHARE * _total() / max(common, 1)))


def _case(data: bytes, start: int, decoded: str) -> float:
    """CASE_BONUS when the reading's first letter has the case its place asks for."""
    head = _edge_word(decoded, last=False)
    if not head:
        return 0.0
    opens_sentence = bool(SENTENCE_END_RE.search(data, 0, start))
    return CASE_BONUS if head[0].isupper() == opens_sentence else 0.0


@functools.cache
def _name_syllables() -> dict[str, int]:
    """Syllables of Vietnamese place names, lower case, with the number of names
    each is part of (name_syllables.tsv)."""
    rows = tables.rows("vnclean.repair", "name_syllables.tsv")
    return {name.lower(): int(count) for name, count, _ in rows}


@functools.cache
def _name_pairs() -> frozenset[tuple[str, str]]:
    """Two syllables that follow each other in a place name, lower case."""
    rows = tables.rows("vnclean.repair", "name_syllables.tsv")
    return frozenset(
        (name.lower(), after.lower())
        for name, _, follows in rows
        for after in follows.split()
    )


def _forms_name(first: str, second: str) -> bool:
    """The two capitalised syllables stand next to each other in a place name
    (`Phú Thọ`, not `Phú Thề`)."""
    if not (first.istitle() and second.istitle()):
        return False
    one = syllable.respell(first.lower(), "old")
    two = syllable.respell(second.lower(), "old")
    return (one, two) in _name_pairs()


def _name(data: bytes, start: int, decoded: str) -> float:
    """
    What a name tells of the reading: when its first word is capitalised inside a
    sentence by an intact letter (`Nguyá»n`, `Thá»`), NAME_WEIGHT times the log of
    the number of place names that syllable is part of.
    """
    head = _edge_word(decoded, last=False)
    if not (head[:1].isascii() and head[:1].isupper() and head[1:].islower()):
        return 0.0
    if SENTENCE_END_RE.search(data, 0, start):
        return 0.0
    spelled = syllable.respell(head.lower(), "old")
    names = _name_syllables().get(spelled, 0) if spelled else 0
    return NAME_WEIGHT * math.log(1 + names)


def _runs(data: bytes, spans: list[tuple[int, int, list[Reading]]]) -> list[list[int]]:
    """The spans with readings, in runs of those with only white space between."""
    runs: list[list[int]] = []
    for k, (start, _, readings) in enumerate(spans):
        if not readings:
            continue
        touching = runs and runs[-1][-1] == k - 1
        if touching and not data[spans[k - 1][1] : start].strip():
            runs[-1].append(k)
        else:
            runs.append([k])
    return runs


def choose(
    data: bytes, spans: list[tuple[int, int, list[Reading]]]
) -> list[Reading | None]:
    """
    A reading for each span of a line: a run of spans with only white space between
    them chooses together, each reading's score plus _word_bonus for each pair
    of neighbouring syllables, the run's and those beside it, that makes a word.
    """
    chosen: list[Reading | None] = [None] * len(spans)
    # The reading chosen for each span, by where it ends: the word before a run's
    # neighbour may be one (`Äông Nam Ã`: Đông, chosen first, then Nam Á).
    ends: dict[int, Reading] = {}
    for run in _runs(data, spans):
        first, last = spans[run[0]], spans[run[-1]]
        before = _token_before(data, first[0])
        left = _neighbour(data, *before, last=True)
        left2 = _word_before(data, before[0], ends) if left else ""
        right = _neighbour(data, last[1], _token_after(data, last[1]), last=False)
        # For each reading of the latest span: the best total of the run so far
        # that ends with it, and the readings chosen.
        best = [
            (
                r[0]
                + _pair(left, _edge_word(r[2], last=False))
                + _triple(left2, left, _edge_word(r[2], last=False))
                + _case(data, first[0], r[2])
                + _name(data, first[0], r[2]),
                [r],
            )
            for r in first[2]
        ]
        for k in run[1:]:
            best = [
                max(
                    (
                        total
                        + _pair(_edge_word(path[-1][2], True), _edge_word(r[2], False))
                        + _case(data, spans[k][0], r[2])
                        + _name(data, spans[k][0], r[2])
                        + r[0],
                        [*path, r],
                    )
                    for total, path in best
                )
                for r in spans[k][2]
            ]
        _, path = max(
            (total + _pair(_edge_word(path[-1][2], True), right), path)
            for total, path in best
        )
        for k, reading in zip(run, path):
            chosen[k] = reading
            ends[spans[k][1]] = reading
    return chosen


def _triple(first: str, second: str, third: str) -> float:
    """_word_bonus when the three syllables make a word."""
    if first and second and third and forms_triple(first, second, third):
        return _word_bonus(first, second, third)
    return 0.0


def _word_before(data: bytes, at: int, ends: dict[int, Reading]) -> str:
    """The word before `at` (the start of a token): as the reading chosen for the
    span ending there, else as it stands when that is UTF-8."""
    start, end = _token_before(data, at)
    if start == end:
        return ""
    # A chosen reading first: the token may be only the end of a word whose lost
    # byte became a space (`Ã´ng` of `Ä Ã´ng`, Đông).
    reading = ends.get(end)
    if reading:
        return _edge_word(reading[2], last=True)
    return _neighbour(data, start, end, last=True)


def _token_before(data: bytes, at: int) -> tuple[int, int]:
    end = at
    while end > 0 and data[end - 1] in b" \t":
        end -= 1
    start = end
    while start > 0 and data[start - 1] not in b" \t\n\r\x00":
        start -= 1
    return start, end


def _token_after(data: bytes, at: int) -> int:
    start = at
    while start < len(data) and data[start] in b" \t":
        start += 1
    end = start
    while end < len(data) and data[end] not in b" \t\n\r\x00":
        end += 1
    return end


# Curly quotes and the en dash between spaces (` â ` of ` – ` that lost both its C1
# bytes): a lost byte inside one is evidence as good as a Vietnamese word.
QUOTES = frozenset("“”‘’–")
# A word run holding a digit, a letter and a non-ASCII character (và8): a space
# between a word and a number was read as a byte.
GLUED_DIGIT_RE = regex.compile(r"(?<!\w)(?=\w*\d)(?=\w*[^\W\d_])\w*[^\x00-\x7f]\w*")


def _span_score(text: str) -> float | None:
    """
    How well a decoded span reads as Vietnamese: the mean log frequency of its words,
    or None when a non-ASCII word is no frequent syllable (or abbreviation), or a
    symbol is one a lost byte cannot have been. ASCII words count as neutral.
    """
    if GLUED_DIGIT_RE.search(text):
        return None  # a letter glued to a digit (và8): a space was read as a byte
    total, count, found = 0.0, 0, False
    for word in _words(text):
        count += 1
        if word.isascii():
            if syllable.is_valid(word):
                total += math.log(frequency(word) + 1)
            continue
        if cased(word) and syllable.is_valid(word):
            # A name the subtitles never saw (Nẵng) may stand beside the repaired word.
            total += math.log(frequency(word) + 1)
            found = found or syllable.frequency(word) >= 1
        elif abbreviation(word):
            found = True
        else:
            return None
    symbols = [
        c
        for c in text
        if not c.isascii()
        and not c.isalpha()
        and not unicodedata.category(c).startswith("M")
    ]
    # A filled byte can only make controls, invisible spaces, ‐ or † out of a
    # punctuation mark's bytes; none of them is what the writer typed.
    if any(unicodedata.category(c)[0] in "CZ" or c in "‐†" for c in symbols):
        return None
    if not (found or any(c in QUOTES for c in symbols)):
        return None
    return total / max(count, 1)
