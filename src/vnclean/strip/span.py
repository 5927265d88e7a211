"""
The article as a span: the run of lines that carries the title, lead and body.

A scraped page is menus and headline lists, then the article, then related lists,
comment forms and the footer. Given each line's log-odds of being article text, the
span is the run whose scores add up to the most (a maximum-scoring segment, solved by
one pass of dynamic programming): a caption or a share button inside the article
costs the span a little and stays inside it, while a menu above or a headline list
below is a run of negative scores that the span ends before. Lines outside the span
are not removed for being outside; that is one more signal for the model.
"""

from __future__ import annotations

from collections.abc import Sequence


def article_span(scores: Sequence[float], clip: float = 4.0) -> tuple[int, int]:
    """
    (start, end) of the run of lines with the largest sum of scores, each score held
    within ±`clip` so that one long paragraph cannot pull a whole list of headlines
    into the span. An empty page, or one with no positive score, gives (0, 0).

        >>> article_span([-2, -1, 3, 2, -1, 4, -3, -2, 1])
        (2, 6)
        >>> article_span([-1, -2])
        (0, 0)
    """
    best, best_start, best_end = 0.0, 0, 0
    total, start = 0.0, 0
    for index, score in enumerate(scores):
        score = max(-clip, min(clip, score))
        if total <= 0:
            total, start = score, index
        else:
            total += score
        if total > best:
            best, best_start, best_end = total, start, index + 1
    return best_start, best_end


def places(total: int, span: tuple[int, int]) -> list[int]:
    """
    For each of `total` lines, its distance in lines from the span: negative above
    it, 0 inside it, positive below.

        >>> places(6, (2, 4))
        [-2, -1, 0, 0, 1, 2]
    """
    start, end = span
    if start >= end:
        return [0] * total  # no article found: no line is outside it
    return (
        list(range(-start, 0)) + [0] * (end - start) + list(range(1, total - end + 1))
    )
