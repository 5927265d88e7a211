"""
How close `--jobs 2` comes to what this machine can do with two processes at all.

    python3 bench/ceiling.py /tmp/vnclean-scale/corpus-100-XXXXXX.jsonl --rounds 3

A speed-up short of 2x with two workers may be vnclean's (work not divided, time
spent passing records) or the machine's (two cores sharing caches, memory bandwidth
and other tenants). To tell them apart, each round times, taking turns:

- whole: the corpus with `--jobs 1`;
- halves: its first and second half as two independent `--jobs 1` processes started
  together, with nothing shared: the best split there can be, the machine's ceiling;
- jobs 2: the corpus with `--jobs 2`.

The speed-ups are ratios of the best (shortest) times, since load only ever adds
time. The outputs are compared by the SHA-256 of their bytes: the two halves, put
together, must give the whole's, and `--jobs 2` the same. The corpus comes from
make_corpus.py (or `bench/scaling.sh`, which keeps its corpora in /tmp/vnclean-scale);
nothing of it or of the outputs is held in memory, so a gigabyte will do.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import os
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="a JSON-lines corpus")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--field", default="text")
    parser.add_argument(
        "--vnclean", help="the command to run (default: this Python on the repo's src)"
    )
    args = parser.parse_args()
    env = dict(os.environ)
    if args.vnclean is None:
        args.vnclean = f"{shlex.quote(sys.executable)} -m vnclean"
        env["PYTHONPATH"] = str(ROOT / "src")
    command = shlex.split(args.vnclean) + [
        "clean", "--input-format", "jsonl", "--field", args.field,
    ]  # fmt: skip

    with tempfile.TemporaryDirectory(prefix="vnclean-ceiling-") as work:
        folder = Path(work)
        halves = _split_in_two(args.corpus, folder)
        runs = {
            "whole": [(args.corpus, "1")],
            "halves": [(half, "1") for half in halves],
            "jobs 2": [(args.corpus, "2")],
        }
        best: dict[str, float] = {}
        outputs: dict[str, str] = {}
        size = args.corpus.stat().st_size / 1e6
        print(f"{args.corpus} ({size:.0f} MB), {os.cpu_count()} CPUs")
        for round_ in range(1, args.rounds + 1):
            for name, parts in runs.items():
                seconds, output = _time(command, parts, folder, env)
                best[name] = min(best.get(name, seconds), seconds)
                outputs.setdefault(name, output)
                if output != outputs["whole"]:
                    sys.exit(f"error: the output of {name!r} differs from the whole's")
                speed = size / seconds
                print(f"round {round_}  {name:<7} {seconds:8.2f} s {speed:6.2f} MB/s")

    ceiling = best["whole"] / best["halves"]
    jobs = best["whole"] / best["jobs 2"]
    print(
        f"\nbest of {args.rounds}: two independent processes {ceiling:.2f}x, "
        f"--jobs 2 {jobs:.2f}x, that is {jobs / ceiling:.0%} of the machine's "
        f"ceiling; outputs identical"
    )


def _split_in_two(corpus: Path, folder: Path) -> list[Path]:
    with corpus.open("rb") as lines:
        middle = sum(1 for _ in lines) // 2
    halves = [folder / "first.jsonl", folder / "second.jsonl"]
    with corpus.open("rb") as lines, halves[0].open("wb") as first:
        first.writelines(itertools.islice(lines, middle))
        with halves[1].open("wb") as second:
            second.writelines(lines)
    return halves


def _time(
    command: list[str], parts: list[tuple[Path, str]], folder: Path, env: dict[str, str]
) -> tuple[float, str]:
    """Run one process per part, all at once; the wall time and their joined output's
    hash (a gigabyte of output need not be held to be compared)."""
    outs = [folder / f"out-{index}.jsonl" for index in range(len(parts))]
    start = time.perf_counter()
    processes = []
    for (path, jobs), out in zip(parts, outs):
        with out.open("wb") as sink:
            call = [*command, "--jobs", jobs, str(path)]
            processes.append(
                subprocess.Popen(call, stdout=sink, stderr=subprocess.PIPE, env=env)
            )
    for process in processes:
        _, summary = process.communicate()  # the CLI's summary line, or its error
        if process.returncode:
            sys.exit(f"error: {shlex.join(process.args)} failed:\n{summary.decode()}")
    seconds = time.perf_counter() - start
    joined = hashlib.sha256()
    for out in outs:
        with out.open("rb") as file:
            while block := file.read(1 << 20):
                joined.update(block)
    return seconds, joined.hexdigest()


if __name__ == "__main__":
    main()
