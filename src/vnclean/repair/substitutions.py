"""
Letters swapped by a one-byte error, learned from the document: Cyrillic `А` for
`Đ` (D0 90 for C4 90), `ử` for `ề` (E1 BB AD for E1 BB 81).

A converter or a font that gets one byte of a letter wrong does so every time, so
the document shows the same swap in many impossible syllables (`Chiửu`, `nhiửu`,
`vử`). A swap is learned when enough distinct words vote for it, and undone only in
words it turns from impossible or rare into frequent syllables.
"""

from __future__ import annotations

import functools
import itertools
import unicodedata
from collections import Counter, defaultdict

import regex

from vnclean import syllable
from vnclean.edits import apply
from vnclean.model import Edit
from vnclean.repair.evidence import (
    LEARNED_RATIO,
    MIN_WORDS,
    abbreviation,
    attested,
    frequent,
    much_better,
    vietnamese_letters,
)
from vnclean.repair.reading import read_words
from vnclean.repair.words import LETTER, LETTER_RUN_RE


@functools.cache
def _letters_by_utf8_gap() -> dict[tuple[bytes, bytes], frozenset[str]]:
    """
    The Vietnamese letters by their UTF-8 with one byte left out: (the bytes before
    it, the bytes after it) -> the letters so written.
    """
    found: dict[tuple[bytes, bytes], set[str]] = defaultdict(set)
    for letter in vietnamese_letters():
        data = letter.encode("utf-8")
        for i in range(len(data)):
            found[(data[:i], data[i + 1 :])].add(letter)
    return {gap: frozenset(letters) for gap, letters in found.items()}


@functools.cache
def _neighbours(char: str) -> tuple[str, ...]:
    """
    Vietnamese letters one byte error away from `char` in UTF-8 (ử E1 BB AD and ề
    E1 BB 81; Cyrillic А D0 90 and Đ C4 90), or one code page away
    (the same byte read as Windows-1252, Latin-1 or Mac Roman).
    """
    letters = vietnamese_letters()
    data = char.encode("utf-8")
    # A byte changed in place decodes to a letter exactly when the letter's UTF-8 is
    # `data` with that one byte different: the same bytes around the changed one.
    by_gap = _letters_by_utf8_gap()
    found = set().union(
        *(by_gap.get((data[:i], data[i + 1 :]), ()) for i in range(len(data)))
    )
    for one, two in itertools.permutations(("cp1252", "latin-1", "mac_roman"), 2):
        try:
            other = char.encode(one).decode(two)
        except UnicodeError:
            continue
        if other in letters:
            found.add(other)
    found.discard(char)
    return tuple(sorted(found))


@functools.cache
def _look_alike(char: str) -> str | None:
    """The ASCII letter a Cyrillic or Greek letter imitates (А -> A), if any."""
    name = unicodedata.name(char, "")
    if not name.startswith(("CYRILLIC", "GREEK")):
        return None
    from unidecode import unidecode

    ascii_form = unidecode(char)
    return ascii_form if len(ascii_form) == 1 and ascii_form.isalpha() else None


def _latin_context(text: str, start: int, end: int) -> bool:
    """The letters around text[start:end] are Latin, with at least one nearby."""
    around = text[max(0, start - 4) : start] + text[end : end + 4]
    letters = [c for c in around if c.isalpha()]
    return bool(letters) and all(
        unicodedata.name(c, "").startswith("LATIN") for c in letters
    )


def _mixed_script(word: str) -> bool:
    # The scripts of the word's distinct letters decide.
    return _mixed_letters(frozenset(word))


@functools.lru_cache(maxsize=65536)
def _mixed_letters(letters: frozenset[str]) -> bool:
    scripts = {unicodedata.name(c, "?").split()[0] for c in letters if c.isalpha()}
    return "LATIN" in scripts and bool(scripts & {"CYRILLIC", "GREEK"})


