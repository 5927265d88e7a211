"""
Vietnamese typed in a legacy font encoding and read as Windows-1252: `Céng hoµ x·
héi` for `Cộng hoà xã hội`.

Before Unicode, Vietnamese was typed in 8-bit fonts (TCVN3/ABC, VNI, VISCII, VPS) or
Windows-1258; such text copied into a web page shows Western letters and symbols in
place of the Vietnamese ones. legacy_stretches.py reads the tables in `legacy/` and
finds the stretches of a line a legacy font may have typed. A paragraph is decoded only where the decoding turns broken words into
frequent syllables and the document as a whole favours that encoding, or, for a
short stretch the document shows nothing else about, where only one reading exists
and every word it changes was broken and becomes a frequent syllable.
"""

from __future__ import annotations

import unicodedata
from collections import Counter

from vnclean import syllable
from vnclean.edits import apply
from vnclean.model import Edit
from vnclean.repair.codepages import as_bytes
from vnclean.repair.evidence import (
    attested,
    cased,
    forms_word,
    frequent,
    in_a_word,
    much_better,
    seen,
)
from vnclean.repair.legacy_stretches import (
    Piece,
    broken_tokens,
    decode_legacy,
    hyphenated,
    pieces,
    quiet,
    trimmed,
)
from vnclean.repair.words import line_edits

LEGACY_ENCODINGS = ("tcvn3", "vni", "viscii", "vps")
LEGACY_NAMES = {
    "tcvn3": "TCVN3 (ABC)",
    "vni": "VNI-Windows",
    "viscii": "VISCII",
    "vps": "VPS",
    "cp1258": "Windows-1258",
}


def _legacy_words(text: str) -> list[str]:
    words = (w.strip(".,;:!?\"'()[]{}<>-–—…“”‘’/") for w in text.split())
    return [w for w in words if w and not w.isdigit()]


def _legacy_gain(
    line: str, decoded: str, capitals: bool = False
) -> tuple[int, int, int, int]:
    """
    Of the words a decoding changes: how many it turns into frequent syllables and
    into non-syllables, and how many were broken and valid before it. With
    `capitals` (an encoding with capitals of its own: all but TCVN3) a word in no
    case a word is written in counts as no syllable (VPS `quÌ` for TCVN3 `quµ`).
    """
    # Words are cut at spaces, not at non-letters: `Chi¬u` is one broken word, not
    # the valid `Chi` and `u`.
    before = Counter(_legacy_words(line))
    after = Counter(_legacy_words(decoded))
    good = bad = 0
    for word, count in (after - before).items():
        if word.isascii():
            continue  # a fragment left by a decoding error, not evidence
        if len(word) > 1 and attested(word) and (cased(word) or not capitals):
            good += count  # a lone letter between symbols (◊ợ◊) is no evidence either
        elif not (len(word) == 1 and syllable.is_valid(word)):
            bad += count
    gone = before - after
    # A syllable the subtitles have not seen is no broken word where it is one of a
    # Viet74K word (`sè`, `choàm`), nor where it makes one with its neighbour as
    # written (`sè sè`, `oàng oàng`). A lone sign between spaces is punctuation
    # (`Tin · Ảnh`, `« Chào »`), no broken word, as its reading is no evidence.
    words = _legacy_words(line)
    kept = _kept_words(words, _legacy_words(decoded))
    broken = sum(
        n
        for w, n in gone.items()
        if len(w) > 1
        and not seen(w)
        and not in_a_word(w)
        and not hyphenated(w)
        and not _onset_misspelt(w)
        and w not in kept
    )
    return good, bad, broken, sum(gone.values()) - broken


def _onset_misspelt(word: str) -> bool:
    """
    A syllable but for writing g, ng or c before e, ê or i where Vietnamese writes
    gh, ngh or k: slang and loanwords spell so (`gét gô`, let's go; `cê`), and no
    legacy font breaks a word in its onset, so it is no evidence of one (TCVN3 would
    read gột gô, cờ).
    """
    lower = word.lower()
    for onset, spelt in (("ng", "ngh"), ("g", "gh"), ("c", "k")):
        if lower.startswith(onset) and not lower.startswith(spelt):
            rest = lower[len(onset) :]
            front = unicodedata.normalize("NFD", rest[:1])[:1] in ("e", "i")
            return front and seen(spelt + rest)
    return False


