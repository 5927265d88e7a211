"""
Peak memory of learning a boilerplate profile from many distinct lines, as a real crawl
has (its paragraphs rarely repeat): `ProfileBuilder` keeps MAX_KEPT_COUNTS counts in
memory and moves the rest to temporary files.

    PYTHONPATH=src python3 bench/profile_memory.py --lines 4000000
    PYTHONPATH=src python3 bench/profile_memory.py --lines 4000000 --max-kept 100000000

The lines are made of random syllables, 30 to a document, with one line of furniture
in every document; the script prints the peak RSS of this process (`ru_maxrss`), the
time to add and to build, and checks that the furniture was found.
"""

from __future__ import annotations

import argparse
import random
import resource
import time

from vnclean.profile import MAX_KEPT_COUNTS, ProfileBuilder

WORDS = [
    "mưa",
    "nắng",
    "gió",
    "sương",
    "bão",
    "lũ",
    "rét",
    "nóng",
    "mây",
    "sấm",
    "trời",
    "đất",
    "nhà",
    "cửa",
    "xe",
    "đường",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=4_000_000, help="distinct lines")
    parser.add_argument("--max-kept", type=int, default=MAX_KEPT_COUNTS)
    args = parser.parse_args()
    rng = random.Random(1)
    builder = ProfileBuilder(max_kept=args.max_kept)
    start = time.perf_counter()
    documents = args.lines // 30
    for _ in range(documents):
        lines = [" ".join(rng.choices(WORDS, k=12)) for _ in range(30)]
        builder.add("\n".join([*lines, "Chuyên trang thời tiết của báo"]))
    added = time.perf_counter() - start
    profile = builder.build()
    built = time.perf_counter() - start - added
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    found = profile.seen("Chuyên trang thời tiết của báo")
    print(
        f"{documents * 30:,} distinct lines in {documents:,} documents, "
        f"max_kept {args.max_kept:,}: peak RSS {peak:.0f} MB, add {added:.1f} s, "
        f"build {built:.1f} s, furniture seen in {found:,} documents"
    )
    assert found == documents


if __name__ == "__main__":
    main()
