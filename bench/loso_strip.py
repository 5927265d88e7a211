"""
Leave-one-site-out figures for the strip model: for each site, fit the weights on
every other site's pages (scripts/fit_strip.py), then strip that site's pages with
them and compare the kept lines with the gold.

    /work/fitvenv/bin/python bench/loso_strip.py --pages /work/pages \\
        --articles ../shared/data/articles [--errors 10] [--sites 12]

Reports line and character precision and recall, overall, by source (real pages,
scraped articles, synthetic pages, clean articles that must come out whole) and per
site, beside the rules alone (the model switched off) on the same pages, and
overall without the sequence smoothing (`span.smooth`) where it was fitted. Synthetic
pages of the held-out templates are stripped with the model fitted on all training
pages. Needs numpy and scikit-learn (the fitting extra).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import score_boilerplate
from fit_strip import examples, fit
from strip_pages import Page, load, normalize

from vnclean.strip import model, strip_boilerplate

OFF = model.Weights.from_data(
    {"first": {}, "second": {"weights": {"first_judgement": 1}}, "threshold": -1e9}
)


class Score(score_boilerplate.Score):
    """Line and character precision and recall, on one line of a table."""

    def row(self) -> str:
        return (
            f"line P {self.ratio('tp', 'ours'):.3f} R {self.ratio('tp', 'gold'):.3f}"
            f" | char P {self.ratio('tp_c', 'ours_c'):.4f}"
            f" R {self.ratio('tp_c', 'gold_c'):.4f}"
        )


def strip_with(page: Page, weights: model.Weights) -> Counter[str]:
    model.shipped = lambda: weights  # what strip_boilerplate asks for
    out = strip_boilerplate(page.text)
    return Counter(n for n in (normalize(l) for l in out.splitlines()) if n)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=Path, default=Path("/work/pages"))
    parser.add_argument("--articles", type=Path)
    parser.add_argument("--errors", type=int, default=10, help="worst mistakes shown")
    parser.add_argument("--real-errors", action="store_true")
    parser.add_argument(
        "--shifts",
        type=lambda text: [float(x) for x in text.split(",")],
        default=[],
        help="also score with the threshold moved by these, e.g. -1,-0.5,0.5",
    )
    parser.add_argument("--content-weight", type=float, default=3.0)
    parser.add_argument("--recall", type=float, default=0.999)
    parser.add_argument("--margin", type=float, default=1.0)
    parser.add_argument("-C", type=float, default=0.3)
    args = parser.parse_args()
    pages = load(args.pages, args.articles)
    train_pages = [p for p in pages if not p.held_out_template]
    found = examples(train_pages)
    options = (args.content_weight, args.recall, args.margin, args.C)
    scores: dict[tuple[str, str], Score] = defaultdict(Score)
    mistakes: list[tuple[int, str, str, str]] = []

    def judge(page: Page, weights: model.Weights, key: str) -> None:
        source = "held-out templates" if page.held_out_template else page.source
        for shift in args.shifts:
            moved = dataclasses.replace(weights, threshold=weights.threshold + shift)
            theirs = strip_with(page, moved)
            for part in ("all", source):
                scores[(f"threshold {shift:+}", part)].add(theirs, page.gold)
        ours = strip_with(page, weights)
        base = strip_with(page, OFF)
        if weights.switch_cost:
            plain = dataclasses.replace(weights, switch_cost=0.0)
            for part in ("all", source):
                scores[("no smoothing", part)].add(strip_with(page, plain), page.gold)
        for part in ("all", source, "site:" + page.site):
            scores[(key, part)].add(ours, page.gold)
            scores[("rules", part)].add(base, page.gold)
        for line in page.gold - ours:
            who = "rules" if line in page.gold - base else "model"
            mistakes.append((3 * len(line), f"lost by {who}", page.name, line))
        for line in ours - page.gold:
            mistakes.append((len(line), "kept furniture", page.name, line))

    sites = sorted({p.site for p in train_pages})
    for site in sites:
        weights = model.Weights.from_data(
            fit([ex for ex in found if ex.page.site != site], *options)
        )
        for page in train_pages:
            if page.site == site:
                judge(page, weights, "loso")
    everything = model.Weights.from_data(fit(found, *options))
    for page in pages:
        if page.held_out_template:
            judge(page, everything, "loso")
    print(
        f"{len(train_pages)} training pages from {len(sites)} sites; "
        f"{sum(p.held_out_template for p in pages)} pages of held-out templates"
    )
    shifted = (f"threshold {x:+}" for x in args.shifts)
    for key in ("rules", "loso", "no smoothing", *shifted):
        print(f"\n== {key}")
        for part in (
            "all",
            "real",
            "article",
            "synthetic",
            "held-out templates",
            "clean",
        ):
            if scores[(key, part)].n["gold"]:
                print(f"{part:24s} {scores[(key, part)].row()}")
    print("\n== per site: rules | model (leave-one-site-out)")
    for site in sorted({p.site for p in pages}):
        rules, ours = (
            scores[("rules", "site:" + site)],
            scores[("loso", "site:" + site)],
        )
        print(f"{site[:24]:24s} {rules.row()}\n{'':24s} {ours.row()}")
    print(f"\n== {args.errors} worst mistakes (a lost line weighs thrice)")
    for _, kind, name, line in sorted(mistakes, reverse=True)[: args.errors]:
        print(f"{kind:18s} {name[:30]:30s} {line[:100]}")
    if args.real_errors:
        print("\n== every mistake on real pages")
        for _, kind, name, line in sorted(mistakes, reverse=True):
            if "__" in name and not name.startswith(("synthetic", "clean")):
                print(f"{kind:18s} {name[:30]:30s} {line[:100]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
