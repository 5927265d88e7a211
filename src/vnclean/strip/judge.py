"""
The judge: which lines of a page are furniture. `PASSES` lists the signals in order
of trust; each pass marks lines in place and never overrides a line an earlier pass
has marked, so the first signal that speaks gives a removed line its kind and reason.
The passes run again over the lines that stay, as a second run of the stage over its
own output would, until no more go.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from vnclean.strip import model
from vnclean.strip.lines import Line, split_lines
from vnclean.strip.passes import (
    judge_head,
    judge_menus,
    judge_neighbours,
    judge_profile,
    judge_sections,
    judge_tail,
    restore_subheadings,
)
from vnclean.strip.rules import Rules
from vnclean.strip.signals import accented_vocabulary, is_unaccented_copy, own_verdict

if TYPE_CHECKING:  # vnclean.profile reads lines as this package does, so imports it
    from vnclean.profile import Profile

Pass = Callable[[list[Line], Rules, "Profile | None"], None]


def judge_own_text(content: list[Line], rules: Rules, profile: Profile | None) -> None:
    """What each line's text alone says (`signals.LINE_SIGNALS`)."""
    for line in content:
        # Later rounds see the same text with the same rules: worked out once.
        if not line.read:
            line.verdict, line.read = own_verdict(line, rules), True
        if line.verdict is not None:
            line.remove(*line.verdict)


def judge_unaccented_copies(
    content: list[Line], rules: Rules, profile: Profile | None
) -> None:
    """Alt text typed without the diacritics of the document's own words."""
    # Only an ASCII line of four words or more that its own text does not already
    # condemn asks for the accented vocabulary; most documents have none.
    asked = any(
        line.verdict is None and line.text.isascii() and line.count >= 4
        for line in content
    )
    accented = accented_vocabulary(content) if asked else frozenset()
    for line in content:
        if line.verdict is None and is_unaccented_copy(line, accented):
            line.remove(
                "image-alt", "accented text typed without diacritics (image alt text)"
            )


PASSES: list[Pass] = [
    # The line alone: widget phrases, datelines, credits, links, file names.
    judge_own_text,
    judge_unaccented_copies,  # "Ha Noi mua lon" beside "Hà Nội mưa lớn"
    # The line among its neighbours.
    judge_neighbours,  # a caption printed twice
    judge_sections,  # the headline list under "Tin liên quan"
    judge_menus,  # runs of one-to-three-word lines
    judge_tail,  # names, sources, headline lists after the last paragraph
    judge_head,  # a news ticker above the first paragraph
    judge_profile,  # lines the site prints on many pages (with --profile)
    # Last, the one pass that keeps: a widget heading between two paragraphs is the
    # article's own subheading.
    restore_subheadings,
]


def judge(content: list[Line], rules: Rules, profile: Profile | None) -> None:
    """Mark furniture lines in place, the passes in order of trust."""
    for judge_pass in PASSES:
        judge_pass(content, rules, profile)


def judge_until_stable(
    content: list[Line], rules: Rules, profile: Profile | None
) -> list[Line]:
    """
    Judge the lines, then judge the lines that stay as a second pass over the output
    would, until no more go: judges look at neighbours, and a removed line can make
    two copies neighbours or join two short runs into a menu. Lines only ever go,
    so this ends; most documents need one extra look. Returns the lines kept.
    """
    kept = content
    while True:
        judge(kept, rules, profile)
        survivors = [line for line in kept if not line.removed]
        if len(survivors) == len(kept):
            return survivors
        kept = survivors


def judge_with_model(
    kept: list[Line], rules: Rules, profile: Profile | None
) -> list[Line]:
    """
    The strip model (`strip/model.py`) judges the lines the passes keep, as a page of
    their own, and the passes look again at what stays, until neither removes more:
    a second run of the stage over its output sees the same page and finds nothing.
    Returns the lines kept.
    """
    while kept:
        verdicts = model.judge([line.text for line in kept], _rule_groups(kept, rules))
        removed = False
        for line, verdict in zip(kept, verdicts):
            if (
                verdict is not None
                and not line.protected
                and not _restored(line, rules)
            ):
                line.remove(*verdict)
                removed = True
        if not removed:
            break
        kept = judge_until_stable(
            [line for line in kept if not line.removed], rules, profile
        )
    return kept


def _restored(line: Line, rules: Rules) -> bool:
    """
    A widget heading the passes kept (`restore_subheadings`): paragraphs above and
    below make it the article's own subheading, and the model does not overrule that.
    """
    pattern = rules.match(line.text)
    return pattern is not None and pattern.section


def _rule_groups(kept: list[Line], rules: Rules) -> list[str]:
    """ "phrase" for a kept line that a widget pattern matches all the same."""
    return ["phrase" if rules.match(line.text) else "" for line in kept]


def rule_survivors(text: str) -> tuple[list[str], list[str]]:
    """
    The lines of `text` the passes keep with the shipped rules, and their groups for
    the model: the page the strip model judges first (scripts/fit_strip.py fits it
    on these).
    """
    rules = Rules.shipped()
    content = split_lines(text)
    for line in content:
        line.protected = rules.keeps(line.text)
    kept = judge_until_stable(content, rules, None)
    return [line.text for line in kept], _rule_groups(kept, rules)
