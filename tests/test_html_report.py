"""The HTML report of a run: its structure, its counts, and the page as a browser shows it."""

from __future__ import annotations

import collections
import html.parser
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from vnclean import clean_and_explain
from vnclean.model import Result
from vnclean.review.html_report import HtmlReport

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "input"
HOSTILE = "Tin mới </script><script>alert(1)</script> <!-- \x1b[2J và\u00a0 ngày\n"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


class Page(html.parser.HTMLParser):
    """The parts of a report page the tests read."""

    def __init__(self) -> None:
        super().__init__()
        self.steps: dict[str, int] = {}
        self.kinds: dict[str, int] = {}
        self.cards: dict[str, int] = {}
        self.scripts: list[dict[str, str | None]] = []
        self.articles = 0
        self.data = ""
        self.shown = ""
        self.links: list[str] = []
        self.ids: set[str] = set()
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(str(a["id"]))
        if tag == "tr" and "data-step" in a:
            self.steps[str(a["data-step"])] = int(str(a["data-changes"]))
        if tag == "tr" and "data-kind" in a:
            self.kinds[str(a["data-kind"])] = int(str(a["data-changes"]))
        if tag == "div" and "data-count" in a:
            self._in = "card:" + str(a["data-count"])
        if tag == "b" and self._in and self._in.startswith("card:"):
            self._in = "number:" + self._in[5:]
        if tag == "script":
            self.scripts.append(a)
            self._in = "data" if a.get("id") == "data" else None
        if tag == "article":
            self.articles += 1
        if tag == "span" and a.get("id") == "shown":
            self._in = "shown"
        if tag == "a" and a.get("href", "").startswith("#doc-"):
            self.links.append(str(a["href"]))

    def handle_data(self, data: str) -> None:
        if self._in == "data":
            self.data += data
        elif self._in == "shown":
            self.shown += data
        elif self._in and self._in.startswith("number:"):
            self.cards[self._in[7:]] = int(data.replace(",", ""))
            self._in = None

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "span") and self._in in ("data", "shown"):
            self._in = None


def run_corpus() -> tuple[HtmlReport, list[Result]]:
    report = HtmlReport()
    results = []
    texts = {
        p.name: p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))
    }
    texts["hostile.txt"] = HOSTILE
    texts["clean.txt"] = "Hà Nội mưa to.\n"
    for name, before in texts.items():
        result = clean_and_explain(before)
        results.append(result)
        report.add(name, before, result, result.text != before)
    report.fail("error: cannot clean bad.txt: binary file (NUL byte at offset 0)")
    return report, results


@pytest.fixture(scope="module")
def corpus_page() -> tuple[Page, list[Result], str]:
    report, results = run_corpus()
    text = report.page()
    page = Page()
    page.feed(text)
    return page, results, text


def test_counts_per_step_and_kind_match_the_results(corpus_page) -> None:
    page, results, _ = corpus_page
    changed = [r for r in results if r.changes or r.removed]
    steps = collections.Counter(c.step for r in changed for c in r.changes)
    kinds = collections.Counter(line.kind for r in changed for line in r.removed)
    assert page.steps == dict(steps)
    assert page.kinds == dict(kinds)
    assert page.cards["cleaned"] == len(changed)
    assert page.cards["unchanged"] == len(results) - len(changed)
    assert page.cards["failed"] == 1
    assert page.cards["removed"] == sum(kinds.values())


def test_data_is_one_inert_script_the_text_cannot_end(corpus_page) -> None:
    page, results, text = corpus_page
    assert [s.get("id") for s in page.scripts] == ["data", None]
    assert "<script>alert(1)" not in text
    data = json.loads(page.data)
    documents = data["documents"]
    assert len(documents) == len(results) + 1
    hostile = next(d for d in documents if d["n"] == "hostile.txt")
    assert any(
        "</script>" in json.dumps(row, ensure_ascii=False) for row in hostile["r"]
    )


def test_page_needs_no_network(corpus_page) -> None:
    _, _, text = corpus_page
    for reference in ("http://", "https://", " src=", "<link", "@import", "url("):
        assert reference not in text


def test_examples_link_to_documents_in_the_page(corpus_page) -> None:
    page, _, _ = corpus_page
    data = json.loads(page.data)
    assert page.links
    for link in page.links:
        assert 0 <= int(link.removeprefix("#doc-")) < len(data["documents"])