def decode_legacy_fonts(text: str) -> str:
    """
    Decode Vietnamese typed in a legacy font encoding (TCVN3, VNI, VISCII, VPS,
    Windows-1258) and read as Windows-1252.

        >>> str(decode_legacy_fonts("Céng hoµ x· héi chñ nghÜa ViÖt Nam"))
        'Cộng hoà xã hội chủ nghĩa Việt Nam'
    """
    # Per paragraph: a decoding must turn at least two broken words into frequent
    # syllables, at most a fifth of the changed words into non-syllables, and change
    # more broken words than valid ones (`Ra tay sau ân ái` is correct and reads as
    # TCVN3 `õn ỏi` too). A paragraph with one such word, changing no more valid
    # words than broken ones, follows an encoding the document has already shown.
    # German, French, Spanish and correct Vietnamese words decode to non-syllables, so
    # they never pass; a paragraph that is UTF-8 mojibake is left to ftfy.
    stretches = list(pieces(text))
    if not _legacy_candidates(stretches):
        return text
    fits: list[tuple[Piece, dict[str, tuple[bool, int, str]]]] = []
    totals: Counter[str] = Counter()
    for line in stretches:
        found = _fits(line.group())
        if line.whole and _not_utf8(line.text) and _reads_in_part(line.text, found):
            # A line held by Windows-1252 that does not read as a whole may go on in
            # Unicode words of Windows-1252 letters (`Theo luËt nµy vô biên`): its
            # stretch of legacy words is read alone. (UTF-8 read as Windows-1252 is
            # the mojibake steps' business.)
            stretch = trimmed(line.start(), line.group(), broken=broken_tokens(text))
            changed = stretch.text != line.text
            fit = _fits(stretch.text, ("tcvn3", "vni")) if changed else {}
            if fit and (not found or _only_reading(stretch.text, fit)):
                line, found = stretch, fit
        for name, (strong, good, _) in found.items():
            totals[name] += good if strong else 0
        if found:
            fits.append((line, found))
    # One document, one encoding: each paragraph takes the encoding that fits it and
    # that the document's strong paragraphs favour most (VISCII, VPS and TCVN3 share
    # some codes, so a paragraph alone may be ambiguous).
    ranked = [name for name, total in totals.most_common() if total > 0]
    edits: list[Edit] = []
    for line, found in fits:
        name = next((n for n in ranked if n in found), None)
        if name is None:
            name = _only_reading(line.group(), found)
            if name is None or _a_name(text, line, found[name][2]):
                continue
            why = "its broken words become frequent syllables under no other encoding"
        else:
            why = (
                f"{found[name][1]} broken words here become frequent syllables, and"
                f" {totals[name]} in this document"
            )
        strong, good, decoded = found[name]
        if _reads_as_utf8(line.group(), good):
            continue  # UTF-8 read as Windows-1252: the mojibake steps' business
        edits.extend(
            e
            for e in _legacy_edits(line, decoded, name, why)
            if not _a_measure(text, e.start)
        )
    return apply(text, edits)


def _a_name(text: str, piece: Piece, decoded: str) -> bool:
    """
    Every word the reading changes is capitalised inside a sentence and owes the
    change to a diaeresis alone (ï, ë), as French and other names write it: `Cầu thủ
    Loïc ghi bàn`, `theo Loïc`, no VNI Lọc. With nothing else of the font beside
    them they are no evidence of one (`ở Vieät Nam`, `ông Nguyeãn` still read).
    """
    words, readings = piece.group().split(), decoded.split()
    if len(words) != len(readings):
        return False
    before = text[: piece.start()].rstrip(" \t")
    changed = False
    for i, (word, reading) in enumerate(zip(words, readings)):
        if word == reading:
            continue
        changed = True
        word = word.strip(".,;:!?\"'()")
        after_letter = words[i - 1][-1:].isalpha() if i else before[-1:].isalpha()
        diaeresis = {c for c in word if not c.isascii()} <= {"ï", "ë"}
        if not (len(word) > 1 and word.istitle() and after_letter and diaeresis):
            return False
    return changed