def _learn_substitutions(text: str) -> dict[str, tuple[str, str, list[str]]]:
    """source char -> (target, the evidence, example words), learned from `text`."""
    # The first round hears only words that vote on their own (an impossible word
    # that one swap makes a frequent syllable); a document without one, as most
    # are, learns nothing. A token none of whose words votes is remembered so.
    if not _SETTLED.unsettled(_unattested_tokens(text), _suspect_words):
        return {}
    tokens = syllable.token_counts(text)
    suspects: Counter[str] = Counter()
    for token, count in tokens.items():
        for word in _suspect_words(token):
            suspects[word] += count
    learned = _vote(suspects, {})
    if not learned:
        return {}
    counts: Counter[str] = Counter()
    for token, count in tokens.items():
        for word in _token_words(token):
            counts[word] += count
    # A second round: a word with two damaged letters (Аiửu) becomes evidence for a
    # Cyrillic or Greek letter once the other (ử→ề) is learned. Only for those: a
    # Latin word carrying one is impossible on its face, while any other swap needs
    # its own evidence, not help from a swap learned before it, so one false swap
    # cannot lead to the next.
    known = {c: t for c, (t, _, _) in learned.items()}
    for char, found in _vote(counts, known).items():
        if char not in learned and all(_mixed_script(w) for w in found[2]):
            learned[char] = found
    return learned


_SETTLED = syllable.SettledTokens()  # tokens none of whose words votes alone


def _unattested_tokens(text: str) -> frozenset[str]:
    """
    The distinct tokens of `text` other than an attested syllable (see
    syllable.unattested_tokens) and other than ASCII: only these can hold a word that
    votes, since a word as written that is a real syllable is no evidence.
    """
    return frozenset(t for t in syllable.unattested_tokens(text) if not t.isascii())


def _attested_spellings() -> frozenset[str]:
    return syllable.attested_spellings()


@functools.lru_cache(maxsize=65536)
def _token_words(token: str) -> tuple[str, ...]:
    """The words of `token` short enough to be syllables: longer, none to mend."""
    return tuple(
        word
        for word in LETTER_RUN_RE.findall(token)
        if len(word) <= syllable.MAX_WRITTEN_LENGTH
    )


@functools.lru_cache(maxsize=65536)
def _suspect_words(token: str) -> tuple[str, ...]:
    """The words of `token` that vote for a substitution before any is learned."""
    return tuple(word for word in _token_words(token) if _word_votes(word, ()))


def _vote(
    counts: Counter[str], known: dict[str, str]
) -> dict[str, tuple[str, str, list[str]]]:
    votes: dict[tuple[str, str], set[str]] = defaultdict(set)
    occurrences: Counter[tuple[str, str]] = Counter()
    frozen = tuple(sorted(known.items()))
    for original, count in counts.items():
        for pair in _word_votes(original, frozen):
            votes[pair].add(original)
            occurrences[pair] += count
    learned = {}
    for char in {c for c, _ in votes}:
        ranked = sorted(
            ((len(w), t) for (c, t), w in votes.items() if c == char), reverse=True
        )
        top, target = ranked[0]
        rival = ranked[1][0] if len(ranked) > 1 else 0
        if target == _look_alike(char) or top < 2 * rival:
            continue  # a look-alike is normalize's business; a tie is no evidence
        words = sorted(votes[(char, target)])
        # A Latin word carrying a Cyrillic or Greek letter is impossible on its face,
        # and no split of correct text makes one: one such word that the swap turns
        # into a frequent syllable is evidence enough (`Аức` -> `Đức`).
        mixed = all(_mixed_script(w) for w in words)
        if len(words) >= MIN_WORDS or mixed:
            seen = occurrences[(char, target)]
            basis = f"{len(words)} impossible word{'s' if len(words) > 1 else ''}"
            if seen > len(words):
                basis += f" ({seen} times)"
            learned[char] = (target, basis, words[:3])
    return learned


@functools.lru_cache(maxsize=65536)
def _word_votes(
    original: str, known: tuple[tuple[str, str], ...]
) -> tuple[tuple[str, str], ...]:
    """The (letter, target) pairs a distinct word votes for; cached per word."""
    if original.isascii() or attested(original):
        # A word as written that is a real syllable is no evidence, even where a
        # learned letter would make it impossible: `sửa` under ử→ề must not vote
        # for ề→ử, which would turn `chỉnh tề` into `chỉnh tử`.
        return ()
    mapping = dict(known)
    word = "".join(mapping.get(c, c) for c in original)
    if word.isascii() or attested(word):
        return ()
    if not any(unicodedata.name(c, "").startswith("LATIN") for c in set(word)):
        return ()  # a Russian or Greek word is another language, not damage
    if len(word) == 1:
        return ()  # an initial (N.Đ.C) is no syllable to begin with
    pairs = []
    mixed = _mixed_script(word)
    for char in sorted({c for c in word if not c.isascii()}):
        # The word votes once per letter, for the target that makes it the most
        # frequent syllable: điửu -> điều, not điệu.
        alike = _look_alike(char)
        fits = [
            (syllable.frequency(word.replace(char, target)), target)
            for target in [*_neighbours(char), *([alike] if alike else [])]
            if frequent(word.replace(char, target))
            or (mixed and abbreviation(word.replace(char, target)))
        ]
        if fits:
            pairs.append((char, max(fits)[1]))
    return tuple(pairs)


