"""
The command on hostile inputs, pipes, signals and terminals: no traceback, no
surprise, nothing lost (issue 18). Each test names the behaviour it holds.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
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


# Signals ------------------------------------------------------------------------------


def _start(args: list[str], **kwargs: object) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "vnclean", "clean", *args],
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as a shell job has
        **kwargs,  # type: ignore[call-overload]
    )


def _wait_for_outputs(folder: Path, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while process.poll() is None and time.monotonic() < deadline:
        if folder.is_dir() and any(folder.iterdir()):
            return
        time.sleep(0.01)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("number", "to_group", "status"),
    [
        (signal.SIGINT, True, 130),  # Ctrl-C in a terminal reaches the whole group
        (signal.SIGTERM, False, 143),
        (signal.SIGHUP, True, 129),
    ],
    ids=["ctrl-c", "sigterm", "sighup"],
)
def test_a_signal_stops_the_run_cleanly(
    tmp_path: Path, number: int, to_group: bool, status: int
) -> None:
    big = DIRTY * 20_000  # about 0.5 MB a file: writes are in progress when stopped
    source = corpus(tmp_path / "in", {f"f{i:02}.txt": big for i in range(40)})
    out = tmp_path / "out"
    process = _start(["-j", "2", str(source), "-o", str(out)])
    _wait_for_outputs(out, process)
    if to_group:
        os.killpg(process.pid, number)
    else:
        process.send_signal(number)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == status, stderr
    assert b"Traceback" not in stderr
    assert b"stopped by" in stderr
    assert temporary_files(out) == []
    assert len(list(out.iterdir())) < 40  # it did stop early


def test_a_later_run_removes_temporary_files_left_by_a_killed_one(
    tmp_path: Path,
) -> None:
    source = corpus(tmp_path / "in", {"a.txt": DIRTY, "b.txt": DIRTY})
    out = corpus(tmp_path / "out", {"sub/.a.txt.vnclean-tmp-999999999-abc": "half"})
    (out / "sub" / "x.txt").write_text("")
    live = out / f".a.txt.vnclean-tmp-{os.getpid()}-xyz"  # a run writing now
    live.write_text("in progress")
    source_sub = source / "sub"
    source_sub.mkdir()
    (source_sub / "a.txt").write_text(DIRTY)
    result = invoke("-j", "1", str(source), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    stale = out / "sub" / ".a.txt.vnclean-tmp-999999999-abc"
    assert not stale.exists() and live.exists()
    assert f"removed {stale}, left by an interrupted run" in result.stderr


def test_closed_pipe_on_stderr_too_exits_141(tmp_path: Path) -> None:
    source = corpus(tmp_path / "in", {f"f{i}.txt": DIRTY * 200 for i in range(30)})
    process = subprocess.Popen(
        [sys.executable, "-m", "vnclean", "clean", "--diff", str(source)],
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,  # 2>&1 | head -c 300
    )
    assert process.stdout is not None
    process.stdout.read(300)
    process.stdout.close()
    assert process.wait(timeout=60) == 141


# Writing ------------------------------------------------------------------------------


def test_in_place_through_a_symbolic_link_rewrites_the_target(tmp_path: Path) -> None:
    target = corpus(tmp_path / "data", {"a.txt": DIRTY}) / "a.txt"
    folder = tmp_path / "links"
    folder.mkdir()
    (folder / "a.txt").symlink_to(target)
    (folder / "b.txt").symlink_to(corpus(tmp_path / "data", {"b.txt": DIRTY}) / "b.txt")
    named = invoke("--in-place", str(folder / "a.txt"))
    assert named.exit_code == 0, named.stderr
    walked = invoke("--in-place", "--follow-links", "--glob", "b.txt", str(tmp_path))
    assert walked.exit_code == 0, walked.stderr
    for name in ("a.txt", "b.txt"):
        assert (folder / name).is_symlink()
        assert (tmp_path / "data" / name).read_text() == CLEAN


def test_write_errors_name_the_output_and_a_full_disk_stops_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    import vnclean.io.atomic

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(vnclean.io.atomic.os, "fsync", full)
    source = corpus(tmp_path / "in", {f"f{i}.txt": DIRTY for i in range(5)})
    out = tmp_path / "out"
    result = invoke("-j", "1", str(source), "-o", str(out))
    assert result.exit_code == 123, result.stderr
    assert errors(result) == [
        f"error: cannot write {out / 'f0.txt'}: No space left on device; stopping"
    ]
    assert not list(out.iterdir())  # no file, no temporary file


@pytest.mark.parametrize("output", ["/dev/null/out", "{file}/out"])
def test_an_impossible_output_folder_fails_once_before_any_work(
    tmp_path: Path, output: str
) -> None:
    source = corpus(tmp_path / "in", {f"f{i}.txt": DIRTY for i in range(5)})
    result = invoke(str(source), "-o", output.format(file=source / "f0.txt"))
    assert result.exit_code == 2, result.stderr
    [line] = [line for line in result.stderr.splitlines() if line.startswith("Error")]
    assert "-o" in line and "cannot write in" in line and "Not a directory" in line


def test_two_input_folders_into_one_output_each_keep_their_name(
    tmp_path: Path,
) -> None:
    one = corpus(tmp_path / "site-a", {"x/a.txt": DIRTY})
    two = corpus(tmp_path / "site-b", {"x/a.txt": DIRTY, "b.txt": DIRTY})
    out = tmp_path / "out"
    result = invoke(str(one), str(two), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*.txt"))
    assert written == ["site-a/x/a.txt", "site-b/b.txt", "site-b/x/a.txt"]
    twins = corpus(tmp_path / "other" / "site-a", {"c.txt": DIRTY})
    clash = invoke(str(one), str(twins), "-o", str(tmp_path / "out2"))
    assert clash.exit_code == 2, clash.stderr
    assert "two input folders are named site-a" in clash.stderr
    assert not (tmp_path / "out2").exists()


# JSON lines ---------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_utf16_json_lines_are_refused_in_one_line(
    tmp_path: Path, encoding: str
) -> None:
    lines = "".join(json.dumps({"text": DIRTY}) + "\n" for _ in range(3))
    path = corpus(tmp_path, {"c.jsonl": lines.encode(encoding)}) / "c.jsonl"
    result = invoke("--input-format", "jsonl", str(path))
    assert result.exit_code == 123, result.stderr
    [line] = errors(result)
    assert line.startswith(f"error: cannot clean {path}: JSON lines must be UTF-8")
    assert result.stdout == ""


def test_max_size_applies_to_each_json_lines_record(tmp_path: Path) -> None:
    big = json.dumps({"text": "Hà Nội " * 200_000})  # 1.6 MB
    lines = [json.dumps({"text": DIRTY}), big, json.dumps({"text": DIRTY})]
    path = corpus(tmp_path, {"c.jsonl": "\n".join(lines) + "\n"}) / "c.jsonl"
    result = invoke("--input-format", "jsonl", "--max-size", "1", str(path))
    assert result.exit_code == 123, result.stderr
    [line] = errors(result)
    assert line.startswith(f"error: cannot clean {path}:2: too large to clean as one")
    out = result.stdout.splitlines()
    assert out[1] == big  # kept as it was
    assert json.loads(out[0])["text"] == CLEAN == json.loads(out[2])["text"]
    learned = invoke(
        "--input-format",
        "jsonl",
        "-o",
        str(tmp_path / "p.json"),
        str(path),
        command="learn",
    )
    assert f"{path}:2: too large" not in learned.stderr  # learn reads up to 32 MB