def _a_measure(text: str, at: int) -> bool:
    """
    The word around `at` is a unit with the micro sign after a number (`5 µm`,
    `10µg`), which TCVN3 would read as à (àm).
    """
    start = end = at
    while start and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    number, micro, unit = text[start:end].partition("µ")
    unit = unit.rstrip(".,;:!?)/")
    after_number = number.strip("(") or text[:start].rstrip()[-1:]
    return (
        bool(micro)
        and 0 < len(unit) <= 3
        and unit.isascii()
        and unit.isalpha()
        and after_number[-1:].isdigit()
    )


def _fits(
    piece: str, names: tuple[str, ...] = (*LEGACY_ENCODINGS, "cp1258")
) -> dict[str, tuple[bool, int, str]]:
    """
    The encodings whose reading of `piece` turns broken words into frequent
    syllables: for each, whether the evidence is strong, how many such words, and
    the reading.
    """
    found = {}
    # Judged without the control and zero-width characters the normalize stage
    # removes, so a second run judges the same words.
    for name in names:
        decoded = decode_legacy(piece, name)
        if decoded == piece:
            continue
        probe = quiet(piece, name)
        good, bad, broken, was_valid = _legacy_gain(
            probe, decode_legacy(probe, name), capitals=name != "tcvn3"
        )
        strong = good >= 2 and bad * 4 <= good and broken >= 2 and broken > was_valid
        if strong or (good >= 1 and bad == 0 and broken >= max(1, was_valid)):
            found[name] = (strong, good, decoded)
        elif not broken and not bad and _only_far_rarer(probe, name):
            found[name] = (False, good, decoded)
    return found


def _only_far_rarer(piece: str, name: str) -> bool:
    """
    Every word the reading changes is a syllable as written RATIO times rarer than
    its reading, and two distinct words change, or the one that changes makes a Viet74K
    word with a neighbour only as read: TCVN3 `cã mét` is có một, `bao giê` bao giờ,
    though cã, mét and giê are syllables; `mét` alone, `5 mét`, stay metres.
    """
    if name not in ("tcvn3", "vni"):
        return False
    words = _legacy_words(quiet(piece, name))
    readings = [decode_legacy(w, name) for w in words]
    changed = [i for i, (w, r) in enumerate(zip(words, readings)) if w != r]
    if not changed or not all(
        syllable.is_valid(words[i])
        and cased(readings[i])
        and much_better(readings[i], words[i])
        for i in changed
    ):
        return False
    return len({words[i] for i in changed}) >= 2 or _keeps_a_word(readings, words)


def _only_reading(piece: str, found: dict[str, tuple[bool, int, str]]) -> str | None:
    """
    The encoding (TCVN3 or VNI) of a stretch the document shows no other evidence
    for: every reading that fits gives the same text, every word it changes was
    broken and becomes a frequent syllable (`Vieät Nam`, `CHÖÔNG XV`, TCVN3
    `®\xadîc`).
    """
    # TCVN3 and VNI only: VISCII and VPS give letters to most Latin-1 characters
    # and to the C1 controls, so a short stretch reads as Vietnamese too easily.
    found = {n: f for n, f in found.items() if n in ("tcvn3", "vni")}
    if len({decoded for _, _, decoded in found.values()}) > 1:
        # Two readings: the one that leaves no broken word (TCVN3 `mæ th\xadêng` is
        # mổ thường; VNI reads mỉ and leaves th\xadêng).
        found = {n: f for n, f in found.items() if not _leaves_broken(piece, n)}
    if len({decoded for _, _, decoded in found.values()}) != 1:
        return None
    name = next(iter(found))
    piece = quiet(piece, name)
    decoded = decode_legacy(piece, name)
    _, bad, broken, _ = _legacy_gain(piece, decoded)
    if bad or not (broken or _only_far_rarer(piece, name)):
        return None
    before, after = Counter(_legacy_words(piece)), Counter(_legacy_words(decoded))
    if not all(frequent(w) and cased(w) for w in after - before):
        return None
    # A word that is a syllable as written was typed in Unicode where it is RATIO
    # times commoner than its reading (`cô` beside TCVN3 `cÇu`), or, unseen, where
    # its mark sits as one tone style places it (`boà`, the new style, is no VNI
    # bồ). Otherwise it follows the broken words beside it, one stretch being typed
    # in one font: VNI `roài chieán` is rồi chiến, `tò voâ` tị vô, `baéc hoà` bắc
    # hồ, TCVN3 `nh\xad vì` như vỡ.
    if any(
        syllable.is_valid(w)
        and (
            much_better(w, decode_legacy(w, name))
            or not seen(w)
            and syllable.respell(w, "old") != syllable.respell(w, "new")
        )
        for w in before - after
    ):
        return None
    # With no impossible word to follow, the words it changes are syllables the
    # subtitles merely lack (`Thôm`, no VNI Thơm): such a stretch decodes only as
    # one of far rarer syllables does.
    if all(syllable.is_valid(w) for w in before - after) and not _only_far_rarer(
        piece, name
    ):
        return None
    if _keeps_a_word(_legacy_words(piece), _legacy_words(decoded)):
        return None
    return name


