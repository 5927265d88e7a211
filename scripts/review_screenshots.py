"""
Make the screenshots docs/review.md shows: `vnclean clean --diff` on a terminal and
the page `vnclean clean --report` writes, both from the repo's samples.

    PYTHONPATH=src python scripts/review_screenshots.py docs/

The terminal is rendered by rich (what --diff prints on a terminal) to SVG, and both
pages are photographed by headless Chromium. With Pillow importable, the report's
picture is cut into its summary and its documents, and every picture is saved with 64
colours; without it, the tall page stays as Chromium took it.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from rich.console import Console

from vnclean import clean_and_explain
from vnclean.review.html_report import HtmlReport
from vnclean.review.terminal import terminal_lines

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = "samples/input/001_2b3171e4b9b06d55.txt"


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return name
    sys.exit("no Chromium found (apt-get install -y chromium)")


def shoot(page: Path, png: Path, width: int, height: int) -> None:
    command = [chromium(), "--headless", "--disable-gpu", "--hide-scrollbars"]
    if os.geteuid() == 0:
        command.append("--no-sandbox")
    command += [f"--window-size={width},{height}", f"--screenshot={png}", page.as_uri()]
    subprocess.run(command, check=True, capture_output=True)


def terminal(out: Path, work: Path) -> None:
    before = (ROOT / SAMPLE).read_text(encoding="utf-8")
    result = clean_and_explain(before)
    console = Console(record=True, width=118, force_terminal=True, file=io.StringIO())
    lines = list(terminal_lines(SAMPLE, before, result.text, result))
    for line in lines[:34]:
        console.print(line, soft_wrap=False, overflow="ellipsis", no_wrap=True)
    svg = work / "diff.svg"
    svg.write_text(console.export_svg(title="vnclean clean --diff " + SAMPLE))
    page = work / "diff.html"
    page.write_text(
        "<!doctype html><body style='margin:0;background:#fff'>"
        f"<img src='{svg.name}' style='width:1180px'></body>"
    )
    shoot(page, out / "review-diff.png", 1180, 715)
    _small(out / "review-diff.png")


def report(out: Path, work: Path) -> None:
    page = HtmlReport()
    for path in sorted((ROOT / "samples" / "input").glob("*.txt")):
        before = path.read_text(encoding="utf-8")
        result = clean_and_explain(before)
        name = str(path.relative_to(ROOT))
        page.add(name, before, result, result.text != before)
    html = work / "report.html"
    page.write(str(html))
    tall = work / "report.png"
    shoot(html, tall, 1100, 4200)
    try:
        from PIL import Image
    except ImportError:
        shutil.copy(tall, out / "review-report.png")
        return
    with Image.open(tall) as image:
        image.crop((0, 0, 1100, 700)).save(out / "review-report.png")
        top = _find_documents(html)
        image.crop((0, top, 1100, top + 900)).save(out / "review-report-document.png")
    _small(out / "review-report.png")
    _small(out / "review-report-document.png")


def _small(png: Path) -> None:
    """Fewer colours, a smaller file: text on flat colours needs no more than 64."""
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(png) as image:
        small = image.convert("RGB").quantize(colors=64)
    small.save(png, optimize=True)


def _find_documents(html: Path) -> int:
    # Where the documents begin: asked of the browser, which laid the page out.
    probe = html.with_name("probe.html")
    text = html.read_text(encoding="utf-8")
    text = text.replace(
        "</body>",
        "<script>document.title = String($('docs').getBoundingClientRect().top"
        " + scrollY)</script></body>",
    )
    probe.write_text(text, encoding="utf-8")
    command = [chromium(), "--headless", "--disable-gpu", "--window-size=1100,4200"]
    if os.geteuid() == 0:
        command.append("--no-sandbox")
    done = subprocess.run(
        [*command, "--dump-dom", probe.as_uri()], check=True, capture_output=True
    )
    dom = done.stdout.decode("utf-8")
    start = dom.index("<title>") + len("<title>")
    return int(float(dom[start : dom.index("</title>", start)]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder for the PNG files")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        terminal(args.out, Path(work))
        report(args.out, Path(work))


if __name__ == "__main__":
    main()
