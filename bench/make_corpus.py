"""
Write a JSON-lines corpus of about N MB of article-sized Vietnamese records, quickly
and deterministically (same arguments, same bytes), for the scaling benchmark.

    PYTHONPATH=src python3 bench/make_corpus.py /tmp/corpus-100.jsonl --mb 100
    python3 bench/make_corpus.py out.jsonl --mb 10 ../shared/data/articles/*.txt

Each line is `{"id": ..., "url": ..., "text": ...}`. Texts are built from the source
files (default: the repo's `samples/input/*.txt`, scraped pages with their
boilerplate): each article keeps its first lines (title, lead) and its last lines
(bylines, related lists, footers) and gets a deterministic shuffle of body paragraphs
from the whole pool, so articles differ but look like articles. About 15% of records
are corrupted as a whole document (UTF-8 read as Windows-1252), 10% are decomposed
(NFD) and 10% have no-break and zero-width spaces between words.

A pool of distinct serialized texts is built once and cycled with fresh ids, so a
gigabyte takes seconds, not minutes; the pool is large enough (`--pool`) that no
single text dominates.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corrupt import decomposed, mojibake, sprinkled

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCES = sorted((ROOT / "samples" / "input").glob("*.txt"))
MB = 1_000_000
SITES = ("baomoi.vn", "vnexpress.net", "tuoitre.vn", "dantri.com.vn", "vov.vn")


def _paragraphs(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def pool(sources: list[Path], size: int, seed: int) -> list[str]:
    """`size` distinct article texts, some corrupted, in a fixed order."""
    rng = random.Random(seed)
    articles = [_paragraphs(p.read_text(encoding="utf-8")) for p in sources]
    articles = [a for a in articles if a]
    if not articles:
        sys.exit("no source text")
    body = [line for article in articles for line in article[2:-3] if len(line) > 80]
    body = body or [line for article in articles for line in article]
    texts = []
    for index in range(size):
        article = articles[index % len(articles)]
        head, tail = article[:2], article[-3:] if len(article) > 5 else []
        count = rng.randint(4, 30)
        lines = head + [rng.choice(body) for _ in range(count)] + tail
        text = "\n".join(lines) + "\n"
        roll = rng.random()
        if roll < 0.15:
            text = mojibake(text)
        elif roll < 0.25:
            text = decomposed(text)
        elif roll < 0.35:
            text = sprinkled(text)
        texts.append(text)
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="the .jsonl file to write ('-': stdout)")
    parser.add_argument("sources", nargs="*", type=Path, help="UTF-8 text files")
    parser.add_argument("--mb", type=float, default=10.0, help="size in MB (10)")
    parser.add_argument("--seed", type=int, default=6, help="random seed (6)")
    parser.add_argument("--pool", type=int, default=2000, help="distinct texts (2000)")
    args = parser.parse_args()
    texts = pool(args.sources or DEFAULT_SOURCES, args.pool, args.seed)
    # Serialize each text once; a record is then a cheap string concatenation.
    serialized = [json.dumps(text, ensure_ascii=False) for text in texts]
    target = int(args.mb * MB)
    written = 0
    index = 0
    out = sys.stdout if str(args.out) == "-" else args.out.open("w", encoding="utf-8")
    with out:
        while written < target:
            site = SITES[index % len(SITES)]
            record = (
                f'{{"id": "{index:09d}", "url": "https://{site}/tin-tuc/{index}.html",'
                f' "text": {serialized[index % len(serialized)]}}}\n'
            )
            out.write(record)
            written += len(record.encode("utf-8"))
            index += 1
    print(f"{args.out}: {index} records, {written / MB:.1f} MB", file=sys.stderr)


if __name__ == "__main__":
    main()
