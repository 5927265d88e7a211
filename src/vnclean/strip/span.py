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


def smooth(margins: Sequence[float], cost: float) -> list[bool]:
    """
    Which lines to keep, given each line's margin over the keep threshold (positive:
    keep), when every change between kept and removed along the page costs `cost`:
    a two-state sequence model solved by dynamic programming (Viterbi). A teaser
    that scores a little above the threshold inside a removed headline list goes
    with it, and a short article line a little below it between paragraphs stays.
    The page's first line may start in either state for free; with no cost the
    margins alone decide.

        >>> smooth([3, -0.5, 4, -3, 0.5, -3], 1.0)
        [True, True, True, False, False, False]
        >>> smooth([3, -0.5, 4, -3, 0.5, -3], 0.0)
        [True, False, True, False, True, False]
    """
    if not margins:
        return []
    # best[state]: the best total of a labelling of the lines so far ending in state;
    # back[n][state]: the state of line n-1 on that labelling.
    best = [0.0, margins[0]]  # removed, kept
    back: list[tuple[int, int]] = []
    for margin in margins[1:]:
        stay_out, cross_out = best[0], best[1] - cost
        stay_in, cross_in = best[1], best[0] - cost
        back.append(
            (0 if stay_out >= cross_out else 1, 1 if stay_in >= cross_in else 0)
        )
        best = [max(stay_out, cross_out), max(stay_in, cross_in) + margin]
    state = 1 if best[1] >= best[0] else 0
    keep = [state == 1]
    for step in reversed(back):
        state = step[state]
        keep.append(state == 1)
    return keep[::-1]
