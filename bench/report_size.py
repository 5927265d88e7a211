"""
How big the `--report` page of a large run is, what it costs the run, and how fast a
browser opens it.

    PYTHONPATH=src python bench/report_size.py --docs 10000

Builds a JSON-lines corpus of DOCS article-sized records with bench/make_corpus.py
(the repo's samples, their paragraphs shuffled, 15% UTF-8 read as Windows-1252, 10%
decomposed, 10% sprinkled with no-break and zero-width spaces) and cleans it with
`vnclean clean --check` three times: as it is, explaining every change
(`--format jsonl`, what --diff and -v pay too) and with `--report`. Then headless
Chromium opens the page, which records in ms from navigation when the summary was
first painted (`data-painted`), when its script had built the first page of
documents (`data-rendered`) and DOMContentLoaded (`data-loaded`); a probe then times
a search over every document and a filter by step. Each browser figure is the median
of --runs.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RECORD_BYTES = 9_200  # about, in make_corpus's output
PROBE = """<script>
(function () {
  let t = performance.now();
  document.getElementById("q").value = "hà nội";
  update();
  const search = performance.now() - t;
  document.getElementById("q").value = "";
  t = performance.now();
  const select = document.getElementById("f-step");
  select.value = select.options[1] ? select.options[1].value : "";
  update();
  const filter = performance.now() - t;
  document.documentElement.dataset.search = search.toFixed(0);
  document.documentElement.dataset.filter = filter.toFixed(0);
})();
</script></body>"""


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return name
    sys.exit("no Chromium found (apt-get install -y chromium)")


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False)
    if done.returncode not in (0, 1):  # 1: --check found changes
        sys.exit(done.stderr.decode(errors="replace")[-2000:])
    return time.perf_counter() - start


def browse(page: Path) -> dict[str, float]:
    command = [chromium(), "--headless", "--disable-gpu", "--dump-dom"]
    if os.geteuid() == 0:
        command.append("--no-sandbox")
    start = time.perf_counter()
    done = subprocess.run([*command, page.as_uri()], capture_output=True, check=True)
    wall = time.perf_counter() - start
    html = done.stdout.decode("utf-8", errors="replace")
    head = html[: html.index(">", html.index("<html")) + 1]
    found = dict(re.findall(r'data-(\w+)="([\d.]+)"', head))
    return {"wall": wall * 1000, **{key: float(v) for key, v in found.items()}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=10_000, help="records (10000)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--runs", type=int, default=3, help="browser runs (3)")
    parser.add_argument("--keep", type=Path, help="keep the corpus and page here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        work = args.keep or Path(scratch)
        work.mkdir(parents=True, exist_ok=True)
        corpus = work / "corpus.jsonl"
        whole = work / "whole.jsonl"
        mb = args.docs * RECORD_BYTES * 1.1 / 1_000_000
        python = sys.executable
        subprocess.run(
            [python, str(HERE / "make_corpus.py"), str(whole), "--mb", f"{mb:.1f}"],
            check=True,
            capture_output=True,
        )
        with whole.open("rb") as source, corpus.open("wb") as out:
            for number, line in enumerate(source):
                if number == args.docs:
                    break
                out.write(line)
        whole.unlink()
        size = corpus.stat().st_size
        page = work / "report.html"
        clean = [python, "-m", "vnclean", "clean", "--input-format", "jsonl"]
        clean += ["--check", "-q", "--jobs", str(args.jobs), str(corpus)]
        plain = timed(clean)
        # What the pipeline's accounting of every change costs by itself (as --diff,
        # -v and --format json pay it), apart from what the report adds.
        explained = timed([*clean, "--format", "jsonl"])
        reported = timed([*clean, "--report", str(page)])
        page_bytes = page.stat().st_size
        probe = work / "probe.html"
        probe.write_text(
            page.read_text(encoding="utf-8").replace("</body>", PROBE), encoding="utf-8"
        )
        runs = [browse(probe) for _ in range(args.runs)]
    median = {
        key: statistics.median(run.get(key, 0) for run in runs) for key in runs[0]
    }
    print(f"corpus: {args.docs:,} records, {size / 1e6:.1f} MB")
    print(
        f"clean --check: {plain:.1f} s; explaining every change (--format jsonl):"
        f" {explained:.1f} s; with --report: {reported:.1f} s (--jobs {args.jobs})"
    )
    print(
        f"report: {page_bytes / 1e6:.1f} MB ({100 * page_bytes / size:.0f}% of the corpus)"
    )
    print(
        f"Chromium, median of {args.runs}: summary painted at"
        f" {median.get('painted', 0):.0f} ms, first page of documents built at"
        f" {median.get('rendered', 0):.0f} ms, DOMContentLoaded at"
        f" {median.get('loaded', 0):.0f} ms; a search over every document"
        f" {median.get('search', 0):.0f} ms, a filter by step"
        f" {median.get('filter', 0):.0f} ms; the whole headless run"
        f" {median['wall']:.0f} ms"
    )


if __name__ == "__main__":
    main()
