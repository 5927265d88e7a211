"""
Signals that need a line's place on the page: copies of a neighbour, the headline
list under a related-news heading, menus, what follows the article's last paragraph
or runs above its first, and the lines a site's profile has seen on many pages.
Each pass marks lines in place; `judge.PASSES` runs them in order of trust.
"""

from __future__ import annotations

import functools
import itertools
from typing import TYPE_CHECKING

from vnclean import lazy, syllable
from vnclean.strip import metadata
from vnclean.strip.lines import (
    SENTENCE_END,
    TERMINAL,
    Line,
    collapse,
    is_headline,
    is_prose,
)
from vnclean.strip.rules import Pattern, Rules
from vnclean.strip.words import LETTERS_RE

if TYPE_CHECKING:  # vnclean.profile reads lines as this package does, so imports it
    from vnclean.profile import Profile

PUNCTUATION_RUN_RE = lazy.compile(r"[\p{P}\p{S}]+")
BULLET_RE = lazy.compile(r"^\s*(?:[•●▪■◆►▶»>*·+]|-(?=\s))\s*")
NUMBERED_RE = lazy.compile(r"^\s*\d{1,2}[.)]?\s+\p{Lu}")


def judge_neighbours(
    content: list[Line], rules: Rules, profile: Profile | None
) -> None:
    """
    A caption printed twice (alt text and caption, or the caption and a copy with a
    full stop): keep one, the copy that ends with a full stop when there is one.
    Lines count as copies when they differ only in case, spaces and punctuation.
    """
    # Neighbours are the lines that stay: a copy of a copy, or a copy across a line
    # removed for another reason, goes too, so a second pass finds nothing more.
    kept: Line | None = None
    for line in content:
        if line.removed:
            continue
        if kept is not None:
            a, b = collapse(kept.text), collapse(line.text)
            if a == b:
                line.remove(
                    "image-alt", "repeats the line above (caption printed twice)"
                )
                continue
            if line.count >= 3 and _skeleton(a) == _skeleton(b):
                loser = kept if line.text.endswith(".") else line
                loser.remove(
                    "image-alt",
                    "same caption as its neighbour, which is kept"
                    + (" (it ends in a full stop)" if loser is kept else ""),
                )
                if loser is line:
                    continue
        kept = line


@functools.lru_cache(maxsize=4096)  # each line is compared with both neighbours
def _skeleton(text: str) -> str:
    """
    A line with case, punctuation and spacing folded away.

        >>> _skeleton("Quang cảnh hội nghị.") == _skeleton("quang cảnh  hội nghị")
        True
    """
    return " ".join(PUNCTUATION_RUN_RE.sub(" ", text.casefold()).split())


def judge_sections(content: list[Line], rules: Rules, profile: Profile | None) -> None:
    """
    Under a related-news or comment heading after the article has started, the
    headline list (bullets, headlines, their teasers) is furniture until prose resumes;
    under a comment heading, so are the commenters' names and their comments.
    """
    body_started = False
    section: str | None = None
    for position, line in enumerate(content):
        pattern = rules.match(line.text) if line.removed else None
        if pattern is not None and pattern.section:
            section = pattern.kind if body_started else None
            continue
        if line.removed:
            continue
        if section is None:
            body_started = body_started or is_prose(line)
            continue
        following = _next_kept(content, position)
        own = _tail_match(rules, line)
        if own is not None:  # a tail-only pattern, say a footer line under the list
            line.remove(own.kind, own.reason)
        elif section == "comment-widget" and _is_comment(content, position, rules):
            line.remove("comment-widget", "a reader's comment under the comment box")
        elif (
            BULLET_RE.match(line.text)
            or NUMBERED_RE.match(line.text)
            or is_headline(line)
        ):
            line.remove(
                "related-list", "a headline listed under a related-news heading"
            )
        elif (
            following is not None
            and (BULLET_RE.match(following.text) or is_headline(following))
            and _last_removed_is_item(content, position)
        ):
            line.remove(
                "related-list", "a teaser between headlines of a related-news list"
            )
        elif following is None and _last_removed_is_item(content, position):
            line.remove("related-list", "a teaser after the last headline of a list")
        else:
            section = None


def _is_comment(content: list[Line], position: int, rules: Rules) -> bool:
    """
    A commenter's name, or a line next to one or next to a comment control ("Trả
    lời", "Thích", "2 giờ trước"). A heading or another comment is no evidence: an
    opinion piece may have a "Bình luận" subheading with paragraphs under it.
    """
    line = content[position]
    if metadata.name_line(line.text):
        return True
    neighbours = (
        content[max(0, position - 1) : position] + content[position + 1 : position + 2]
    )
    for other in neighbours:
        pattern = rules.match(other.text)
        if (
            pattern is not None
            and pattern.kind == "comment-widget"
            and not pattern.section
        ):
            return True
        if metadata.name_line(other.text) and other.kind == "comment-widget":
            return True
    return False


