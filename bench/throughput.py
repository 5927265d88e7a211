"""
Throughput of `vnclean.clean` against `ftfy.fix_text`, single process, and of each
pipeline step on its real input, so the slow step is obvious.

    PYTHONPATH=src python3 bench/throughput.py                       # samples/expected
    PYTHONPATH=src python3 bench/throughput.py ../shared/data/articles/*.expected.txt
    PYTHONPATH=src python3 bench/throughput.py --mb 8 --rounds 7

Clean source documents are repeated up to `--mb` megabytes (UTF-8 bytes) in four
variants: as written; mojibake (each whole document's UTF-8 read as Windows-1252, the
way a browser does it, undefined bytes becoming C1 controls); decomposed (NFD); and
with no-break spaces and zero-width spaces sprinkled between words. Each document is
cleaned separately, as the CLI cleans one file or one JSON-lines record at a time.

Documents repeat, so after the first round every line and word has been seen: the
answers vnclean keeps per line (boilerplate patterns) and per word and token are all
at hand. `--once` measures documents never seen: the first half of the sources is
cleaned to warm the per-word caches, as a corpus's first megabytes do, then each
document of the second half is cleaned once, one round, with the per-line answers
forgotten before each variant (pass many sources, e.g.
`../shared/data/articles/*.expected.txt`).

vnclean and ftfy run alternately in the same process, document by document, for
`--rounds` rounds; the table shows the median and the best MB/s of each and the ratio
of the medians, then the speed of `clean_and_explain` (one round on a smaller sample:
it is what `--diff` and JSON output pay) and how many corrupted documents clean back
to the original's output. Targets: the full default pipeline at least 2x ftfy on
clean Vietnamese and 1x on mojibake.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import ftfy

import vnclean
from vnclean import pipeline, strip
from vnclean.model import Config

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corrupt import decomposed, mojibake, sprinkled

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCES = sorted((ROOT / "samples" / "expected").glob("*.txt"))
FTFY_CONFIG = ftfy.TextFixerConfig(
    uncurl_quotes=False, fix_character_width=False, fix_latin_ligatures=False
)
MB = 1_000_000


VARIANTS: dict[str, Callable[[str], str]] = {
    "clean": lambda text: text,
    "mojibake": mojibake,
    "decomposed": decomposed,
    "nbsp+zwsp": sprinkled,
}


def corpus(sources: list[Path], megabytes: float) -> list[str]:
    """The source documents, repeated in order until they reach `megabytes`."""
    texts = [p.read_text(encoding="utf-8") for p in sources]
    texts = [t for t in texts if t.strip()]
    if not texts:
        sys.exit("no source text")
    docs: list[str] = []
    size = 0
    while size < megabytes * MB:
        for text in texts:
            docs.append(text)
            size += len(text.encode("utf-8"))
            if size >= megabytes * MB:
                break
    return docs


def forget_lines() -> None:
    """Empty the answers boilerplate keeps per line: no line has been judged before."""
    kept = strip.Rules.shipped().__dict__
    kept.pop("_matches", None)
    kept.pop("_verdicts", None)


def _size(docs: list[str]) -> float:
    return sum(len(d.encode("utf-8")) for d in docs) / MB


def _time(function: Callable[[str], object], docs: list[str]) -> float:
    start = time.perf_counter()
    for doc in docs:
        function(doc)
    return time.perf_counter() - start


def _vnclean(doc: str) -> str:
    return vnclean.clean(doc)


def _explain(doc: str) -> vnclean.Result:
    return vnclean.clean_and_explain(doc)


def _ftfy(doc: str) -> str:
    return ftfy.fix_text(doc, FTFY_CONFIG)


def compare(docs: list[str], rounds: int) -> dict[str, list[float]]:
    """
    Seconds per round for vnclean and ftfy, alternating document by document: a burst
    of load from elsewhere on a shared machine then slows both, not one whole round.
    """
    contenders = {"vnclean": _vnclean, "ftfy": _ftfy}
    times: dict[str, list[float]] = {name: [] for name in contenders}
    clock = time.perf_counter
    for _ in range(rounds):
        spent = dict.fromkeys(contenders, 0.0)
        for doc in docs:
            for name, function in contenders.items():
                start = clock()
                function(doc)
                spent[name] += clock() - start
        for name, seconds in spent.items():
            times[name].append(seconds)
    return times


def agreement(docs: list[str], originals: list[str]) -> float:
    """Share of documents whose cleaned variant equals the cleaned original."""
    cache: dict[str, str] = {}
    same = 0
    for doc, original in zip(docs, originals):
        if original not in cache:
            cache[original] = vnclean.clean(original)
        if doc not in cache:
            cache[doc] = vnclean.clean(doc)
        same += cache[doc] == cache[original]
    return same / len(docs)


def step_times(docs: list[str], rounds: int) -> dict[str, float]:
    """Median seconds per step, each step fed what the steps before it produced."""
    config = Config()
    times: dict[str, list[float]] = {step.__name__: [] for step in pipeline.STEPS}
    for _ in range(rounds):
        texts = list(docs)
        for step in pipeline.STEPS:
            kwargs = {n: getattr(config, n) for n in pipeline._keyword_params(step)}
            start = time.perf_counter()
            texts = [str(step(text, **kwargs)) for text in texts]
            times[step.__name__].append(time.perf_counter() - start)
    return {name: statistics.median(t) for name, t in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sources", nargs="*", type=Path, help="clean UTF-8 text files")
    parser.add_argument("--mb", type=float, default=4.0, help="MB per variant (4)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds per variant (5)")
    parser.add_argument(
        "--explain-mb",
        type=float,
        default=0.5,
        help="MB per variant for one timing of clean_and_explain (0.5; 0 skips)",
    )
    parser.add_argument(
        "--once",
        action="store_true",
        help="documents never seen: warm up on the first half of the sources, then"
        " clean each of the second half once (ignores --mb, --rounds)",
    )
    args = parser.parse_args()
    sources = args.sources or DEFAULT_SOURCES
    if args.once:
        texts = [
            t for t in (p.read_text(encoding="utf-8") for p in sources) if t.strip()
        ]
        warm, base = texts[: len(texts) // 2], texts[len(texts) // 2 :]
        for corrupt in VARIANTS.values():
            for text in warm:
                vnclean.clean(corrupt(text))
                ftfy.fix_text(corrupt(text), FTFY_CONFIG)
        args.mb, args.rounds = _size(base), 1
    else:
        base = corpus(sources, args.mb)
    print(
        f"{len(sources)} source files, {len(base)} documents, ~{args.mb:g} MB per"
        f" variant, {args.rounds} rounds; Python {sys.version.split()[0]},"
        f" ftfy {ftfy.__version__}, vnclean {vnclean.__version__}"
    )
    print()
    print("MB/s, median (best) of rounds; ratio = vnclean median / ftfy median;")
    print("explain = clean_and_explain MB/s, one round on the first --explain-mb MB;")
    print("same = share of documents that clean to the same text as their original")
    header = (
        f"{'variant':<11} {'MB':>6} {'vnclean':>15} {'ftfy':>15} {'ratio':>6}"
        f" {'explain':>8} {'same':>5}"
    )
    print(header)
    explain_docs = corpus(sources, args.explain_mb) if args.explain_mb else []
    per_step: dict[str, dict[str, float]] = {}
    for variant, corrupt in VARIANTS.items():
        docs = [corrupt(doc) for doc in base]
        size = _size(docs)
        if args.once:
            forget_lines()  # the variants before have judged the same lines
        times = compare(docs, args.rounds)
        med = {name: size / statistics.median(t) for name, t in times.items()}
        best = {name: size / min(t) for name, t in times.items()}
        ratio = med["vnclean"] / med["ftfy"]
        explain = float("nan")
        if explain_docs:
            sample = [corrupt(doc) for doc in explain_docs]
            explain = _size(sample) / _time(_explain, sample)
        same = agreement(docs, base)
        print(
            f"{variant:<11} {size:6.2f} {med['vnclean']:7.2f} ({best['vnclean']:5.2f})"
            f" {med['ftfy']:7.2f} ({best['ftfy']:5.2f}) {ratio:5.2f}x"
            f" {explain:8.2f} {same:5.0%}",
            flush=True,
        )
        per_step[variant] = {
            name: size / seconds if seconds else float("inf")
            for name, seconds in step_times(docs, args.rounds).items()
        }
    print()
    print("MB/s per step (median), each step on the output of the steps before it")
    width = max(len(name) for name in pipeline.step_names())
    print(f"{'step':<{width}} " + " ".join(f"{v:>11}" for v in VARIANTS))
    for name in pipeline.step_names():
        cells = " ".join(f"{per_step[v][name]:11.1f}" for v in VARIANTS)
        print(f"{name:<{width}} {cells}")


if __name__ == "__main__":
    main()