def test_documents_keep_only_what_changed() -> None:
    # A long paragraph with one mended word keeps a few words around it, not all.
    paragraph = "Hội nghị bàn về kinh tế và xã hội của đất nước. " * 40
    before = paragraph + "Ban Cán sự Đảng\u00a0họp.\n"
    report = HtmlReport()
    report.add("long.txt", before, clean_and_explain(before), True)
    kept = json.dumps(report.documents[0], ensure_ascii=False)
    assert len(kept) < len(before) / 3
    assert "\u00a0" in kept


def browser() -> str | None:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def test_browser_shows_the_counts(tmp_path: Path) -> None:
    found = browser()
    if found is None:
        pytest.skip(
            "no Chromium to render the report: as root on Debian, "
            "`apt-get install -y chromium` (looked for " + ", ".join(BROWSERS) + ")"
        )
    report, _ = run_corpus()
    path = tmp_path / "report.html"
    report.write(str(path))
    command = [found, "--headless", "--disable-gpu", "--dump-dom", path.as_uri()]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.insert(1, "--no-sandbox")  # Chromium refuses root without it
    done = subprocess.run(command, capture_output=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
    page = Page()
    page.feed(done.stdout.decode("utf-8"))
    shown = report.cleaned + report.failed  # the default: cleaned or failed
    assert page.articles == shown
    assert page.shown == f"1–{shown} of {shown} documents"
    # Every changed document is on the first page, with its repairs word by word.
    assert {f"doc-{i}" for i, d in enumerate(report.documents) if d["s"] != "u"} <= (
        page.ids
    )
    rendered = done.stdout.decode("utf-8")
    assert rendered.count("<del>") >= 10 and rendered.count("<ins>") >= 10
    assert '<span class="inv">NBSP</span>' in rendered
    assert "\x1b" not in rendered


# The command ------------------------------------------------------------------------


def invoke(*args: str) -> Any:
    from click.testing import CliRunner

    from vnclean import cli

    return CliRunner().invoke(cli.main, ["clean", *args], catch_exceptions=False)


def test_clean_writes_the_report_beside_its_outputs(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    for path in sorted(SAMPLES.glob("*.txt")):
        shutil.copy(path, source / path.name)
    (source / "clean.txt").write_text("Hà Nội mưa to.\n", encoding="utf-8")
    (source / "bad.txt").write_bytes(b"\x00\x01")
    report = tmp_path / "report.html"
    done = invoke(str(source), "-o", str(tmp_path / "out"), "--report", str(report))
    assert done.exit_code == 123, done.stderr  # bad.txt failed
    page = Page()
    page.feed(report.read_text(encoding="utf-8"))
    cleaned = len(list(SAMPLES.glob("*.txt")))
    assert page.cards == {
        "documents": cleaned + 2,
        "cleaned": cleaned,
        "unchanged": 1,
        "failed": 1,
        "removed": sum(page.kinds.values()),
    }
    summary = re.search(r"Changes: (.*?)\.", done.stderr)
    assert summary
    said = dict(part.rsplit(" ", 1) for part in summary.group(1).split(", "))
    assert {step: int(n) for step, n in said.items()} == page.steps


def test_report_of_json_lines_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    lines = [{"text": "Hà Nội mưa to.\n"}, {"text": "Hà\u00a0Nội mưa to.\n"}]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n{bad\n")
    report = tmp_path / "r.html"
    done = invoke(
        "--input-format", "jsonl", "--check", str(path), "--report", str(report)
    )
    assert done.exit_code == 123, done.stderr
    page = Page()
    page.feed(report.read_text(encoding="utf-8"))
    names = [d["n"] for d in json.loads(page.data)["documents"]]
    assert names[:2] == [f"{path}:1", f"{path}:2"]
    assert page.cards["cleaned"] == 1 and page.cards["failed"] == 1


def test_report_that_cannot_be_written_is_an_error(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("Hà  Nội\n", encoding="utf-8")
    done = invoke("--check", str(source), "--report", str(tmp_path / "no" / "r.html"))
    # Refused before any input is read, as a -o that cannot be written is.
    assert done.exit_code == 2
    assert f"cannot write {tmp_path / 'no' / 'r.html'}" in done.stderr
    assert "would clean" not in done.stderr + done.stdout
    done = invoke("--check", str(source), "--report", str(tmp_path))
    assert done.exit_code == 2
    assert "it is a folder" in done.stderr