def judge_menus(content: list[Line], rules: Rules, profile: Profile | None) -> None:
    """
    Runs of one-to-three-word lines are menus: three or more above the article or
    after it, five or more anywhere (a subheading stands alone, a menu never does).
    """
    prose = (line for line in content if not line.removed and is_prose(line))
    first_prose = next(prose, None)
    if first_prose is None:
        first, last = len(content) * 10, -1
    else:
        last_prose = next(
            line for line in reversed(content) if not line.removed and is_prose(line)
        )
        first, last = first_prose.index, last_prose.index
    run: list[Line] = []
    for line in content + [None]:  # type: ignore[list-item]
        if line is not None and line.kind == "punctuation":
            continue  # gone from the output, so it cannot part a run (idempotence)
        if line is not None and (_is_menu_item(line) or line.kind == "navigation"):
            run.append(line)
            continue
        if not run:
            continue  # most lines: no run to judge
        items = [item for item in run if not item.removed]
        outside = all(item.index < first or item.index > last for item in items)
        if items and (len(run) >= 5 or (len(run) >= 3 and outside)):
            for item in items:
                item.remove(
                    "navigation", f"one of {len(run)} short lines in a row (a menu)"
                )
        run = []


def _is_menu_item(line: Line) -> bool:
    # Digits mark list content ("200g thịt bò"), never a menu entry.
    return (
        1 <= line.count <= 3
        and not line.removed
        and len(line.text) <= 30
        and not line.text.endswith(TERMINAL)
        and not any(c.isdigit() for c in line.text)
    )


def _last_removed_is_item(content: list[Line], position: int) -> bool:
    before = content[position - 1] if position else None
    return before is not None and before.kind == "related-list"


def _next_kept(content: list[Line], position: int) -> Line | None:
    for line in content[position + 1 :]:
        if not line.removed:
            return line
    return None


def judge_tail(content: list[Line], rules: Rules, profile: Profile | None) -> None:
    """
    After the article's last paragraph: names, sources, a repeat of the title,
    headline lists and stray words are furniture there, though not above it.
    """
    kept = [line for line in content if not line.removed]
    # The article's last paragraph, looked for from the end.
    paragraphs = (
        line
        for line in reversed(kept)
        if is_prose(line) and _tail_match(rules, line) is None
    )
    final = next(paragraphs, None)
    if final is None:
        return
    last = final.index
    title = (
        collapse(kept[0].text).rstrip(".").lower()
        if kept and is_headline(kept[0])
        else None
    )
    tail = [line for line in content if line.index > last and not line.removed]
    place = {line.index: position for position, line in enumerate(content)}
    first_tail = place[last] + 1
    for line in tail:
        pattern = _tail_match(rules, line)
        if pattern is not None:
            line.remove(pattern.kind, pattern.reason)
        elif title and collapse(line.text).rstrip(".").lower() == title:
            line.remove("related-list", "repeats the title after the article")
        elif metadata.credit(line.text) is not None:
            kind, meta = metadata.credit(line.text)  # type: ignore[misc]
            line.remove(kind, "a source credit after the article", meta)
        elif metadata.name_line(line.text):
            line.remove(
                "byline",
                "a name on its own line after the article",
                {"author": line.text}
                if line.text.lower() not in ("tổng hợp", "st")
                else {},
            )
        elif _vietnamese_share(line) < 0.3 and line.count <= 3:
            line.remove("sidebar", "stray non-Vietnamese word after the article")
    # Three or more headlines in a row after the article and after some furniture (a
    # byline, share buttons): a related-news list. Right under the last paragraph
    # the same shape is a run of photo captions.
    run: list[Line] = []
    for line in tail + [None]:  # type: ignore[list-item]
        if (
            line is not None
            and not line.removed
            and is_headline(line)
            and line.count >= 5
        ):
            run.append(line)
            continue
        after_furniture = bool(run) and any(
            other.removed for other in content[first_tail : place[run[0].index]]
        )
        if len(run) >= 3 and after_furniture and not _looks_like_verse(run):
            for item in run:
                item.remove(
                    "related-list",
                    f"one of {len(run)} headlines listed after the article",
                )
        run = []
    _judge_counter_lists(content)


