"""
Hostile inputs that expose regexes and loops that are not linear in their input, and
the seconds per MB `vnclean.clean` (and `clean_and_explain`) takes on each at growing
sizes: flat seconds per MB is linear; growing with size is a blow-up.

    PYTHONPATH=src python3 bench/adversarial.py                   # 1, 5, 20 MB
    PYTHONPATH=src python3 bench/adversarial.py --mb 0.1 0.4 --explain
    PYTHONPATH=src python3 bench/adversarial.py --only spaces-inside-line

Each run happens in a child process with a time limit (`--limit`, 60 s); a run over
it is killed, prints `>60s`, and the larger sizes of that input are skipped.
tests/test_adversarial.py runs the same inputs at test sizes under a hard ceiling.
"""

from __future__ import annotations

import argparse
import itertools
import multiprocessing
import sys
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corrupt import mojibake, sprinkled


def _fill(unit: str, size: int) -> str:
    """`unit` repeated to `size` characters."""
    return (unit * (size // len(unit) + 1))[:size]


def _cycle(chars: str, size: int) -> str:
    return "".join(itertools.islice(itertools.cycle(chars), size))


def _vietnamese(size: int) -> str:
    """The repo's clean samples, paragraphs joined by spaces into one line."""
    paths = sorted((ROOT / "samples" / "expected").glob("*.txt"))
    text = " ".join(
        line for p in paths for line in p.read_text("utf-8").splitlines() if line
    )
    return _fill(text + " ", size)


# name -> function of a size in characters; each returns about that many characters.
INPUTS: dict[str, Callable[[int], str]] = {
    "vietnamese-one-line": _vietnamese,
    "vietnamese-many-lines": lambda n: _vietnamese(n).replace(". ", ".\n"),
    "nbsp-zwsp-one-line": lambda n: sprinkled(_vietnamese(n)),
    "nbsp-zwsp-many-lines": lambda n: sprinkled(_vietnamese(n).replace(". ", ".\n")),
    "mojibake-one-line": lambda n: mojibake(_vietnamese(n // 2)),
    "combining-marks": lambda n: "a" + _cycle("\u0301\u0300\u0323\u0309\u0303", n),
    "open-brackets": lambda n: _fill("(", n),
    "mixed-brackets": lambda n: _cycle("([{<«“‘", n),
    "amp-entities": lambda n: _fill("&amp;", n),
    "spaces-inside-line": lambda n: "a" + " " * n + "b",
    "tabs-spaces-line-end": lambda n: "a" + _cycle(" \t", n) + "\nb",
    "nbsp-run": lambda n: "a" + "\u00a0" * n + "b",
    "zwsp-run": lambda n: "a" + "\u200b" * n + "b",
    "mixed-space-run": lambda n: "a" + _cycle(" \u00a0\u200b\u3000\t", n) + "b",
    "one-word": lambda n: _fill("nghiêngườiệtừ", n),
    "dotted-labels": lambda n: _fill("a.", n),  # a domain-shaped line with no end
    "one-char-lines": lambda n: _fill("a\n", n),
    "blank-lines": lambda n: "a" + _fill("\n \n\u00a0\r\n", n) + "b",
    "punctuation-line": lambda n: _fill(".-*", n) + "a",
    "alternating-scripts": lambda n: _cycle("aАαあ한ệ", n),
    "alternating-scripts-words": lambda n: _fill("Hà Nội Москва Αθήνα 東京 서울 ", n),
    "mojibake-run": lambda n: _fill("Ã©", n),
}

MB = 1_000_000


def _measure(name: str, chars: int, call: str, pipe: Connection) -> None:
    import vnclean

    function = {"clean": vnclean.clean, "explain": vnclean.clean_and_explain}[call]
    text = INPUTS[name](chars)
    start = time.perf_counter()
    function(text)
    pipe.send((time.perf_counter() - start, len(text.encode("utf-8")) / MB))


def timed(name: str, chars: int, call: str, limit: float) -> tuple[float, float] | None:
    """
    (seconds, MB) of one call on the input in a child process, or None past `limit`
    seconds. A child, because a signal cannot stop C code such as
    unicodedata.normalize, and a blow-up there would hold the benchmark for hours.
    """
    receive, send = multiprocessing.get_context("fork").Pipe(duplex=False)
    child = multiprocessing.get_context("fork").Process(
        target=_measure, args=(name, chars, call, send)
    )
    child.start()
    ready = receive.poll(limit + 30)  # building the input is not timed
    if ready:
        seconds, size = receive.recv()
        child.join()
        return (seconds, size) if seconds <= limit else None
    child.kill()
    child.join()
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, nargs="+", default=[1, 5, 20])
    parser.add_argument("--limit", type=float, default=60, help="seconds per run (60)")
    parser.add_argument("--explain", action="store_true", help="also clean_and_explain")
    parser.add_argument(
        "--only", nargs="+", choices=sorted(INPUTS), help="these inputs"
    )
    args = parser.parse_args()
    calls = ["clean", "explain"] if args.explain else ["clean"]
    print("seconds per MB of input (UTF-8); '>Ns': over the time limit")
    sizes = "".join(f"{f'{mb:g} MB':>10}" for mb in args.mb)
    print(f"{'input':<26} {'call':<8}{sizes}")
    for name in args.only or INPUTS:
        for call in calls:
            cells = []
            for mb in args.mb:
                if any(cell.strip().startswith(">") for cell in cells):
                    cells.append(f"{'-':>10}")
                    continue
                measured = timed(name, int(mb * MB), call, args.limit)
                if measured is None:
                    cell = f">{args.limit:g}s"
                else:
                    seconds, size = measured
                    cell = f"{seconds / size:.3f}"
                cells.append(f"{cell:>10}")
            print(f"{name:<26} {call:<8}{''.join(cells)}", flush=True)


if __name__ == "__main__":
    main()
