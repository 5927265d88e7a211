"""
Check that two versions of vnclean give identical output: the guard for speed-ups.

    python3 bench/same_output.py OLD_SRC NEW_SRC            # e.g. a `git archive` of main
    python3 bench/same_output.py --dump out.json            # this PYTHONPATH's vnclean
    python3 bench/same_output.py out.json NEW_SRC            # against a saved dump
    python3 bench/same_output.py SRC SRC --reverse           # order of documents

For every input file (samples, golden cases, and the evaluation data in
/work/shared/data when it exists) and four variants of it (as written, decomposed,
no-break and zero-width spaces sprinkled in, UTF-8 read as Windows-1252), it records
`clean` with each tone style and with each stage turned off, `clean_and_explain`
(changes, removed lines, metadata), and the output and edits of every step run alone
on the input. OLD_SRC and NEW_SRC are `src` folders; each is run in its own process
and the records are compared key by key.

The answers vnclean keeps across documents (per word, per token, per line) must not
change what a document gives: with `--reverse` the second process cleans the
documents in the opposite order, so each meets the caches another history left (and
the first document of one run is cold in the other). Given the same SRC twice it is a
check of that alone.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

from corrupt import mojibake, new_style, sprinkled  # as throughput.py corrupts text

ROOT = Path(__file__).resolve().parent.parent
PATTERNS = [
    (ROOT / "samples", "input/*.txt"),
    (ROOT / "samples", "expected/*.txt"),
    (ROOT / "tests" / "cases", "**/*.in.txt"),
    (Path("/work/shared/data"), "articles/*.txt"),
    (Path("/work/shared/data"), "mojibake/*.txt"),
    (Path("/work/pages"), "*.txt"),  # real pages as scraped, and their clean bodies
]


def _sources() -> list[Path]:
    found: list[Path] = []
    for base, pattern in PATTERNS:
        if base.exists():
            found.extend(sorted(base.glob(pattern)))
    return found


VARIANTS = {
    "as-is": lambda text: text,
    "nfd": lambda text: unicodedata.normalize("NFD", text),
    "sprinkled": sprinkled,
    "mojibake": mojibake,
    "new-style": new_style,
}
# Each stage turned off in turn: the steps of the others then see other input.
STAGE_OPTIONS = ("repair", "normalize", "strip")


def dump(reverse: bool = False) -> dict[str, object]:
    import vnclean
    from vnclean import pipeline
    from vnclean.model import Config

    records: dict[str, object] = {}
    config = Config()
    sources = _sources()
    for path in reversed(sources) if reverse else sources:
        raw = path.read_text(encoding="utf-8", errors="replace")
        for variant, make in VARIANTS.items():
            text = make(raw)
            key = f"{path}|{variant}"
            for style in ("old", "new", "keep"):
                records[f"{key}|clean|{style}"] = vnclean.clean(text, tone_style=style)
            for stage in STAGE_OPTIONS:
                off = vnclean.clean(text, **{stage: False})  # type: ignore[arg-type]
                records[f"{key}|clean|no-{stage}"] = off
            result = vnclean.clean_and_explain(text)
            records[f"{key}|explain"] = [
                [list(map(str, c.__dict__.values())) for c in result.changes],
                [list(map(str, r.__dict__.values())) for r in result.removed],
                sorted(result.metadata.items()),
                result.text,
            ]
            for step in pipeline.STEPS:
                if step.__module__.startswith("vnclean.repair"):
                    continue
                kwargs = {n: getattr(config, n) for n in pipeline._keyword_params(step)}
                out = step(text, **kwargs)
                edits = [
                    list(map(str, e.__dict__.values()))
                    for e in getattr(out, "edits", ())
                ]
                records[f"{key}|step|{step.__name__}"] = [str(out), edits]
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sources", nargs="*", help="OLD_SRC NEW_SRC")
    parser.add_argument("--dump", help="write this PYTHONPATH's records as JSON")
    parser.add_argument(
        "--reverse",
        action="store_true",
        help="the documents in the opposite order (in the NEW_SRC process, or --dump)",
    )
    args = parser.parse_args()
    if args.dump:
        records = dump(reverse=args.reverse)
        Path(args.dump).write_text(json.dumps(records, ensure_ascii=False))
        return
    if len(args.sources) != 2:
        parser.error("give OLD_SRC and NEW_SRC")
    tmp = Path(tempfile.mkdtemp())
    jobs = []
    for name, src in zip(("old", "new"), args.sources):
        if src.endswith(".json"):  # a saved dump
            jobs.append((Path(src), subprocess.Popen(["true"])))
            continue
        env = {**os.environ, "PYTHONPATH": str(Path(src).resolve())}
        out = tmp / f"{name}.json"
        command = [sys.executable, __file__, "--dump", str(out)]
        if args.reverse and name == "new":
            command.append("--reverse")
        jobs.append((out, subprocess.Popen(command, env=env)))
    for _, job in jobs:
        if job.wait():
            sys.exit("a dump failed")
    old, new = (json.loads(out.read_text()) for out, _ in jobs)
    differ = [key for key in old if old[key] != new.get(key)]
    # Records this script has learned to write since OLD was dumped (a saved dump from
    # an earlier version) are not compared; a record OLD has and NEW lacks differs.
    added = [key for key in new if key not in old]
    for key in differ[:20]:
        print("DIFFERS:", key)
    if added:
        print(f"({len(added)} records only in the new dump, not compared)")
    print(f"{len(old)} records compared, {len(differ)} differ")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
