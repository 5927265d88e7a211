"""
Score the boilerplate stage against hand-labelled articles.

    PYTHONPATH=src python3 bench/score_boilerplate.py ../shared/data/articles [--errors]

For each NNN.txt with a gold NNN.expected.txt, the kept lines of `strip_boilerplate`
(standalone) and of `vnclean.clean` (whole pipeline) are compared with the gold
paragraphs after normalisation (NFC, spaces collapsed, tone marks in one placement),
as multisets. Precision and recall are reported per line and weighted by characters:
overall, per site (from the SOURCES.md table, when present) and for the held-out sites
(every 4th site in alphabetical order), which the rules were not tuned on.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import vnclean
from vnclean import syllable
from vnclean.strip import strip_boilerplate

WORD_RE = re.compile(r"\w+")
DOMAIN_RE = re.compile(
    r"(?:https?://)?(?:www\.)?((?:[\w-]+\.)+[a-z]{2,6})\b", re.IGNORECASE
)


def normalize(line: str) -> str:
    line = unicodedata.normalize("NFC", line).replace("\u200b", "")
    line = " ".join(line.split())
    return WORD_RE.sub(lambda m: syllable.respell(m.group(), "old") or m.group(), line)


def paragraphs(text: str) -> Counter[str]:
    return Counter(
        n for n in (normalize(l) for l in re.split(r"\r\n|\r|\n", text)) if n
    )


def sites(folder: Path) -> dict[str, str]:
    table = folder / "SOURCES.md"
    mapping: dict[str, str] = {}
    if not table.exists():
        return mapping
    for row in table.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in row.split("|")]
        if len(cells) > 5 and re.fullmatch(r"\d{3}\.txt", cells[1]):
            match = DOMAIN_RE.search(cells[4])
            mapping[cells[1][:3]] = match.group(1).lower() if match else "unknown"
    return mapping


class Score:
    def __init__(self) -> None:
        self.n = Counter[str]()

    def add(self, ours: Counter[str], gold: Counter[str]) -> None:
        both = ours & gold
        self.n["tp"] += sum(both.values())
        self.n["ours"] += sum(ours.values())
        self.n["gold"] += sum(gold.values())
        self.n["tp_c"] += sum(len(k) * v for k, v in both.items())
        self.n["ours_c"] += sum(len(k) * v for k, v in ours.items())
        self.n["gold_c"] += sum(len(k) * v for k, v in gold.items())

    def ratio(self, a: str, b: str) -> float:
        return self.n[a] / self.n[b] if self.n[b] else 1.0

    def row(self) -> str:
        ratio = self.ratio
        return (
            f"P {ratio('tp', 'ours'):.3f}  R {ratio('tp', 'gold'):.3f}  |  "
            f"chars P {ratio('tp_c', 'ours_c'):.4f}  R {ratio('tp_c', 'gold_c'):.4f}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--errors", action="store_true", help="list every wrong line")
    args = parser.parse_args()
    site_of = sites(args.folder)
    names = sorted(p.name[:3] for p in args.folder.glob("[0-9][0-9][0-9].txt"))
    all_sites = sorted({site_of.get(n, n) for n in names})
    held_out = set(all_sites[3::4])
    modes = {"step": lambda t: strip_boilerplate(t), "clean": vnclean.clean}
    scores: dict[tuple[str, str], Score] = defaultdict(Score)
    for name in names:
        text = (args.folder / f"{name}.txt").read_text(encoding="utf-8")
        gold = paragraphs(
            (args.folder / f"{name}.expected.txt").read_text(encoding="utf-8")
        )
        site = site_of.get(name, name)
        part = "held-out" if site in held_out else "tuned"
        for mode, run in modes.items():
            ours = paragraphs(run(text))
            for key in ("all", part, "site:" + site):
                scores[(mode, key)].add(ours, gold)
            if args.errors and mode == "step":
                for line in ours - gold:
                    print(f"{name} KEPT-BUT-BOILERPLATE  {line[:110]}")
                for line in gold - ours:
                    print(f"{name} DROPPED-CONTENT       {line[:110]}")
    print(
        f"{len(names)} documents, {len(all_sites)} sites; held out: {', '.join(sorted(held_out))}"
    )
    for mode in modes:
        print(
            f"\n== {mode} ({'strip_boilerplate alone' if mode == 'step' else 'vnclean.clean'})"
        )
        for key in ("all", "tuned", "held-out"):
            print(f"{key:28s} {scores[(mode, key)].row()}")
    print("\n== per site (step)")
    for site in all_sites:
        mark = " *" if site in held_out else ""
        print(f"{(site + mark)[:28]:28s} {scores[('step', 'site:' + site)].row()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