def judge_head(content: list[Line], rules: Rules, profile: Profile | None) -> None:
    """
    Headlines in a row above the article, under a list heading ("Tin mới") or five
    and more of them, are a news ticker or a list of other stories. The last two
    stay: the title and a caption or kicker sit there, and losing the title is worse
    than keeping one stray headline. A title and two captions are not a ticker.
    """
    # Here a paragraph must end like a sentence: headlines run to a dozen words. Only
    # the first one matters, so the lines after it are not asked.
    first = next(
        (
            line
            for line in content
            if not line.removed
            and (
                line.text.endswith(SENTENCE_END)
                and line.count >= 6
                or line.has_words(30)
            )
        ),
        None,
    )
    if first is None:
        return
    run: list[Line] = []
    headed = False
    for line in content:
        if line.index >= first.index:
            break
        if line.removed:
            pattern = rules.match(line.text)
            if not run:
                headed = pattern is not None and pattern.section
            continue
        if is_headline(line) and line.count >= 5:
            run.append(line)
        else:
            run, headed = [], False
    if (len(run) >= 5 or headed and len(run) >= 3) and not _looks_like_verse(run):
        for item in run[:-2]:
            item.remove(
                "related-list", f"one of {len(run)} headlines listed above the article"
            )


def _looks_like_verse(run: list[Line]) -> bool:
    """Lines of six and eight syllables in turn (lục bát), or all of one short length."""
    counts = [line.count for line in run]  # exact up to COUNT_WORDS_TO, above 8
    alternating = all(
        a != b and {a, b} <= {6, 7, 8} for a, b in itertools.pairwise(counts)
    )
    return alternating or (len(set(counts)) == 1 and counts[0] <= 8)


def _judge_counter_lists(content: list[Line]) -> None:
    """Headline + view/comment counters + teaser, three or more in a row: a sidebar."""
    # Three lines in a row include one at every third position: when none of those
    # has counters there is no run, and the other lines need not be searched.
    if not any(line.counters for line in content[::3]):
        return
    run: list[Line] = []
    for line in content + [None]:  # type: ignore[list-item]
        if line is not None and line.counters:
            run.append(line)
            continue
        if len(run) >= 3:
            for item in run:
                item.remove(
                    "sidebar", f"one of {len(run)} teasers with view/comment counters"
                )
        run = []


def judge_profile(content: list[Line], rules: Rules, profile: Profile | None) -> None:
    """
    Lines the site prints on many pages, when a profile of the site is given. The
    kind comes from the line's own shape when it has one (a widget phrase, a credit,
    a menu entry), else from its place.
    """
    if profile is None:
        return
    kept = [line for line in content if not line.removed]
    body = [line for line in kept if is_prose(line) and not profile.seen(line.text)]
    last = body[-1].index if body else -1
    title = _own_title(kept, body) if body else None
    for line in kept:
        seen = profile.seen(line.text)
        if seen >= profile.min_docs and line is not title:
            pattern = rules.match(line.text)
            if pattern is not None:
                kind = pattern.kind
            elif metadata.credit(line.text) or metadata.name_line(line.text):
                kind = "byline"
            elif _is_menu_item(line):
                kind = "navigation"
            else:
                kind = "footer" if line.index > last else "sidebar"
            line.remove(
                kind, f"seen in {seen} of {profile.documents} documents of this site"
            )


def _own_title(kept: list[Line], body: list[Line]) -> Line | None:
    """
    The page's own title, which the site's other pages list in their sidebars, so
    that a profile counts it among the lines printed on many pages: of the six
    lines above the article's first paragraph (a dateline, a counter and reading
    tools may stand between), the headline or sentence whose words the article's
    paragraphs use most, when they use half of them.
    """
    used = {
        word.lower() for line in body[:10] for word in LETTERS_RE.findall(line.text)
    }
    place = kept.index(body[0])
    best, share = None, 0.5
    for line in kept[max(0, place - 6) : place]:
        if not (is_headline(line) or is_prose(line)):
            continue
        words = {word.lower() for word in LETTERS_RE.findall(line.text)}
        if words and len(words & used) / len(words) >= share:
            best, share = line, len(words & used) / len(words)
    return best


def _tail_match(rules: Rules, line: Line) -> Pattern | None:
    """A pattern for a line after the article; a full sentence there is still prose."""
    pattern = rules.match(line.text)
    sentence = line.count >= 10 and line.text.endswith((".", "!", "?"))
    if pattern is not None and pattern.where == "tail" and sentence:
        return None
    return pattern


def _vietnamese_share(line: Line) -> float:
    words = LETTERS_RE.findall(line.text)
    if not words:
        return 0.0
    return sum(syllable.is_valid(word) for word in words) / len(words)


def restore_subheadings(
    content: list[Line], rules: Rules, profile: Profile | None
) -> None:
    """
    A widget heading ("Bình luận", "Sự kiện") with kept paragraphs right above and
    right below it is the article's own subheading: the signals conflict, so it stays.
    """
    for position, line in enumerate(content):
        pattern = rules.match(line.text) if line.removed else None
        if pattern is None or not pattern.section or line.protected:
            continue
        before = content[position - 1] if position else None
        after = content[position + 1] if position + 1 < len(content) else None
        if all(
            n is not None and not n.removed and is_prose(n) for n in (before, after)
        ):
            line.kind, line.reason = None, ""