def _leaves_broken(piece: str, name: str) -> bool:
    """Whether the reading of `piece` in `name` keeps a word that is broken."""
    words = _legacy_words(decode_legacy(quiet(piece, name), name))
    return any(not (w.isascii() or seen(w) or hyphenated(w)) for w in words)


def _reads_in_part(line: str, found: dict[str, tuple[bool, int, str]]) -> bool:
    """Whether a line may be legacy words beside Unicode ones: no reading fits it
    as a whole, or its reading changes a Unicode word (see _keeps_a_word)."""
    if not any(strong for strong, _, _ in found.values()):
        return _only_reading(line, found) is None
    return any(
        _keeps_a_word(_legacy_words(line), _legacy_words(decoded))
        for _, _, decoded in found.values()
    )


def _keeps_a_word(words: list[str], readings: list[str]) -> bool:
    """
    A syllable as written that the reading changes makes a word of the Viet74K list
    with its neighbour as written, and its reading makes none with the neighbour's
    reading: a Unicode word beside the legacy ones (`Theo luËt nµy tù binh`: tù
    binh, not tự binh).
    """
    return bool(_kept_words(words, readings))


def _kept_words(words: list[str], readings: list[str]) -> set[str]:
    """The syllables as written that _keeps_a_word finds making a word."""
    if len(words) != len(readings):
        return set()
    kept = set()
    for i, (word, reading) in enumerate(zip(words, readings)):
        if word == reading or not syllable.is_valid(word):
            continue
        pairs = [(i - 1, i), (i, i + 1)]
        pairs = [(a, b) for a, b in pairs if a >= 0 and b < len(words)]
        if any(forms_word(words[a], words[b]) for a, b in pairs) and not any(
            forms_word(readings[a], readings[b]) for a, b in pairs
        ):
            kept.add(word)
    return kept


def _legacy_candidates(stretches: list[Piece]) -> bool:
    """
    Whether a paragraph (or a stretch of one, see pieces) could take a legacy
    decoding: one held by Windows-1252 whose bytes are not UTF-8. Paragraphs that are
    UTF-8 (UTF-8 mojibake) are never decoded (see _reads_as_utf8), so a document of
    them alone needs no legacy reading at all.
    """
    for piece in stretches:
        data = as_bytes(piece.text)
        if data is None:
            continue
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return True
    return False


def _not_utf8(line: str) -> bool:
    """The line is held by Windows-1252, and its bytes are no UTF-8, not even UTF-8
    that lost some bytes and still gives Vietnamese letters (ư ơ ạ)."""
    data = as_bytes(line)
    if data is None:
        return False
    return not syllable.looks_vietnamese(data.decode("utf-8", errors="replace"))


def _reads_as_utf8(line: str, good: int) -> bool:
    """
    The paragraph's Windows-1252 bytes are UTF-8 (any script: ftfy will decode it), or
    UTF-8 with lost bytes that yields as many Vietnamese words as a legacy reading.
    """
    data = as_bytes(line)
    if data is None:
        return False
    try:
        return data.decode("utf-8") != line
    except UnicodeDecodeError:
        as_utf8 = data.decode("utf-8", errors="replace")
        return as_utf8 != line and _legacy_gain(line, as_utf8)[0] >= good


def _legacy_edits(line, decoded: str, name: str, why: str) -> list[Edit]:
    reason = f"{LEGACY_NAMES[name]} read as Windows-1252: {why}"
    return line_edits(line.start(), line.group(), decoded, {}, reason)