def fix_learned_substitutions(text: str) -> str:
    """
    Undo letters swapped by a one-byte error that the document shows consistently
    (Cyrillic `А` for `Đ`, `ử` for `ề`), learned from its impossible syllables.

        >>> str(fix_learned_substitutions("Chiửu nay, nhiửu người vử quê; điửu đó thử thách."))
        'Chiều nay, nhiều người về quê; điều đó thử thách.'
    """
    # Only impossible words change, and a valid word only where the document shows
    # the swap more often than the letter it restores (most ề became ử, so `vử` is
    # `về`) and the result is LEARNED_RATIO times more frequent: `thử sử cử` stay.
    # Clean regions of the same document, other languages and names never hold the
    # learned source letter in an impossible word, so they are left alone. Words are
    # read whole, as the normalize stage will show them: a soft hyphen, zero-width
    # character or character reference inside a word (`phầ\u200bn`, `đư&#7907;c`)
    # splits nothing.
    view = read_words(text)
    learned = _learn_substitutions(view.text)
    if not learned:
        return text
    found = list(_words_holding(frozenset(learned)).finditer(view.text))
    # Each distinct word is judged once; only a lone letter depends on its place.
    judged: dict[str, tuple[str, bool]] = {}
    impossible: Counter[str] = Counter()
    for match in found:
        word = match.group()
        if word not in judged:
            new = "".join(learned[c][0] if c in learned else c for c in word)
            # A Latin word with a Cyrillic letter is impossible: QА becomes QĐ, a
            # site's glued `độАộ` becomes `độĐộ`.
            good = not syllable.is_valid(word) and (
                much_better(new, word, LEARNED_RATIO)
                or (_mixed_script(word) and not _mixed_script(new))
            )
            judged[word] = (new, good)
        if judged[word][1]:
            impossible.update(c for c in word if c in learned)
    proven = {
        c for c, (t, _, _) in learned.items() if impossible[c] > view.text.count(t)
    }
    fixed_words: Counter[str] = Counter()
    pending = []
    for match in found:
        word = match.group()
        new, good = judged[word]
        if not good and set(word) & learned.keys() <= proven:
            good = much_better(new, word, LEARNED_RATIO)
        # So does a lone letter between Latin letters and dots (`N.А.C`).
        if good or (
            len(word) == 1
            and not unicodedata.name(word, "").startswith("LATIN")
            and _latin_context(view.text, match.start(), match.end())
        ):
            pending.append((match, new))
            for c in {c for c in word if c in learned}:
                fixed_words[c] += 1
    reasons: dict[str, str] = {}
    edits: list[Edit] = []
    for match, new in pending:
        if match.group() not in reasons:
            sources = [c for c in dict.fromkeys(match.group()) if c in learned]
            reasons[match.group()] = "; ".join(
                f"{c}→{learned[c][0]} in {fixed_words[c]} words: {learned[c][1]} in"
                f" this document fit this substitution ({', '.join(learned[c][2])})"
                for c in sources
            )
        start, end, after = view.rewrite(match.start(), match.end(), new)
        edits.append(Edit(start, end, after, reasons[match.group()]))
    return apply(text, edits)


@functools.lru_cache(maxsize=256)
def _words_holding(letters: frozenset[str]) -> regex.Pattern[str]:
    """
    The letter runs (LETTER_RUN_RE) that hold one of `letters`: a match starts only
    where a run does.
    """
    wanted = "".join(map(regex.escape, sorted(letters)))
    return regex.compile(f"(?<!{LETTER}){LETTER}*?[{wanted}]{LETTER}*")
