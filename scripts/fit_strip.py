"""
Fit the strip model's weights (src/vnclean/strip/weights.json) on labelled pages.

    /work/fitvenv/bin/python scripts/fit_strip.py --pages /work/pages \\
        --articles ../shared/data/articles --out src/vnclean/strip/weights.json

scikit-learn is needed here only (a training extra); the package reads the JSON.

Both passes are logistic regressions on standardised signals, folded back into
weights on the raw signals when saved. Article lines weigh more than furniture
(`--content-weight`, and by their length): losing a paragraph is the worst error.
The threshold is the highest final score that keeps `--recall` of the article
characters of the training pages, lowered by `--margin` for pages never seen.
Pages come from `strip_pages.load` (real pages, scraped articles, synthetic pages of
the templates that are not held out).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parent))
from strip_pages import Page, load

from vnclean.strip import features, model, span
from vnclean.strip.features import FIRST_SIGNALS, SECOND_SIGNALS

ROOT = Path(__file__).resolve().parent.parent
# The learned vocabulary: words seen on this many sites or more, the strongest this many.
VOCABULARY_SITES = 3
VOCABULARY_SIZE = 600
# The span offsets tried; the one whose second pass fits the training pages best wins.
SPAN_OFFSETS = tuple(
    float(x) for x in os.environ.get("SPAN_OFFSETS", "0,1,2,3").split(",")
)
# The second pass weighs many rare signals (each line signal above and below the
# span): regularised this much more strongly than the first.
SECOND_C = float(os.environ.get("SECOND_C", "0.3"))
SOURCE_WEIGHTS = {
    name: float(weight)
    for name, weight in (
        item.split(":")
        for item in os.environ.get(
            "SOURCE_WEIGHTS", "real:1,article:1,synthetic:1,clean:1"
        ).split(",")
    )
}
FIRST_WEIGHTED = bool(int(os.environ.get("FIRST_WEIGHTED", "0")))
# The switch costs tried for the sequence smoothing (`span.smooth`), and how many
# furniture characters removed one lost article character must buy.
SWITCH_COSTS = tuple(
    float(x) for x in os.environ.get("SWITCH_COSTS", "0,0.5,1,1.5,2,3").split(",")
)
LOST_CHAR_PRICE = float(os.environ.get("LOST_CHAR_PRICE", "10"))


@dataclass
class Example:
    """A page's lines (those the rules keep), labels and first-pass features."""

    page: Page
    lines: list[features.PageLine]
    labels: np.ndarray  # 1 for article text
    sizes: np.ndarray  # characters
    first: np.ndarray  # lines x FIRST_SIGNALS


def examples(pages: list[Page]) -> list[Example]:
    found = []
    for page in pages:
        texts, groups, labels = page.labelled()
        lines = features.lines_of(texts, groups)
        first = np.array(
            [features.measure(line, FIRST_SIGNALS) for line in lines], dtype=float
        ).reshape(len(lines), len(FIRST_SIGNALS))
        found.append(
            Example(
                page,
                lines,
                np.array(labels, dtype=int),
                np.array([len(t) for t in texts], dtype=float),
                first,
            )
        )
    return found


def _logistic(x: np.ndarray, y: np.ndarray, w: np.ndarray, c: float):
    mean, std = x.mean(axis=0), x.std(axis=0)
    std[std == 0] = 1.0
    fit = LogisticRegression(C=c, max_iter=2000)
    fit.fit((x - mean) / std, y, sample_weight=w)
    coef = fit.coef_[0] / std
    bias = float(fit.intercept_[0] - (coef * mean).sum())
    return coef, bias


def _weights(examples_: list[Example], content_weight: float) -> np.ndarray:
    """
    Article lines weigh `content_weight` times the log of their length; each page
    by its source (SOURCE_WEIGHTS): real pages are what users strip.
    """
    parts = []
    for ex in examples_:
        size = np.log1p(ex.sizes)
        source = SOURCE_WEIGHTS.get(ex.page.source, 1.0)
        parts.append(source * np.where(ex.labels == 1, content_weight * size, 1.0))
    return np.concatenate(parts)


