"""
The strip model: judge each line a page keeps after the rules from the signals of
`strip/features.py`, weighed by weights fitted by `scripts/fit_strip.py` and shipped
as data in `strip/weights.json`.

Two passes of a logistic model. The first weighs each line's own signals into the
log-odds that it is article text. The article span (`strip/span.py`) is then found
over those scores, and the second pass weighs the line's signals again together with
its neighbours' scores and its place relative to the span. A line goes when its final
log-odds fall below the fitted threshold, which was chosen so that almost no article
line of the training pages goes: losing a paragraph is worse than keeping a menu.

Both passes are linear, so a line's score is a sum of one term per signal; a removed
line's reason names the signals whose terms weighed most against it. The line the
span marks as the title (`features.mark_title`) always stays, and a page whose
span holds no paragraph is left to the rules.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass

from vnclean import tables
from vnclean.strip import features, span
from vnclean.strip.features import (
    ABOVE_SIGNALS,
    BELOW_SIGNALS,
    FIRST_SIGNALS,
    PAGE_SIGNALS,
    SECOND_SIGNALS,
    TEXT_SIGNALS,
    PageLine,
)

# A kind of furniture for the signal that weighed most against a removed line, when
# that signal says what the line is; otherwise its place says (`_kind`).
KIND_OF_SIGNAL = {
    "file_name_shape": "image-filename",
    "contact_shape": "footer",
    "no_letters": "punctuation",
    "separators": "navigation",
    "in_short_run": "navigation",
    "one_word": "navigation",
    "few_words": "navigation",
    "widget_phrase": "sidebar",
}
NEIGHBOURS = 2
# A line's score counts toward the article span by its length in units of
# SPAN_CHARS, held between these bounds.
SPAN_CHARS = 100
SPAN_WEIGHT = (0.5, 3.0)
# Distinct lines whose own terms are kept per Weights before they start afresh.
MAX_KEPT_LINES = 10_000


@dataclass(frozen=True, eq=False)
class Weights:
    """The fitted weights of both passes, the span's clip and the threshold."""

    first: dict[str, float]
    first_bias: float
    second: dict[str, float]
    second_bias: float
    threshold: float
    clip: float = 4.0
    # Taken from each first score before the span is sought: a headline list whose
    # lines only lean to article text must not join the span; paragraphs do.
    span_offset: float = 0.0
    # Words and their lean to article text (+) or furniture (-): `learned_words`.
    vocabulary: dict[str, float] = dataclasses.field(default_factory=dict)
    # What each change between kept and removed lines along the page costs
    # (`span.smooth`), in log-odds.
    switch_cost: float = 0.0

    @classmethod
    def from_data(cls, data: dict, origin: str = "weights") -> Weights:
        """
        Weights from parsed JSON; a signal the file does not name weighs nothing,
        and a name the signal table lacks is an error.

            >>> w = Weights.from_data({"first": {"bias": 1, "weights": {}},
            ...     "second": {"bias": 0, "weights": {"first_judgement": 1}},
            ...     "threshold": -2})
            >>> w.threshold, w.second["first_judgement"], w.second["title_slot"]
            (-2.0, 1.0, 0.0)
        """
        if not isinstance(data, dict):
            raise TypeError(f"{origin}: expected a JSON object")
        parts = []
        for part, table in (("first", FIRST_SIGNALS), ("second", SECOND_SIGNALS)):
            entry = data.get(part)
            if not isinstance(entry, dict):
                raise TypeError(f"{origin}: no '{part}' pass")
            known = {signal.__name__ for signal in table}
            given = dict(entry.get("weights", {}))
            unknown = sorted(set(given) - known)
            if unknown:
                raise ValueError(
                    f"{origin}: '{part}' weighs unknown signals: {', '.join(unknown)}"
                )
            weights = {name: float(given.get(name, 0.0)) for name in sorted(known)}
            parts.append((weights, float(entry.get("bias", 0.0))))
        return cls(
            first=parts[0][0],
            first_bias=parts[0][1],
            second=parts[1][0],
            second_bias=parts[1][1],
            threshold=float(data.get("threshold", 0.0)),
            clip=float(data.get("clip", 4.0)),
            span_offset=float(data.get("span_offset", 0.0)),
            switch_cost=float(data.get("switch_cost", 0.0)),
            vocabulary={
                str(word): float(lean)
                for word, lean in dict(data.get("vocabulary", {})).items()
            },
        )

    def own(self, line: PageLine) -> tuple[float, float, tuple[float, ...]]:
        """
        What the line's text adds to each pass, and its values of TEXT_SIGNALS: kept
        per distinct line and rule group, since a site prints its furniture on every
        page and the rules and the model look at a page more than once.
        """
        key = (line.text, line.rule)
        found = self._own.get(key)
        if found is None:
            if len(self._own) > MAX_KEPT_LINES:
                self._own.clear()
            values = tuple(signal(line) for signal in TEXT_SIGNALS)
            found = self._own[key] = (
                sum(w * v for w, v in zip(self._text[0], values)),
                sum(w * v for w, v in zip(self._text[1], values)),
                values,
            )
        return found

    @functools.cached_property
    def _own(self) -> dict[tuple[str, str], tuple[float, float, tuple[float, ...]]]:
        return {}

    @functools.cached_property
    def _text(self) -> tuple[list[float], list[float]]:
        return (
            [self.first[s.__name__] for s in TEXT_SIGNALS],
            [self.second.get(s.__name__, 0.0) for s in TEXT_SIGNALS],
        )

    @functools.cached_property
    def _page(self) -> list[tuple[features.Signal, float]]:
        return [(s, self.first[s.__name__]) for s in PAGE_SIGNALS]

    @functools.cached_property
    def _context(self) -> list[tuple[features.Signal, float]]:
        apart = {s.__name__ for s in TEXT_SIGNALS + ABOVE_SIGNALS + BELOW_SIGNALS}
        return [
            (s, self.second[s.__name__])
            for s in SECOND_SIGNALS
            if s.__name__ not in apart and self.second[s.__name__]
        ]

    @functools.cached_property
    def _sides(self) -> dict[bool, tuple[list[float], list]]:
        """
        Above (False) and below (True) the span: the second pass's weights of the
        text signals, in TEXT_SIGNALS order, and of the page signals.
        """
        found = {}
        for below, side in ((False, "above"), (True, "below")):
            text = [self.second.get(f"{s.__name__}_{side}", 0.0) for s in TEXT_SIGNALS]
            page = [
                (s, self.second.get(f"{s.__name__}_{side}", 0.0)) for s in PAGE_SIGNALS
            ]
            found[below] = (text, page)
        return found

    def first_score(self, line: PageLine) -> float:
        """The first pass: the line's log-odds of being article text."""
        page = sum(w * s(line) for s, w in self._page)
        return self.first_bias + self.own(line)[0] + page

    def second_score(self, line: PageLine) -> float:
        """The second pass, with the neighbours and the span."""
        own = self.own(line)
        context = sum(w * s(line) for s, w in self._context)
        if line.span:
            # The text signals' values are kept with the line's own terms.
            text, page = self._sides[line.span > 0]
            apart = sum(w * v for w, v in zip(text, own[2]))
            apart += sum(w * s(line) for s, w in page)
            context += apart * features.outside_share(line)
        return self.second_bias + own[1] + context

    def terms(self, line: PageLine) -> dict[str, float]:
        """
        The final score as one term per signal: a line signal's term holds what it
        adds through the first pass; its terms above or below the span stand apart.
        With the biases, the terms add up to the final score.
        """
        through_first = self.second["first_judgement"]
        values = dict(zip((s.__name__ for s in TEXT_SIGNALS), self.own(line)[2]))
        values.update((s.__name__, s(line)) for s in PAGE_SIGNALS)
        found = {
            name: through_first * self.first[name] * value
            for name, value in values.items()
            if value and self.first[name]
        }
        if line.span:
            side = "below" if line.span > 0 else "above"
            share = features.outside_share(line)
            for name, value in values.items():
                weight = self.second.get(f"{name}_{side}", 0.0)
                if weight and value and share:
                    found[f"{name}_{side}"] = weight * value * share
        for signal, weight in self._context:
            if signal is not features.first_judgement:
                value = signal(line)
                if value:
                    found[signal.__name__] = weight * value
        return found


