"""
The command on hostile inputs, pipes, signals and terminals: no traceback, no
surprise, nothing lost (issue 18). Each test names the behaviour it holds.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import vnclean
from vnclean import cli

ROOT = Path(__file__).resolve().parent.parent
DIRTY = "Ha\u0300  Nô\u0323i\u00a0là thủ đô.\n\n.\n"
CLEAN = vnclean.clean(DIRTY)
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def invoke(*args: str, input: bytes | str | None = None, command: str = "clean"):
    return CliRunner().invoke(
        cli.main, [command, *args], input=input, catch_exceptions=False
    )


def corpus(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            content = content.encode("utf-8")
        path.write_bytes(content)
    return root


def errors(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("error")]


def temporary_files(root: Path) -> list[str]:
    return [p.name for p in root.rglob("*") if ".vnclean-tmp-" in p.name]


# Crashes ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "options",
    [[], ["--diff"], ["--format", "jsonl"], ["--check", "-v"]],
    ids=["text", "diff", "jsonl", "check"],
)
def test_lone_surrogate_in_a_record_keeps_the_good_records(
    tmp_path: Path, options: list[str]
) -> None:
    lines = [
        json.dumps({"text": DIRTY, "id": 1}),
        '{"text": "a \\ud800 b", "title": "\\udc00", "id": 2}',
        json.dumps({"text": DIRTY, "id": 3}),
    ]
    path = corpus(tmp_path, {"c.jsonl": "\n".join(lines) + "\n"}) / "c.jsonl"
    result = invoke("--input-format", "jsonl", *options, str(path))
    assert result.exit_code in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    assert "3 records" in result.stderr
    if options in ([], ["--format", "jsonl"]):
        records = [json.loads(line) for line in result.stdout.splitlines()]
        assert [r["id"] for r in records] == [1, 2, 3]
        assert records[0]["text"] == CLEAN
        assert records[1]["title"] == "\udc00"  # other fields kept exactly
        assert "\ufffd" in records[1]["text"]


@pytest.mark.parametrize(
    "options",
    [["--diff"], ["--format", "jsonl"], ["--format", "json", "-o", "{out}"]],
    ids=["diff", "jsonl", "json"],
)
def test_file_names_that_are_not_utf8(tmp_path: Path, options: list[str]) -> None:
    source = tmp_path / "in"
    source.mkdir()
    for name in (b"a.txt", b"caf\xe9.txt", b"z.txt"):
        with open(os.fsencode(source) + b"/" + name, "wb") as file:
            file.write(DIRTY.encode())
    args = [a.format(out=tmp_path / "out") for a in options]
    result = subprocess.run(
        [sys.executable, "-m", "vnclean", "clean", *args, str(source)],
        env=ENV,
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    assert b"3 files cleaned" in result.stderr
    if "--diff" in options:
        assert b"caf\\xe9.txt" in result.stdout
    elif "jsonl" in options:
        paths = [json.loads(line)["path"] for line in result.stdout.splitlines()]
        assert os.fsencode(paths[1]).endswith(b"/caf\xe9.txt")
    else:
        written = sorted(os.listdir(os.fsencode(tmp_path / "out")))
        assert written == [b"a.txt.json", b"caf\xe9.txt.json", b"z.txt.json"]


@pytest.mark.parametrize(
    ("option", "content", "message"),
    [
        ("--rules", '{"patterns": "abc"}', "'patterns' must be a list"),
        ("--rules", '{"patterns": [1]}', "pattern 1 must be a table"),
        ("--rules", '{"phrases": [{"kind": "footer"}]}', "phrase 1 needs a 'text'"),
        ("--rules", "[1, 2]", "must be a table"),
        ("--profile", '{"format": "vnclean-profile"}', "no 'documents'"),
        (
            "--profile",
            (
                '{"format": "vnclean-profile", "documents": 3, "min_docs": 2,'
                ' "lines": {"ab": "x"}}'
            ),
            "'lines'",
        ),
        ("--profile", "[]", "not a vnclean profile"),
    ],
)
def test_malformed_rules_and_profile_are_usage_errors(
    tmp_path: Path, option: str, content: str, message: str
) -> None:
    settings = corpus(tmp_path, {"s.json": content, "a.txt": DIRTY})
    result = invoke(option, str(settings / "s.json"), str(settings / "a.txt"))
    assert result.exit_code == 2, result.stderr
    [line] = [line for line in result.stderr.splitlines() if line.startswith("Error")]
    assert option in line and str(settings / "s.json") in line and message in line
