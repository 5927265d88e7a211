"""
A folder of one site, cleaned with and without learning the site first: pages of
held-out synthetic templates (scripts/strip_furniture.py) around the gold of the
scraped articles, 25 pages a site, cleaned by `vnclean clean DIR -o OUT` and by the
same with --no-learn, the kept lines compared with the gold.

    PYTHONPATH=src python3 bench/site_folders.py ../shared/data/articles [--pages 25]
"""

from __future__ import annotations

import argparse
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


if __name__ == "__main__":
    sys.exit(main())
