"""
The pages the strip model is fitted and tested on, each with its lines labelled.

    from strip_pages import load
    pages = load(real=Path("/work/pages"), articles=Path("../shared/data/articles"))

Three sources, each page tagged with its site (leave-one-site-out holds out a site):

- real full pages: ``site__name.txt`` with gold ``site__name.expected.txt``;
- scraped articles: ``NNN.txt`` with ``NNN.expected.txt``, sites from ``SOURCES.md``;
- synthetic pages (`strip_furniture`): the gold of both wrapped in furniture of 30
  imaginary sites, and each gold on its own as a page that must come out whole.

A page's text is what the strip step receives in the pipeline (repaired and
normalised); its lines are those the rules keep (the model judges only these), and a
line is article text when it matches a line of the gold, which it then uses up.
"""

from __future__ import annotations

import random
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import vnclean
from vnclean.strip.judge import rule_survivors as _survivors

sys.path.insert(0, str(Path(__file__).resolve().parent))
from strip_furniture import TEMPLATES, page

# Lines are compared, and the articles' sites read, as the boilerplate scorer does.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from score_boilerplate import normalize
from score_boilerplate import sites as article_sites

SYNTHETIC_PER_TEMPLATE = 5


def gold_lines(text: str) -> list[str]:
    return [n for n in (l.strip() for l in re.split(r"\r\n|\r|\n", text)) if n]


@dataclass
class Page:
    site: str
    name: str
    source: str  # real, article, synthetic, clean
    text: str  # as the strip step receives it
    gold: Counter[str] = field(default_factory=Counter)
    held_out_template: bool = False
    gold_lines: list[str] = field(default_factory=list)

    def labelled(self) -> tuple[list[str], list[str], list[bool]]:
        """The lines the rules keep, their rule groups, and which are article text."""
        texts, groups = rule_survivors(self.text)
        left = Counter(self.gold)
        labels = []
        for text in texts:
            key = normalize(text)
            labels.append(left[key] > 0)
            left[key] -= 1
        return texts, groups, labels


def rule_survivors(text: str) -> tuple[list[str], list[str]]:
    """The lines the shipped rules keep, and "phrase" where a widget pattern matches."""
    return _survivors(text)


def prestrip(text: str) -> str:
    return vnclean.clean(text, strip=False)


def load_real(folder: Path) -> list[Page]:
    pages = []
    for gold in sorted(folder.glob("*.expected.txt")):
        source = gold.with_name(gold.name.replace(".expected.txt", ".txt"))
        if not source.exists():
            continue
        site = source.stem.split("__")[0]
        pages.append(
            Page(
                site=site,
                name=source.stem,
                source="real",
                text=prestrip(source.read_text(encoding="utf-8")),
                gold_lines=gold_lines(gold.read_text(encoding="utf-8")),
            )
        )
    return pages


def load_articles(folder: Path) -> list[Page]:
    sites = article_sites(folder)
    pages = []
    for source in sorted(folder.glob("[0-9][0-9][0-9].txt")):
        gold = folder / f"{source.stem}.expected.txt"
        if not gold.exists():
            continue
        pages.append(
            Page(
                site=sites.get(source.stem, source.stem),
                name=source.stem,
                source="article",
                text=prestrip(source.read_text(encoding="utf-8")),
                gold_lines=gold_lines(gold.read_text(encoding="utf-8")),
            )
        )
    return pages


def load_synthetic(golds: list[tuple[str, list[str]]], seed: int = 1) -> list[Page]:
    """Each template's pages around golds picked in turn; golds with 3+ lines only."""
    usable = [(name, lines) for name, lines in golds if len(lines) >= 3]
    # Headlines for the lists: titles of the other articles (a short first line).
    titles = [
        lines[0]
        for _, lines in usable
        if 4 <= len(lines[0].split()) <= 25 and not lines[0].endswith(".")
    ]
    rnd = random.Random(seed)
    order = rnd.sample(usable, len(usable))  # each gold in turn, none twice as often
    pages = []
    for template in TEMPLATES:
        for number in range(SYNTHETIC_PER_TEMPLATE):
            name, article = order[len(pages) % len(order)]
            others = [t for t in titles if t != article[0]]
            lines, labels = page(template, article, others, seed=number)
            text = "\n".join(lines)
            pages.append(
                Page(
                    site=template.name,
                    name=f"{template.name}-{number}-{name}",
                    source="synthetic",
                    text=prestrip(text),
                    gold=Counter(
                        normalize(l) for l, keep in zip(lines, labels) if keep
                    ),
                    held_out_template=template.held_out,
                )
            )
    return pages


def load(
    real: Path | None, articles: Path | None, synthetic: bool = True
) -> list[Page]:
    pages: list[Page] = []
    if real is not None and real.exists():
        pages += load_real(real)
    if articles is not None:
        pages += load_articles(articles)
    for found in pages:
        found.gold = Counter(map(normalize, found.gold_lines))
    if synthetic:
        golds = [(p.name, p.gold_lines) for p in pages]
        extra = load_synthetic(golds)
        # A clean article is a page too, of its own site: everything on it stays.
        for found in pages:
            if len(found.gold_lines) >= 2:
                extra.append(
                    Page(
                        site=found.site,
                        name="clean-" + found.name,
                        source="clean",
                        text="\n\n".join(found.gold_lines) + "\n",
                        gold=Counter(map(normalize, found.gold_lines)),
                    )
                )
        pages += extra
    return pages