@functools.cache
def shipped() -> Weights:
    """The weights shipped in ``strip/weights.json``."""
    return Weights.from_data(
        json.loads(tables.read("vnclean", "strip/weights.json")),
        origin="strip/weights.json",
    )


def score(lines: list[PageLine], weights: Weights) -> list[float]:
    """Both passes over the page's lines: each line's final log-odds."""
    first = [weights.first_score(line) for line in lines]
    clip = weights.clip
    held = [max(-clip, min(clip, s)) for s in first]
    offset = weights.span_offset
    found = span.article_span(
        [(h - offset) * _span_weight(line) for h, line in zip(held, lines)],
        (clip + offset) * SPAN_WEIGHT[1],
    )
    where = span.places(len(lines), found)
    for position, line in enumerate(lines):
        line.span = where[position]
    features.mark_echoes(lines)
    features.mark_title(lines, found[0])
    features.mark_edges(lines)
    for position, line in enumerate(lines):
        line.first_score = first[position]
        around = (
            held[max(0, position - NEIGHBOURS) : position]
            + held[position + 1 : position + 1 + NEIGHBOURS]
        )
        line.neighbours = sum(around) / len(around) if around else 0.0
    return [weights.second_score(line) for line in lines]


def _span_weight(line: PageLine) -> float:
    """
    How much a line's score counts toward the span: a paragraph carries an article
    more than a headline does, so a list of twenty headlines cannot outweigh it.
    """
    low, high = SPAN_WEIGHT
    return max(low, min(high, len(line.text) / SPAN_CHARS))