def context(ex: Example, weights: model.Weights) -> np.ndarray:
    """The second pass's signals of a page, under the first pass of `weights`."""
    model.score(ex.lines, weights)
    return np.array(
        [features.measure(line, SECOND_SIGNALS) for line in ex.lines], dtype=float
    ).reshape(len(ex.lines), len(SECOND_SIGNALS))


def fit(
    train: list[Example],
    content_weight: float = 3.0,
    recall: float = 0.999,
    margin: float = 1.0,
    c: float = 0.3,
) -> dict:
    train = [ex for ex in train if len(ex.lines)]
    vocabulary = _vocabulary(train)
    column = [s.__name__ for s in FIRST_SIGNALS].index("learned_words")
    for ex in train:
        for line in ex.lines:
            line.vocabulary = vocabulary
        ex.first[:, column] = [features.learned_words(line) for line in ex.lines]
    y = np.concatenate([ex.labels for ex in train])
    w = _weights(train, content_weight)
    x1 = np.concatenate([ex.first for ex in train])
    # The first pass is fitted unweighted: its scores part article from furniture at
    # 0, where the span's sums need the border; only the final pass leans to recall.
    plain = np.concatenate(
        [
            np.full(len(ex.labels), SOURCE_WEIGHTS.get(ex.page.source, 1.0))
            for ex in train
        ]
    )
    coef1, bias1 = _logistic(x1, y, w if FIRST_WEIGHTED else plain, c)
    first = {s.__name__: float(v) for s, v in zip(FIRST_SIGNALS, coef1)}
    best = None
    for offset in SPAN_OFFSETS:
        provisional = model.Weights.from_data(
            {
                "first": {"bias": bias1, "weights": first},
                "second": {"bias": 0.0, "weights": {}},
                "threshold": 0.0,
                "span_offset": offset,
                "vocabulary": vocabulary,
            }
        )
        x2 = np.concatenate([context(ex, provisional) for ex in train])
        coef2, bias2 = _logistic(x2, y, w, c * SECOND_C)
        loss = _log_loss(x2 @ coef2 + bias2, y, w)
        if best is None or loss < best[0]:
            best = (loss, offset, x2, coef2, bias2)
    _, offset, x2, coef2, bias2 = best
    second = {s.__name__: float(v) for s, v in zip(SECOND_SIGNALS, coef2)}
    final = x2 @ coef2 + bias2
    sizes = np.concatenate([ex.sizes for ex in train])
    # The highest threshold that keeps `recall` of the article characters.
    content = np.sort(final[y == 1])
    weight = sizes[y == 1][np.argsort(final[y == 1])]
    lost = np.cumsum(weight) / weight.sum()
    allowed = np.searchsorted(lost, 1 - recall)  # lines that may go, lowest first
    threshold = float(content[allowed]) - margin if allowed < len(content) else 0.0
    # The switch cost is chosen where the training pages draw the line, before the
    # margin moves it for pages never seen: the margin does not change the cost.
    switch_cost = _switch_cost(train, final - threshold - margin)
    return {
        "format": "vnclean-strip-weights",
        "version": 1,
        "first": {"bias": bias1, "weights": _rounded(first)},
        "second": {"bias": bias2, "weights": _rounded(second)},
        "threshold": round(threshold, 4),
        "clip": 4.0,
        "span_offset": offset,
        "switch_cost": switch_cost,
        "vocabulary": vocabulary,
    }


