"""
Dump a saved HTML page as the text a scraper would hand to vnclean.

    python scripts/dump_page.py PAGE.html [-o PAGE.txt]
    python scripts/dump_page.py --dir HTML_DIR OUT_DIR   # HTML_DIR/<site>/<name>.html

The recipe is the one the stripper's real-page figures are measured on: the text of
the page's <body> (the whole document when it has none), with script, style,
noscript and template elements removed, joined by BeautifulSoup's
`get_text("\n")`, each line stripped of trailing spaces and every run of blank lines
collapsed to one. Inline tags (links, bold, spans) therefore split a paragraph into
several lines, as they do in real scraped dumps.

Training-only tool: needs beautifulsoup4 and lxml (the `train` extra), never the
vnclean package at run time. In --dir mode the output is OUT_DIR/<site>__<name>.txt.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from bs4 import BeautifulSoup

DROPPED_TAGS = ("script", "style", "noscript", "template")
BLANK_RUN_RE = re.compile(r"\n{3,}")


def read_html(path: Path) -> str:
    """The page as text: UTF-8 when it decodes, else what BeautifulSoup detects."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return BeautifulSoup(raw, "lxml").decode()


def dump_html(html: str) -> str:
    """The body text of `html`, one text node per line, blank runs collapsed."""
    soup = BeautifulSoup(html, "lxml")
    for tag in soup.find_all(DROPPED_TAGS):
        tag.decompose()
    root = soup.body or soup
    text = root.get_text("\n")
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    text = BLANK_RUN_RE.sub("\n\n", "\n".join(lines)).strip("\n")
    return text + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("page", nargs="?", type=Path, help="an HTML file")
    parser.add_argument("-o", "--output", type=Path, help="write here (else stdout)")
    parser.add_argument(
        "--dir",
        nargs=2,
        type=Path,
        metavar=("HTML_DIR", "OUT_DIR"),
        help="dump every HTML_DIR/<site>/<name>.html to OUT_DIR/<site>__<name>.txt",
    )
    args = parser.parse_args(argv)
    if args.dir:
        html_dir, out_dir = args.dir
        for page in sorted(html_dir.glob("*/*.htm*")):
            out = out_dir / f"{page.parent.name}__{page.stem}.txt"
            out.write_text(dump_html(read_html(page)), encoding="utf-8")
            print(out)
        return 0
    if args.page is None:
        parser.error("give a page or --dir")
    text = dump_html(read_html(args.page))
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
