"""
Throughput of `vnclean.clean` against `ftfy.fix_text` as users meet it: documents
never seen before, each cleaned once, each system in a fresh process, CPU seconds.

    PYTHONPATH=src python3 bench/throughput.py DATA [DATA ...]
    PYTHONPATH=src python3 bench/throughput.py ../shared/data/articles ../pages --runs 5
    PYTHONPATH=src python3 bench/throughput.py DATA --warm --steps

DATA is a folder of text files (or the files themselves): `*.expected.txt` are clean
article bodies, any other `*.txt` a full page as a scraper dumped it (menus, footers,
comments and all). No text ships with this repository; point it at evaluation data.

Channels, each built from those files before any timing:
  clean        the clean bodies as written
  clean-new    the same with every tone mark in the new style (hoà, khoẻ, thuỷ), as
               much real text is written; vnclean's default style moves them
  nbsp+zwsp    the clean bodies with no-break and zero-width spaces between words
  mojibake     the clean bodies' UTF-8 read as Windows-1252, as a browser does it
  pages        the full pages as scraped
  pages-moji   the full pages read as Windows-1252

For every run and channel, vnclean and ftfy (configured with quotes, ligatures and width
off: `uncurl_quotes=False, fix_latin_ligatures=False, fix_character_width=False`, the
fastest setting that leaves correct text alone) each start in a new interpreter, import
themselves, then clean every document of the channel once. The clock is the process's
CPU time around the cleaning calls only: the first call's pattern compiling and table
loading are counted, the interpreter's and the imports' start-up are not (time
`echo … | vnclean clean -` against `echo … | ftfy` for that). The two systems
alternate within a run; the table gives the median MB/s over runs and the median of the
per-run ratios. `--warm` adds, from the same processes, a second pass over the same
documents: every cache is then full, which is what the old version of this script
reported. `--steps` adds MB/s per pipeline step, one in-process pass per channel.

Targets (issue 16): at least 2x ftfy on clean text and on nbsp+zwsp, 1.5x on mojibake.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corrupt import mojibake, new_style, sprinkled

MB = 1_000_000
SYSTEMS = ("vnclean", "ftfy")


def read_data(paths: list[Path]) -> tuple[list[str], list[str]]:
    """(clean bodies, full pages) from folders or files of UTF-8 text."""
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(path.glob("*.txt")) if path.is_dir() else [path])
    bodies, pages = [], []
    for file in files:
        text = file.read_text(encoding="utf-8")
        if not text.strip():
            continue
        (bodies if file.name.endswith(".expected.txt") else pages).append(text)
    return bodies, pages


def channels(bodies: list[str], pages: list[str]) -> dict[str, list[str]]:
    built = {
        "clean": bodies,
        "clean-new": [new_style(t) for t in bodies],
        "nbsp+zwsp": [sprinkled(t) for t in bodies],
        "mojibake": [mojibake(t) for t in bodies],
        "pages": pages,
        "pages-moji": [mojibake(t) for t in pages],
    }
    return {name: docs for name, docs in built.items() if docs}


def _size(docs: list[str]) -> float:
    return sum(len(d.encode("utf-8")) for d in docs) / MB


# --- the worker: one fresh process, one system, one channel ---------------------------


def worker(system: str, path: str, warm: bool) -> None:
    docs = json.loads(Path(path).read_text(encoding="utf-8"))
    if system == "vnclean":
        import vnclean

        clean = vnclean.clean
    else:
        import ftfy

        config = ftfy.TextFixerConfig(
            uncurl_quotes=False, fix_character_width=False, fix_latin_ligatures=False
        )

        def clean(text: str) -> str:
            return ftfy.fix_text(text, config)

    clock = time.process_time
    spent = []
    for _ in range(2 if warm else 1):
        start = clock()
        for doc in docs:
            clean(doc)
        spent.append(clock() - start)
    print(json.dumps(spent))


def run_worker(system: str, path: str, warm: bool) -> list[float]:
    command = [sys.executable, __file__, "--worker", system, path]
    if warm:
        command.append("--warm")
    out = subprocess.run(
        command, check=True, capture_output=True, text=True, env=os.environ.copy()
    )
    return json.loads(out.stdout)


def step_times(docs: list[str]) -> dict[str, float]:
    """Seconds per step, one pass, each step fed what the steps before it produced."""
    from vnclean import pipeline
    from vnclean.model import Config

    config = Config()
    times: dict[str, float] = {}
    texts = list(docs)
    for step in pipeline.STEPS:
        kwargs = {n: getattr(config, n) for n in pipeline._keyword_params(step)}
        start = time.process_time()
        texts = [str(step(text, **kwargs)) for text in texts]
        times[step.__name__] = time.process_time() - start
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="*", type=Path, help="folders or text files")
    parser.add_argument("--runs", type=int, default=3, help="fresh-process runs (3)")
    parser.add_argument("--warm", action="store_true", help="add a second pass")
    parser.add_argument("--steps", action="store_true", help="add MB/s per step")
    parser.add_argument(
        "--only", action="append", help="time only this channel (repeatable)"
    )
    parser.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(*args.worker, args.warm)
        return
    if not args.data:
        parser.error("give the folders or files of evaluation text to time")
    built = channels(*read_data(args.data))
    if args.only:
        built = {name: docs for name, docs in built.items() if name in args.only}
    import ftfy

    import vnclean

    print(
        f"{args.runs} fresh-process runs per system and channel; each document once;"
        f" CPU seconds; Python {sys.version.split()[0]}, ftfy {ftfy.__version__},"
        f" vnclean {vnclean.__version__} ({Path(vnclean.__file__).parent})"
    )
    print("MB/s median (min-max) over runs; ratio = median of per-run vnclean/ftfy")
    warm_head = f" {'warm vn':>8} {'warm ft':>8} {'ratio':>6}" if args.warm else ""
    print(
        f"{'channel':<11} {'docs':>5} {'MB':>6} {'vnclean':>17} {'ftfy':>17}"
        f" {'ratio':>6}{warm_head}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for name, docs in built.items():
            path = os.path.join(tmp, f"{name}.json")
            Path(path).write_text(json.dumps(docs), encoding="utf-8")
            size = _size(docs)
            cold: dict[str, list[float]] = {s: [] for s in SYSTEMS}
            hot: dict[str, list[float]] = {s: [] for s in SYSTEMS}
            for run in range(args.runs):
                order = SYSTEMS if run % 2 == 0 else SYSTEMS[::-1]
                for system in order:
                    spent = run_worker(system, path, args.warm)
                    cold[system].append(spent[0])
                    if args.warm:
                        hot[system].append(spent[1])

            def cell(seconds: list[float], size: float = size) -> str:
                rates = [size / s for s in seconds]
                return (
                    f"{statistics.median(rates):6.2f} ({min(rates):4.2f}-"
                    f"{max(rates):4.2f})"
                )

            def ratio(times: dict[str, list[float]]) -> float:
                return statistics.median(
                    f / v for v, f in zip(times["vnclean"], times["ftfy"])
                )

            line = (
                f"{name:<11} {len(docs):5d} {size:6.3f} {cell(cold['vnclean']):>17}"
                f" {cell(cold['ftfy']):>17} {ratio(cold):5.2f}x"
            )
            if args.warm:
                vn = size / statistics.median(hot["vnclean"])
                ft = size / statistics.median(hot["ftfy"])
                line += f" {vn:8.2f} {ft:8.2f} {ratio(hot):5.2f}x"
            print(line, flush=True)
    if args.steps:
        from vnclean import pipeline

        print()
        print("MB/s per step, one in-process pass per channel in the order above")
        per_step = {}
        for name, docs in built.items():
            size = _size(docs)
            per_step[name] = {
                step: size / seconds if seconds else float("inf")
                for step, seconds in step_times(docs).items()
            }
        width = max(len(n) for n in pipeline.step_names())
        print(f"{'step':<{width}} " + " ".join(f"{v:>10}" for v in per_step))
        for step in pipeline.step_names():
            cells = " ".join(f"{per_step[v][step]:10.1f}" for v in per_step)
            print(f"{step:<{width}} {cells}")


if __name__ == "__main__":
    main()