def judge(
    texts: Sequence[str],
    rules: Sequence[str] | None = None,
    weights: Weights | None = None,
) -> list[tuple[str, str] | None]:
    """
    For each line of a page, (kind, reason) when the model finds it furniture, else
    None. `rules` says, per line, "phrase" when a widget pattern matches it.

        >>> judge([])
        []
    """
    weights = weights or shipped()
    lines = features.lines_of(texts, rules, weights.vocabulary)
    finals = score(lines, weights)
    if not any(features.in_paragraphs(line) for line in lines):
        # No paragraph in the span: a list, a few words, not an article page whose
        # furniture the model could tell apart. The rules alone judge it.
        return [None] * len(lines)
    kept = span.smooth(
        [final - weights.threshold for final in finals], weights.switch_cost
    )
    found: list[tuple[str, str] | None] = []
    for line, final, keep in zip(lines, finals, kept):
        # The title is never the model's to take: losing it is the worst loss.
        keep = keep or line.title
        found.append(None if keep else _verdict(line, final, weights))
    return found


def _verdict(line: PageLine, final: float, weights: Weights) -> tuple[str, str]:
    terms = sorted(weights.terms(line).items(), key=lambda item: item[1])
    against = [(name, value) for name, value in terms if value < 0][:3]
    named = ", ".join(f"{name} {value:+.1f}" for name, value in against)
    reason = f"the strip model scores it {final:+.1f} (keep from {weights.threshold:+.1f}): {named}"
    if final >= weights.threshold:
        reason += (
            f"; it stands among removed lines, and keeping it alone would cost"
            f" {weights.switch_cost:.1f} twice"
        )
    return _kind(line, against), reason


def _kind(line: PageLine, against: list[tuple[str, float]]) -> str:
    if against and against[0][0] in KIND_OF_SIGNAL:
        return KIND_OF_SIGNAL[against[0][0]]
    if line.span < 0:
        return "navigation"
    if line.span > 0:
        return "related-list" if len(line.words) >= 4 else "footer"
    return "sidebar"