def _switch_cost(train: list[Example], margins: np.ndarray) -> float:
    """
    The cost of SWITCH_COSTS whose smoothing of the training pages removes the most
    furniture characters, less LOST_CHAR_PRICE for each article character it loses.
    """
    best = (-math.inf, 0.0)
    for cost in SWITCH_COSTS:
        gain, start = 0.0, 0
        for ex in train:
            part = margins[start : start + len(ex.lines)]
            start += len(ex.lines)
            kept = np.array(span.smooth(part.tolist(), cost), dtype=bool)
            gain += ex.sizes[~kept & (ex.labels == 0)].sum()
            gain -= LOST_CHAR_PRICE * ex.sizes[~kept & (ex.labels == 1)].sum()
        if gain > best[0]:
            best = (gain, cost)
    return best[1]


def _vocabulary(train: list[Example]) -> dict[str, float]:
    """
    The words whose lines lean to article text (+) or furniture (-), each with the
    log-ratio of its share of article lines to its share of furniture lines, held
    within +-3. Only words seen on VOCABULARY_SITES sites or more, so that no site's
    own name or topic is learned; the VOCABULARY_SIZE strongest. Learned from real
    pages and scraped articles only: synthetic pages repeat one article's words on
    many imaginary sites, and their furniture is this project's own wording.
    """
    content: Counter[str] = Counter()
    furniture: Counter[str] = Counter()
    sites: dict[str, set[str]] = defaultdict(set)
    lines = {0: 0, 1: 0}
    for ex in train:
        if ex.page.source not in ("real", "article"):
            continue
        for line, label in zip(ex.lines, ex.labels):
            words = set(line.letters)
            (content if label else furniture).update(words)
            lines[int(label)] += 1
            for word in words:
                sites[word].add(ex.page.site)
    found = {}
    for word, places in sites.items():
        seen = content[word] + furniture[word]
        if len(places) < VOCABULARY_SITES or seen < 5:
            continue
        lean = math.log((content[word] + 1) / (lines[1] + 2)) - math.log(
            (furniture[word] + 1) / (lines[0] + 2)
        )
        found[word] = max(-3.0, min(3.0, lean))
    strongest = sorted(
        found, key=lambda w: -abs(found[w]) * math.log(content[w] + furniture[w])
    )
    return {word: round(found[word], 3) for word in sorted(strongest[:VOCABULARY_SIZE])}


def _log_loss(z: np.ndarray, y: np.ndarray, w: np.ndarray) -> float:
    """The weighted log-loss of log-odds `z` for labels `y`."""
    return float((w * np.logaddexp(0, np.where(y == 1, -z, z))).sum() / w.sum())


def _rounded(weights: dict[str, float]) -> dict[str, float]:
    return {name: round(value, 4) for name, value in weights.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=Path, default=Path("/work/pages"))
    parser.add_argument("--articles", type=Path)
    parser.add_argument(
        "--out", type=Path, default=ROOT / "src/vnclean/strip/weights.json"
    )
    parser.add_argument("--content-weight", type=float, default=3.0)
    parser.add_argument("--recall", type=float, default=0.999)
    parser.add_argument("--margin", type=float, default=1.0)
    parser.add_argument("-C", type=float, default=0.3)
    args = parser.parse_args()
    pages = [p for p in load(args.pages, args.articles) if not p.held_out_template]
    found = examples(pages)
    data = fit(found, args.content_weight, args.recall, args.margin, args.C)
    sites = sorted({p.site for p in pages})
    lines = sum(len(ex.lines) for ex in found)
    data["fitted"] = {
        "script": "scripts/fit_strip.py",
        "pages": len(pages),
        "sites": len(sites),
        "lines": lines,
        "by source": {
            source: sum(p.source == source for p in pages)
            for source in ("real", "article", "synthetic", "clean")
        },
        "content weight": args.content_weight,
        "recall": args.recall,
        "margin": args.margin,
        "C": args.C,
    }
    args.out.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(f"{len(pages)} pages, {len(sites)} sites, {lines} lines -> {args.out}")
    for part in ("first", "second"):
        ranked = sorted(data[part]["weights"].items(), key=lambda kv: -abs(kv[1]))
        print(part, data[part]["bias"], ranked[:12])
    print("threshold", data["threshold"], "switch cost", data["switch_cost"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
