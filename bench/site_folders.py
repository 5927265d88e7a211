"""
A folder of one site, cleaned with and without learning the site first: pages of
held-out synthetic templates (scripts/strip_furniture.py) around the gold of the
scraped articles, 25 pages a site, cleaned by `vnclean clean DIR -o OUT` and by the
same with --no-learn, the kept lines compared with the gold. With --jsonl the same
pages go into one JSON-lines file, the sites interleaved, each page with a URL of its
site, cleaned by `vnclean clean --input-format jsonl --site-field url`.

    PYTHONPATH=src python3 bench/site_folders.py ../shared/data/articles [--pages 25]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from strip_furniture import TEMPLATES, page
from strip_pages import gold_lines, normalize


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("articles", type=Path)
    parser.add_argument("--pages", type=int, default=25)
    parser.add_argument("--sites", type=int, default=4)
    parser.add_argument("--show", action="store_true", help="list lost lines")
    parser.add_argument("--jsonl", action="store_true", help="one JSON-lines file")
    args = parser.parse_args()
    golds = [
        gold_lines(p.read_text(encoding="utf-8"))
        for p in sorted(args.articles.glob("*.expected.txt"))
    ]
    golds = [g for g in golds if len(g) >= 3]
    titles = [g[0] for g in golds if 4 <= len(g[0].split()) <= 25]
    work = Path(tempfile.mkdtemp())
    truth: dict[Path, Counter[str]] = {}
    for template in [t for t in TEMPLATES if t.held_out][: args.sites]:
        folder = work / "in" / template.name
        folder.mkdir(parents=True)
        for number in range(args.pages):
            article = golds[(number * 7 + template.seed) % len(golds)]
            lines, labels = page(template, article, titles, seed=number)
            name = Path(template.name) / f"{number:03d}.txt"
            (work / "in" / name).write_text("\n".join(lines) + "\n", "utf-8")
            truth[name] = Counter(normalize(l) for l, k in zip(lines, labels) if k)
    if args.jsonl:
        return _jsonl(work, truth)
    for flags in ([], ["--no-learn"]):
        out = work / ("out" + "".join(flags))
        subprocess.run(
            [
                sys.executable,
                "-m",
                "vnclean",
                "clean",
                str(work / "in"),
                "-o",
                str(out),
                "-q",
                *flags,
            ],
            check=True,
        )
        n: Counter[str] = Counter()
        for name, gold in truth.items():
            text = (out / name).read_text(encoding="utf-8")
            ours = Counter(x for x in (normalize(l) for l in text.splitlines()) if x)
            both = ours & gold
            if not flags and "--show" in sys.argv[2:]:
                for lost in gold - ours:
                    print("LOST", name, lost[:90])
            n["tp"] += sum(len(k) * v for k, v in both.items())
            n["ours"] += sum(len(k) * v for k, v in ours.items())
            n["gold"] += sum(len(k) * v for k, v in gold.items())
        label = "clean DIR --no-learn" if flags else "clean DIR (learns)"
        print(
            f"{label:22s} {len(truth)} pages, {args.sites} sites: char P "
            f"{n['tp'] / n['ours']:.4f} R {n['tp'] / n['gold']:.4f}"
        )
    return 0


def _jsonl(work: Path, truth: dict[Path, Counter[str]]) -> int:
    # Round robin over the sites, as a crawl interleaves them.
    names = sorted(truth, key=lambda name: (name.name, name.parent.name))
    corpus = work / "crawl.jsonl"
    with corpus.open("w", encoding="utf-8") as file:
        for name in names:
            url = f"https://{name.parent.name}.example.vn/{name.stem}.html"
            text = (work / "in" / name).read_text(encoding="utf-8")
            file.write(json.dumps({"url": url, "text": text}, ensure_ascii=False))
            file.write("\n")
    for flags in ([], ["--no-learn"]):
        command = [sys.executable, "-m", "vnclean", "clean", "--input-format"]
        command += ["jsonl", "--site-field", "url", str(corpus), "-q", *flags]
        out = subprocess.run(command, check=True, capture_output=True).stdout
        records = [json.loads(line) for line in out.splitlines()]
        n: Counter[str] = Counter()
        for name, record in zip(names, records):
            gold = truth[name]
            lines = (normalize(line) for line in record["text"].splitlines())
            ours = Counter(x for x in lines if x)
            both = ours & gold
            n["tp"] += sum(len(k) * v for k, v in both.items())
            n["ours"] += sum(len(k) * v for k, v in ours.items())
            n["gold"] += sum(len(k) * v for k, v in gold.items())
        label = "jsonl --no-learn" if flags else "jsonl --site-field url"
        print(
            f"{label:22s} {len(truth)} records: char P "
            f"{n['tp'] / n['ours']:.4f} R {n['tp'] / n['gold']:.4f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
