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
from test_cli import corpus  # the folder builder the CLI tests share

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
        ("--rules", '{"pattern": []}', "unknown key 'pattern'"),
        (
            "--rules",
            '{"patterns": [{"kind": "footer", "pattern": "x", "wher": "tail"}]}',
            "pattern 1: unknown key 'wher'",
        ),
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
    # A diff of the first file, then clean files that take a while, then the summary
    # on stderr: `2>&1 | head -c 300` has gone by then.
    clean = sorted((ROOT / "samples" / "expected").glob("*.txt"))
    files = {f"b{i}.txt": path.read_bytes() for i, path in enumerate(clean)}
    source = corpus(tmp_path / "in", {"a.txt": DIRTY * 30, **files})
    process = subprocess.Popen(
        [sys.executable, "-m", "vnclean", "clean", "-j", "1", "--diff", str(source)],
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    assert process.stdout is not None
    process.stdout.read(300)
    process.stdout.close()
    assert process.wait(timeout=60) == 141


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize(
    ("options", "name"),
    [([], "a.txt"), (["--diff"], ""), (["--input-format", "jsonl"], "c.jsonl")],
)
def test_stdout_full_or_closed_is_one_error_line(
    tmp_path: Path, options: list[str], name: str
) -> None:
    record = json.dumps({"text": DIRTY}) + "\n"
    source = corpus(tmp_path / "in", {"a.txt": DIRTY, "b.txt": DIRTY})
    corpus(source, {"c.jsonl": record * 3})
    command = [sys.executable, "-m", "vnclean", "clean", "-j", "1", *options]
    inputs = [str(source / name)]
    for redirect, problem in [
        ("> /dev/full", "No space left on device"),
        (">&-", "Bad file descriptor"),
    ]:
        result = _shell(" ".join([*command, *inputs, redirect]), stderr=subprocess.PIPE)
        assert result.returncode == 123
        lines = result.stderr.decode().splitlines()
        assert lines[0] == f"error: cannot write to stdout: {problem}", lines
        assert "Traceback" not in result.stderr.decode()


def _shell(line: str, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    """`line` run by sh, for the redirections (`> /dev/full`, `>&-`) it alone makes."""
    return subprocess.run(
        ["sh", "-c", line], check=False, env=ENV, timeout=60, **kwargs
    )


def test_closed_stderr_is_no_traceback_and_the_status_still_tells(
    tmp_path: Path,
) -> None:
    source = corpus(tmp_path / "in", {"a.txt": DIRTY, "bad.txt": b"\x00"})
    for name, status in [("a.txt", 0), ("bad.txt", 123)]:
        shell = f"{sys.executable} -m vnclean clean {source / name} 2>&-"
        result = _shell(shell, stdout=subprocess.PIPE)
        assert result.returncode == status
    assert result.stdout == b""


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


# Choosing the inputs ------------------------------------------------------------------


def test_a_folder_or_glob_matching_nothing_says_so(tmp_path: Path) -> None:
    empty = corpus(tmp_path / "in", {"notes.md": "x"})
    result = invoke("--check", str(empty))
    assert result.exit_code == 0, result.stderr
    assert f"warning: skipped {empty}: no file in it matches *.txt" in result.stderr
    learned = invoke(str(empty), "-o", str(tmp_path / "p.json"), command="learn")
    assert learned.exit_code == 123, learned.stderr
    assert "no file in it matches *.txt" in learned.stderr
    assert "error: nothing learned: no document was read" in learned.stderr


def test_glob_is_repeatable_and_takes_double_star_paths(tmp_path: Path) -> None:
    files = {"a.txt": DIRTY, "b.md": DIRTY, "news/x/c.txt": DIRTY, "d.text": DIRTY}
    source = corpus(tmp_path / "in", files)
    result = invoke("--check", "-v", "--glob", "*.md", "--glob", "*.text", str(source))
    assert sorted(_would(result)) == ["b.md", "d.text"]
    deep = invoke("--check", "--glob", "news/**/*.txt", str(source))
    assert _would(deep) == ["news/x/c.txt"]
    anywhere = invoke("--check", "--glob", "**/c.txt", str(source))
    assert _would(anywhere) == ["news/x/c.txt"]


def _would(result: Result) -> list[str]:
    prefix = "would clean "
    return [
        line[len(prefix) :].split("/in/", 1)[1]
        for line in result.stderr.splitlines()
        if line.startswith(prefix)
    ]


def test_hidden_folders_are_skipped_unless_named_and_exclude_is_repeatable(
    tmp_path: Path,
) -> None:
    files = {
        "a.txt": DIRTY,
        ".git/b.txt": DIRTY,
        ".venv/lib/c.txt": DIRTY,
        "drafts/d.txt": DIRTY,
        "e-old.txt": DIRTY,
    }
    source = corpus(tmp_path / "in", files)
    result = invoke("--check", "-v", str(source), "--exclude", "drafts")
    assert _would(result) == ["a.txt", "e-old.txt"]
    assert "hidden folder, entered only when named" in result.stderr
    assert "excluded by --exclude drafts" in result.stderr
    both = invoke("--check", str(source), "--exclude", "drafts", "--exclude", "*-old*")
    assert _would(both) == ["a.txt"]
    named = invoke("--check", str(source / ".git"))
    assert _would(named) == [".git/b.txt"]


@pytest.mark.parametrize("listing", ["file", "stdin"])
def test_files_from_a_file_or_stdin(tmp_path: Path, listing: str) -> None:
    source = corpus(tmp_path / "in", {"a.txt": DIRTY, "b.txt": DIRTY, "c.txt": DIRTY})
    names = f"{source / 'a.txt'}\n\n{source / 'c.txt'}\n"
    if listing == "file":
        listed = corpus(tmp_path, {"list": names}) / "list"
        result = invoke("--check", "--files-from", str(listed))
    else:
        result = invoke("--check", "--files-from", "-", input=names)
    assert result.exit_code == 1, result.stderr
    assert _would(result) == ["a.txt", "c.txt"]


def test_field_without_json_lines_is_a_usage_error(tmp_path: Path) -> None:
    path = corpus(tmp_path, {"a.txt": DIRTY}) / "a.txt"
    for command in ("clean", "learn"):
        extra = ["-o", str(tmp_path / "p.json")] if command == "learn" else []
        result = invoke("--field", "body", *extra, str(path), command=command)
        assert result.exit_code == 2, result.stderr
        assert "--field applies only with --input-format jsonl" in result.stderr


def test_a_fifo_and_process_substitution_are_read_like_stdin(tmp_path: Path) -> None:
    source = corpus(tmp_path / "in", {"a.txt": DIRTY})
    fifo = source / "pipe.txt"
    os.mkfifo(fifo)
    walked = invoke("--check", "-v", str(source))
    assert walked.exit_code == 1, walked.stderr
    assert f"skipped {fifo}: a FIFO, read only when named" in walked.stderr
    # bash's <(cat a.txt) names a pipe such as /dev/fd/63.
    script = f'{sys.executable} -m vnclean clean <(cat "{source / "a.txt"}")'
    result = subprocess.run(
        ["bash", "-c", script], env=ENV, capture_output=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == CLEAN.encode()
    writer = subprocess.Popen(
        ["bash", "-c", f'cat "{source / "a.txt"}" > "{fifo}"'], env=ENV
    )
    named = invoke(str(fifo))
    writer.wait(timeout=30)
    assert named.exit_code == 0, named.stderr
    assert named.stdout == CLEAN


# learn ---------------------------------------------------------------------------------


def test_learn_says_how_many_lines_and_fails_when_all_inputs_do(tmp_path: Path) -> None:
    towns = ["Huế", "Vinh", "Hội An", "Đà Lạt", "Sa Pa"]
    pages = {
        f"p{i}.txt": f"Mưa ở {t}.\n\nChuyên trang thời tiết\n"
        for i, t in enumerate(towns)
    }
    source = corpus(tmp_path / "site", pages)
    profile = tmp_path / "p.json"
    learned = invoke(str(source), "-o", str(profile), command="learn")
    assert learned.exit_code == 0, learned.stderr
    assert f"Learned 1 line from 5 documents into {profile}." in learned.stderr
    broken = corpus(tmp_path / "broken", {"a.txt": b"\x00", "b.txt": b"\x00"})
    failed = invoke(str(broken), "-o", str(tmp_path / "q.json"), command="learn")
    assert failed.exit_code == 123, failed.stderr
    assert "Nothing learned from 0 documents; 2 failed." in failed.stderr
    assert not (tmp_path / "q.json").exists()


# Terminal -----------------------------------------------------------------------------


def test_color_and_no_color(tmp_path: Path) -> None:
    path = corpus(tmp_path, {"a.txt": DIRTY}) / "a.txt"
    plain = invoke("--diff", str(path))
    assert "\x1b[" not in plain.stdout
    colored = invoke("--diff", "--color", str(path))
    assert colored.exit_code == 0, colored.stderr
    assert "\x1b[" in colored.stdout
    assert "\x1b[" not in invoke("--diff", "--no-color", str(path)).stdout


def test_the_summary_gives_the_time_and_rate(tmp_path: Path) -> None:
    source = corpus(tmp_path / "in", {"a.txt": DIRTY * 100, "b.txt": DIRTY})
    result = invoke("--check", str(source))
    assert result.exit_code == 1, result.stderr
    size = (len(DIRTY.encode()) * 101) / 1000
    summary = result.stderr.splitlines()[-1]
    assert summary.startswith("2 files would be cleaned, 0 left unchanged.")
    assert f" {size:.1f} kB in " in summary and summary.endswith(" kB/s).")


def test_progress_shows_rate_and_time_left_and_stays_off_a_pager(
    tmp_path: Path,
) -> None:
    source = corpus(tmp_path / "in", {f"f{i:03}.txt": DIRTY * 300 for i in range(60)})
    command = [sys.executable, "-m", "vnclean", "clean", "-j", "1", "--diff"]
    with open(tmp_path / "out.txt", "wb") as file:
        to_file = _stderr_on_a_terminal([*command, str(source)], stdout=file)
    to_pager = _stderr_on_a_terminal([*command, str(source)], stdout=subprocess.PIPE)
    assert "files/s" in to_file and "0:00:" in to_file
    assert "60/60" not in to_pager and "files/s" not in to_pager
    assert "60 files cleaned" in to_pager


def _stderr_on_a_terminal(args: list[str], stdout: object) -> str:
    """What a command shows on a terminal that is its stderr only."""
    import pty

    leader, follower = pty.openpty()
    env = {**ENV, "COLUMNS": "120", "TERM": "xterm"}
    with subprocess.Popen(args, env=env, stdout=stdout, stderr=follower) as process:
        os.close(follower)
        if process.stdout is not None:
            process.stdout.read()  # a pager reading everything
        screen = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed with the process
                break
            if not chunk:
                break
            screen += chunk
    os.close(leader)
    return screen.decode("utf-8", "replace")


def test_shell_completion_is_available() -> None:
    result = CliRunner().invoke(
        cli.main, [], prog_name="vnclean", env={"_VNCLEAN_COMPLETE": "bash_source"}
    )
    assert result.exit_code == 0, result.output
    assert "_vnclean_completion" in result.output
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "_VNCLEAN_COMPLETE=bash_source" in readme


def test_terminal_escapes_are_removed_whole_with_a_reason(tmp_path: Path) -> None:
    text = "\x1b[2J\x1b]0;pwned\x07Hà Nội \x1b[31mmưa\x1b[0m to.\n"
    path = corpus(tmp_path, {"a.txt": text}) / "a.txt"
    cleaned = invoke(str(path))
    assert cleaned.exit_code == 0, cleaned.stderr
    assert cleaned.stdout == "Hà Nội mưa to.\n"
    diff = invoke("--diff", str(path))
    assert "# remove_terminal_escapes: Remove terminal escape sequences" in diff.stdout
    assert "[2J" not in vnclean.clean(text) and "pwned" not in vnclean.clean(text)


def test_the_final_newline_follows_the_input_and_files_end_with_one(
    tmp_path: Path,
) -> None:
    assert vnclean.clean("Hà Nội") == "Hà Nội"
    assert vnclean.clean("Hà Nội\n") == "Hà Nội\n"
    assert vnclean.clean("Hà Nội\r\nHuế\r\n") == "Hà Nội\r\n\r\nHuế\r\n"
    records = "".join(json.dumps({"text": t}) + "\n" for t in ("Hà Nội", "Huế mưa."))
    path = corpus(tmp_path, {"c.jsonl": records, "a.txt": "Hà Nội"})
    check = invoke("--input-format", "jsonl", "--check", str(path / "c.jsonl"))
    assert check.exit_code == 0, check.stderr  # a clean corpus is unchanged
    written = invoke(str(path / "a.txt"), "-o", str(tmp_path / "out"))
    assert written.exit_code == 0, written.stderr
    assert (tmp_path / "out" / "a.txt").read_text(encoding="utf-8") == "Hà Nội\n"
