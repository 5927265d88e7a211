"""
Write a JSON-lines corpus of about N MB of article-sized Vietnamese records, quickly
and deterministically (same arguments, same bytes), for the scaling benchmark.

    PYTHONPATH=src python3 bench/make_corpus.py /tmp/corpus-100.jsonl --mb 100
    python3 bench/make_corpus.py out.jsonl --mb 10 ../shared/data/articles/*.txt

Each line is `{"id": ..., "url": ..., "text": ...}`. Texts are built from the source
files (default: the repo's `samples/input/*.txt`, scraped pages with their
boilerplate): each record keeps the first lines (title, lead) and the last lines
(bylines, related lists, footers) of one source article, and gets body paragraphs of
its own, each made of sentences drawn from the whole pool, so no two records are
equal and a body paragraph rarely occurs twice: the corpus is new text to the
cleaner's caches, as a real corpus is, while the furniture still recurs as a site's
does. About 15% of records are corrupted as a whole document (UTF-8 read as
Windows-1252), 10% are decomposed (NFD) and 10% have no-break and zero-width spaces
between words.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corrupt import decomposed, mojibake, sprinkled

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCES = sorted((ROOT / "samples" / "input").glob("*.txt"))
MB = 1_000_000
SITES = ("baomoi.vn", "vnexpress.net", "tuoitre.vn", "dantri.com.vn", "vov.vn")
# The end of a sentence: its full stop, question or exclamation mark, then a space.
SENTENCE_END_RE = re.compile(r"(?<=[.!?…])\s+")


def _paragraphs(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def texts(sources: list[Path], seed: int) -> Iterator[str]:
    """Distinct article texts, some corrupted, in a fixed order, without end."""
    rng = random.Random(seed)
    articles = [_paragraphs(p.read_text(encoding="utf-8")) for p in sources]
    articles = [a for a in articles if a]
    if not articles:
        sys.exit("no source text")
    body = [line for article in articles for line in article[2:-3] if len(line) > 80]
    body = body or [line for article in articles for line in article]
    sentences = [s for line in body for s in SENTENCE_END_RE.split(line) if s]
    while True:
        article = rng.choice(articles)
        head, tail = article[:2], article[-3:] if len(article) > 5 else []
        paragraphs = [
            " ".join(rng.choice(sentences) for _ in range(rng.randint(1, 5)))
            for _ in range(rng.randint(4, 30))
        ]
        text = "\n".join(head + paragraphs + tail) + "\n"
        roll = rng.random()
        if roll < 0.15:
            text = mojibake(text)
        elif roll < 0.25:
            text = decomposed(text)
        elif roll < 0.35:
            text = sprinkled(text)
        yield text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="the .jsonl file to write ('-': stdout)")
    parser.add_argument("sources", nargs="*", type=Path, help="UTF-8 text files")
    parser.add_argument("--mb", type=float, default=10.0, help="size in MB (10)")
    parser.add_argument("--seed", type=int, default=6, help="random seed (6)")
    args = parser.parse_args()
    target = int(args.mb * MB)
    written = 0
    out = sys.stdout if str(args.out) == "-" else args.out.open("w", encoding="utf-8")
    with out:
        for index, text in enumerate(texts(args.sources or DEFAULT_SOURCES, args.seed)):
            if written >= target:
                break
            site = SITES[index % len(SITES)]
            record = (
                f'{{"id": "{index:09d}", "url": "https://{site}/tin-tuc/{index}.html",'
                f' "text": {json.dumps(text, ensure_ascii=False)}}}\n'
            )
            out.write(record)
            written += len(record.encode("utf-8"))
    print(f"{args.out}: {index} records, {written / MB:.1f} MB", file=sys.stderr)


if __name__ == "__main__":
    main()
