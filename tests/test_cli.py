"""
The `vnclean` command, end to end: what it writes, where, and with what exit code.

Golden outputs are compared with `vnclean.clean(input)` rather than the expected files,
so these tests check the command's plumbing while the stages are still being built.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

import vnclean
import vnclean.io.decoding
import vnclean.io.plan
import vnclean.io.runner
import vnclean.profile
from vnclean import cli
from vnclean.io.runner import as_text_file

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "input"
NAMES = sorted(p.name for p in SAMPLES.glob("*.txt"))
DIRTY = "Ha\u0300  Nô\u0323i\u00a0là thủ đô.\n\n.\n"
CLEAN = vnclean.clean(DIRTY)


def invoke(*args: str, input: bytes | str | None = None) -> Result:
    return CliRunner().invoke(
        cli.main, ["clean", *args], input=input, catch_exceptions=False
    )


def sample(name: str) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


def corpus(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            content = content.encode("utf-8")
        path.write_bytes(content)
    return root


def sample_tree(root: Path) -> Path:
    """The five samples spread over nested folders."""
    names = iter(NAMES)
    layout = ["a.txt", "x/b.txt", "x/y/c.txt", "x/y/d.txt", "z/e.txt"]
    return corpus(root, {where: sample(next(names)) for where in layout})


def files_under(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


# Golden: every way in gives the library's text ----------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_file_to_stdout(name: str) -> None:
    result = invoke(str(SAMPLES / name))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == as_text_file(vnclean.clean(sample(name)))


@pytest.mark.parametrize("name", NAMES)
def test_stdin_to_stdout(name: str) -> None:
    result = invoke("-", input=sample(name).encode("utf-8"))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == as_text_file(vnclean.clean(sample(name)))


def test_stdin_without_path_when_piped() -> None:
    result = invoke(input=DIRTY.encode("utf-8"))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == CLEAN


def test_folder_mirrors_nested_tree(tmp_path: Path) -> None:
    source = sample_tree(tmp_path / "in")
    result = invoke(str(source), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    inputs, outputs = files_under(source), files_under(tmp_path / "out")
    assert sorted(outputs) == sorted(inputs)
    for name, data in inputs.items():
        cleaned = as_text_file(vnclean.clean(data.decode("utf-8")))
        assert outputs[name].decode("utf-8") == cleaned
    assert result.stdout == ""
    assert result.stderr.startswith("5 files cleaned, 0 left unchanged.")


def test_jsonl_corpus_keeps_other_fields_and_order(tmp_path: Path) -> None:
    records = [
        {"id": i, "text": sample(name), "url": f"u{i}"} for i, name in enumerate(NAMES)
    ]
    path = tmp_path / "c.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    result = invoke("--input-format", "jsonl", str(path))
    assert result.exit_code == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert out == [{**r, "text": vnclean.clean(r["text"])} for r in records]
    assert [list(r) for r in out] == [["id", "text", "url"]] * len(records)


def test_jsonl_with_another_field_and_annotations(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"body": DIRTY, "n": 1}) + "\n")
    result = invoke(
        "--input-format", "jsonl", "--field", "body", "--format", "jsonl", str(path)
    )
    assert result.exit_code == 0, result.stderr
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["body"] == CLEAN and record["n"] == 1
    assert {"metadata", "changes", "removed"} <= set(record["vnclean"])


def test_bad_jsonl_records_fail_alone_and_are_kept(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": DIRTY}),
        "{not json",
        json.dumps({"other": "x"}),
        json.dumps({"text": 5}),
        "[1, 2]",
        "",
        json.dumps({"text": "Hà Nội\n"}),
    ]
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(lines) + "\n")
    result = invoke("--input-format", "jsonl", "-j", "1", str(path))
    assert result.exit_code == 123, result.stderr
    out = result.stdout.split("\n")
    assert json.loads(out[0]) == {"text": CLEAN}
    assert out[1:6] == lines[1:6]  # bad records and blank lines come back as they were
    assert json.loads(out[6]) == {"text": "Hà Nội\n"}
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [
        (
            f"error: cannot clean {path}:2: invalid JSON (Expecting property name"
            " enclosed in"
            " double quotes: line 1 column 2 (char 1))"
        ),
        f"error: cannot clean {path}:3: no field 'text'",
        f"error: cannot clean {path}:4: field 'text' is int, not a string",
        f"error: cannot clean {path}:5: not a JSON object",
    ]
    assert "1 record cleaned, 1 left unchanged, 4 failed." in result.stderr


def test_json_format_carries_path_and_explanation(tmp_path: Path) -> None:
    path = corpus(tmp_path, {"a.txt": DIRTY}) / "a.txt"
    result = invoke("--format", "json", str(path))
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["path"] == str(path)
    assert document["text"] == CLEAN
    assert {c["step"] for c in document["changes"]} >= {"compose_nfc"}


def test_jsonl_format_streams_a_folder_to_stdout(tmp_path: Path) -> None:
    source = sample_tree(tmp_path / "in")
    result = invoke("--format", "jsonl", str(source))
    assert result.exit_code == 0, result.stderr
    documents = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["path"] for d in documents] == [
        str(source / p)
        for p in ["a.txt", "x/b.txt", "x/y/c.txt", "x/y/d.txt", "z/e.txt"]
    ]


# --jobs -------------------------------------------------------------------------------


def test_jobs_give_the_same_output_in_the_same_order_for_folders(
    tmp_path: Path,
) -> None:
    source = corpus(
        tmp_path / "in", {f"d{i // 10}/f{i:02}.txt": f"{DIRTY}{i}\n" for i in range(40)}
    )
    one = invoke("--format", "jsonl", "-j", "1", str(source))
    two = invoke("--format", "jsonl", "-j", "2", str(source))
    assert one.exit_code == 0, one.stderr
    assert two.exit_code == 0, two.stderr
    assert two.stdout == one.stdout
    assert len(one.stdout.splitlines()) == 40
    three = invoke("-j", "2", str(source), "-o", str(tmp_path / "out"))
    assert three.exit_code == 0, three.stderr
    assert files_under(tmp_path / "out")["d3/f39.txt"].decode() == vnclean.clean(
        f"{DIRTY}39\n"
    )


def test_jobs_give_the_same_output_in_the_same_order_for_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    records = [
        {"i": i, "text": f"{DIRTY}{i}"} for i in range(cli.RECORDS_PER_BATCH * 3 + 7)
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    one = invoke("--input-format", "jsonl", "-j", "1", str(path))
    two = invoke("--input-format", "jsonl", "-j", "2", str(path))
    assert one.exit_code == 0, one.stderr
    assert two.exit_code == 0, two.stderr
    assert two.stdout == one.stdout
    assert [json.loads(line)["i"] for line in two.stdout.splitlines()] == list(
        range(len(records))
    )


# --check, --diff ----------------------------------------------------------------------


def test_check_exits_1_on_changes_and_writes_nothing(tmp_path: Path) -> None:
    source = corpus(tmp_path / "in", {"a.txt": DIRTY, "b.txt": CLEAN})
    before = files_under(source)
    result = invoke("--check", str(source))
    assert result.exit_code == 1, result.stderr
    assert files_under(source) == before
    assert result.stdout == ""
    assert f"would clean {source / 'a.txt'}" in result.stderr
    assert "1 file would be cleaned, 1 left unchanged." in result.stderr


def test_check_exits_0_when_clean(tmp_path: Path) -> None:
    source = corpus(tmp_path / "in", {"b.txt": CLEAN})
    result = invoke("--check", str(source))
    assert result.exit_code == 0, result.stderr


def test_diff_writes_nothing_and_explains(tmp_path: Path) -> None:
    source = corpus(tmp_path / "in", {"a.txt": DIRTY, "b.txt": CLEAN})
    before = files_under(source)
    result = invoke("--diff", str(source))
    assert result.exit_code == 0, result.stderr
    assert files_under(source) == before
    out = result.stdout
    assert out.startswith(f"--- {source / 'a.txt'}\n+++ {source / 'a.txt'}\n@@ ")
    assert "# compose_nfc: Compose letters and combining marks" in out
    assert re.search(r"^# removed line 3 \(punctuation\): .+: '\.'$", out, re.MULTILINE)
    assert "b.txt" not in out
    assert "\x1b[" not in out  # no colour when piped


def test_failure_beats_check(tmp_path: Path) -> None:
    source = corpus(tmp_path / "in", {"a.txt": DIRTY, "bad.txt": b"\x00"})
    result = invoke("--check", str(source))
    assert result.exit_code == 123, result.stderr


# --in-place, --backup -----------------------------------------------------------------


def test_in_place_rewrites_changed_files_only(tmp_path: Path) -> None:
    source = corpus(tmp_path / "in", {"a.txt": DIRTY, "sub/b.txt": CLEAN})
    mtime = (source / "sub/b.txt").stat().st_mtime_ns
    result = invoke("--in-place", str(source))
    assert result.exit_code == 0, result.stderr
    assert files_under(source) == {"a.txt": CLEAN.encode(), "sub/b.txt": CLEAN.encode()}
    assert (source / "sub/b.txt").stat().st_mtime_ns == mtime
    assert "1 file cleaned, 1 left unchanged." in result.stderr


def test_in_place_with_backup(tmp_path: Path) -> None:
    source = corpus(tmp_path / "in", {"a.txt": DIRTY})
    result = invoke("--in-place", "--backup", ".orig", str(source))
    assert result.exit_code == 0, result.stderr
    assert files_under(source) == {
        "a.txt": CLEAN.encode(),
        "a.txt.orig": DIRTY.encode(),
    }


def test_in_place_write_error_names_the_file_as_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus(tmp_path / "in", {"a.txt": DIRTY})
    monkeypatch.chdir(tmp_path)
    replace = os.replace

    def refused(source: str, target: str) -> None:
        if "vnclean-tmp" in str(source):
            raise PermissionError(13, "Permission denied")
        replace(source, target)

    monkeypatch.setattr(os, "replace", refused)
    result = invoke("--in-place", "in")
    assert result.exit_code == 123
    assert "error: cannot write in/a.txt: Permission denied" in result.stderr
    assert (tmp_path / "in/a.txt").read_text("utf-8") == DIRTY


def test_in_place_in_the_current_folder_sweeps_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus(tmp_path, {"a.txt": DIRTY, ".a.txt.vnclean-tmp-999999999-abcd": "x"})
    monkeypatch.chdir(tmp_path)
    result = invoke("--in-place", "a.txt")
    assert result.exit_code == 0, result.stderr
    assert files_under(tmp_path) == {"a.txt": CLEAN.encode()}


def test_crlf_is_kept(tmp_path: Path) -> None:
    dirty = DIRTY.replace("\n", "\r\n")
    source = corpus(tmp_path / "in", {"a.txt": dirty, "b.txt": dirty})
    result = invoke("--in-place", str(source / "a.txt"))
    assert result.exit_code == 0, result.stderr
    # The command writes exactly the library's text, newlines untranslated.
    assert (source / "a.txt").read_bytes() == vnclean.clean(dirty).encode()
    # Without repair (ftfy's fix_line_breaks), the library keeps CRLF; so does the CLI.
    result = invoke("--no-repair", str(source / "b.txt"))
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes == vnclean.clean(dirty, repair=False).encode()
    assert result.stdout_bytes.endswith(b".\r\n")


@pytest.mark.slow
def test_in_place_survives_sigkill(tmp_path: Path) -> None:
    originals = {f"f{i:03}.txt": f"{i}\n{sample(NAMES[i % 5])}" for i in range(100)}
    cleaned = {
        name: as_text_file(vnclean.clean(text)).encode()
        for name, text in originals.items()
    }
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    interrupted = 0  # runs killed with some files cleaned and some not yet
    # Kill at start-up, then once 1, 10, 40 and 80 files have been replaced.
    for attempt, moment in enumerate([0.05, 1, 10, 40, 80]):
        source = corpus(tmp_path / f"run{attempt}", originals)
        inodes = {name: (source / name).stat().st_ino for name in originals}
        jobs = "1" if attempt % 2 else "2"
        command = [
            sys.executable,
            "-m",
            "vnclean",
            "clean",
            "-q",
            "-j",
            jobs,
            "--in-place",
        ]
        process = subprocess.Popen([*command, str(source)], env=env)
        if isinstance(moment, float):
            time.sleep(moment)
        else:
            while process.poll() is None and _replaced(source, inodes) < moment:
                time.sleep(0.002)
        process.send_signal(signal.SIGKILL)
        process.wait()
        _assert_workers_leave(source)
        done = 0
        for name, original in originals.items():
            data = (source / name).read_bytes()
            assert data in (original.encode(), cleaned[name]), f"{name}, kill {attempt}"
            done += data == cleaned[name]
        interrupted += 0 < done < len(originals)
        # A later run, taking every file, finds no temporary file and finishes the job.
        finished = subprocess.run(
            [*command, "--glob", "*", str(source)], env=env, check=False
        )
        assert finished.returncode == 0
        after = {
            p.name: p.read_bytes() for p in source.iterdir() if p.name in originals
        }
        assert after == cleaned
        leftovers = [p.name for p in source.iterdir() if p.name not in originals]
        assert all(
            name.startswith(".") and ".vnclean-tmp-" in name for name in leftovers
        )
    assert interrupted, "no run was killed in the middle"


def _assert_workers_leave(folder: Path) -> None:
    """No worker of a killed run on `folder` is left waiting for work."""
    proc = Path("/proc")
    if not proc.is_dir():
        return  # no process table to read here
    deadline = time.monotonic() + 10
    while True:
        left = []
        for entry in proc.iterdir():
            try:
                command = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue  # not a process, or one that just ended
            if str(folder).encode() in command:
                left.append(entry.name)
        if not left or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert not left, f"orphaned workers {left} still run on {folder}"


def _replaced(folder: Path, inodes: dict[str, int]) -> int:
    """How many files `os.replace` has put in place of the originals."""
    return sum((folder / name).stat().st_ino != inode for name, inode in inodes.items())


# Failures: one line each, the rest still done -----------------------------------------


def test_binary_and_undecodable_files_fail_alone(tmp_path: Path) -> None:
    source = corpus(
        tmp_path / "in",
        {
            "a.txt": DIRTY,
            "binary.txt": b"%PDF\x00\x01",
            "latin.txt": VIETNAMESE_UTF8_WITH_BAD_BYTE,
            "z.txt": DIRTY,
        },
    )
    result = invoke(str(source), "-o", str(tmp_path / "out"))
    assert result.exit_code == 123, result.stderr
    assert sorted(files_under(tmp_path / "out")) == ["a.txt", "z.txt"]
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [
        (
            f"error: cannot clean {source / 'binary.txt'}:"
            " binary file (NUL byte at offset 4)"
        ),
        (
            f"error: cannot clean {source / 'latin.txt'}:"
            " not UTF-8 (byte 0xff at offset 4) and"
            " not recognisably Vietnamese in Windows-1258 or Windows-1252"
        ),
    ]
    assert "2 files cleaned, 0 left unchanged, 2 failed." in result.stderr


VIETNAMESE_UTF8_WITH_BAD_BYTE = "Hà ".encode() + b"\xff" + "Nội là thủ đô\n".encode()


def test_missing_path_fails_alone(tmp_path: Path) -> None:
    good = corpus(tmp_path, {"a.txt": DIRTY}) / "a.txt"
    result = invoke(
        str(tmp_path / "missing.txt"), str(good), "-o", str(tmp_path / "out")
    )
    assert result.exit_code == 123, result.stderr
    assert (
        f"error: cannot clean {tmp_path / 'missing.txt'}: no such file or folder"
        in result.stderr
    )
    assert (tmp_path / "out" / "a.txt").read_text() == CLEAN


def test_missing_single_path_to_stdout(tmp_path: Path) -> None:
    result = invoke(str(tmp_path / "missing.txt"))
    assert result.exit_code == 123, result.stderr
    assert result.stdout == ""


def test_unreadable_file_fails_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = corpus(tmp_path / "in", {"a.txt": DIRTY, "secret.txt": DIRTY})
    if os.geteuid() == 0:  # root reads anything: simulate the permission error
        real_open = open

        def guarded_open(path, *args, **kwargs):  # type: ignore[no-untyped-def]
            if str(path).endswith("secret.txt"):
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(path, *args, **kwargs)

        monkeypatch.setattr(vnclean.io.decoding, "open", guarded_open, raising=False)
    else:
        (source / "secret.txt").chmod(0)
    result = invoke("-j", "1", str(source), "-o", str(tmp_path / "out"))
    assert result.exit_code == 123, result.stderr
    assert (
        f"error: cannot clean {source / 'secret.txt'}: cannot read (Permission denied)"
        in result.stderr
    )
    assert sorted(files_under(tmp_path / "out")) == ["a.txt"]


def test_internal_error_is_123_with_traceback_under_verbose(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(vnclean.io.runner, "run", broken)
    path = corpus(tmp_path, {"a.txt": DIRTY}) / "a.txt"
    result = invoke("-v", str(path))
    assert result.exit_code == 123, result.stderr
    assert (
        f"error: cannot clean {path}: internal error: ZeroDivisionError: boom"
        in result.stderr
    )
    assert "Traceback (most recent call last)" in result.stderr


# Hostile trees ------------------------------------------------------------------------


def test_a_1_gb_text_file_fails_alone_without_being_read(tmp_path: Path) -> None:
    source = corpus(tmp_path / "in", {"a.txt": DIRTY, "huge.txt": DIRTY})
    os.truncate(source / "huge.txt", 1_000_000_000)  # sparse: no gigabyte on disk
    result = invoke(str(source), "-o", str(tmp_path / "out"))
    assert result.exit_code == 123, result.stderr
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert errors == [
        (
            f"error: cannot clean {source / 'huge.txt'}: too large to clean as one"
            " document (1,000 MB; the limit is 32 MB, see --max-size): split it, or give"
            " it as JSON lines"
        )
    ]
    assert files_under(tmp_path / "out") == {"a.txt": CLEAN.encode()}


def test_max_size_applies_to_files_and_stdin(tmp_path: Path) -> None:
    text = "Hà Nội là thủ đô của nước Việt Nam.\n" * 30_000  # 1.2 MB
    source = corpus(tmp_path / "in", {"a.txt": text})
    assert invoke(str(source / "a.txt"), "--max-size", "2").stdout == vnclean.clean(
        text
    )
    for args, data in [([str(source / "a.txt")], None), (["-"], text)]:
        result = invoke(*args, "--max-size", "1", input=data)
        assert result.exit_code == 123, result.stderr
        assert "the limit is 1,000,000 bytes" in result.stderr
        assert result.stdout == ""


def test_a_generous_max_size_reads_only_what_is_there(tmp_path: Path) -> None:
    # A limit of a petabyte must not reserve a petabyte before reading.
    text = "Hà Nội là thủ đô của nước Việt Nam.\n"
    source = corpus(tmp_path / "in", {"a.txt": text})
    result = invoke(str(source / "a.txt"), "--max-size", str(10**9))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == vnclean.clean(text)


def test_empty_file_is_fine(tmp_path: Path) -> None:
    source = corpus(tmp_path / "in", {"empty.txt": b""})
    result = invoke(str(source), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "out" / "empty.txt").read_bytes() == vnclean.clean("").encode()


def test_vietnamese_names_with_spaces(tmp_path: Path) -> None:
    source = corpus(
        tmp_path / "thư mục gốc",
        {"bài báo số 1.txt": DIRTY, "Hà Nội/tin tức.txt": DIRTY},
    )
    result = invoke(str(source), "-o", str(tmp_path / "kết quả"))
    assert result.exit_code == 0, result.stderr
    assert files_under(tmp_path / "kết quả") == {
        "bài báo số 1.txt": CLEAN.encode(),
        "Hà Nội/tin tức.txt": CLEAN.encode(),
    }


def test_output_folder_inside_input_is_not_read(tmp_path: Path) -> None:
    source = corpus(tmp_path / "in", {"a.txt": DIRTY, "out/old.txt": DIRTY})
    for _ in range(2):  # the second run finds the first run's output in the tree
        result = invoke(str(source), "-o", str(source / "out"))
        assert result.exit_code == 0, result.stderr
        assert "1 file cleaned" in result.stderr
    assert files_under(source / "out") == {
        "a.txt": CLEAN.encode(),
        "old.txt": DIRTY.encode(),
    }


def test_symlink_loop_and_link_outside_are_skipped(tmp_path: Path) -> None:
    source = corpus(tmp_path / "in", {"a.txt": DIRTY})
    corpus(tmp_path, {"outside.txt": DIRTY})
    (source / "loop").symlink_to(source)
    (source / "out.txt").symlink_to(tmp_path / "outside.txt")
    result = invoke("--follow-links", str(source), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    assert files_under(tmp_path / "out") == {"a.txt": CLEAN.encode()}
    assert f"warning: skipped {source / 'loop'}: symlink loop" in result.stderr
    assert (
        f"warning: skipped {source / 'out.txt'}:"
        " symbolic link to outside the input tree" in result.stderr
    )
    quiet = invoke(str(source), "-o", str(tmp_path / "out2"))
    assert quiet.exit_code == 0, quiet.stderr
    assert "warning" not in quiet.stderr


def test_explicit_symlink_loop_fails(tmp_path: Path) -> None:
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    result = invoke(str(tmp_path / "loop.txt"))
    assert result.exit_code == 123, result.stderr
    assert "symlink loop" in result.stderr


def test_output_never_overwrites_its_input(tmp_path: Path) -> None:
    path = corpus(tmp_path, {"a.txt": DIRTY}) / "a.txt"
    result = invoke(str(path), "-o", str(tmp_path))
    assert result.exit_code == 123, result.stderr
    assert "the output would overwrite its input" in result.stderr
    assert path.read_text() == DIRTY


# Usage errors (exit 2) ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["{src}"], "is a folder: give -o DIR, --in-place, --check or --diff"),
        (["{src}/a.txt", "{src}/b.txt"], "Several inputs"),
        (["--in-place", "-"], "--in-place cannot rewrite stdin"),
        (["-", "{src}/a.txt"], "- (stdin) cannot be mixed"),
        (["--in-place", "-o", "{tmp}/o", "{src}"], "contradict"),
        (["--check", "-o", "{tmp}/o", "{src}"], "write nothing"),
        (["--backup", ".b", "{src}/a.txt"], "--backup only applies with --in-place"),
        (["--diff", "--format", "json", "{src}/a.txt"], "drop --format json"),
        (["--skip", "no_such_step", "{src}/a.txt"], "no_such_step"),
        (["--tone-style", "newest", "{src}/a.txt"], "newest"),
        (["-q", "-v", "{src}/a.txt"], "contradict"),
        (["{src}", "-o", "{src}"], "is the input folder"),
        (["-j", "0", "{src}/a.txt"], "0 is not a positive number"),
        (
            ["--input-format", "jsonl", "--format", "json", "{src}/a.txt"],
            "--format jsonl",
        ),
    ],
)
def test_usage_errors(tmp_path: Path, args: list[str], message: str) -> None:
    source = corpus(tmp_path / "src", {"a.txt": DIRTY, "b.txt": DIRTY})
    result = invoke(*[a.format(src=source, tmp=tmp_path) for a in args])
    assert result.exit_code == 2, result.stderr
    assert message in result.stderr
    assert result.stdout == ""


def test_a_file_named_twice_is_one_input_to_stdout(tmp_path: Path) -> None:
    source = corpus(tmp_path, {"a.txt": DIRTY})
    once = invoke(str(source / "a.txt"))
    twice = invoke(str(source / "a.txt"), str(source / "." / "a.txt"))
    assert twice.exit_code == 0, twice.stderr
    assert twice.stdout == once.stdout != ""


def test_terminal_stdin_without_path_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(vnclean.io.plan, "stdin_is_terminal", lambda: True)
    result = invoke()
    assert result.exit_code == 2, result.stderr
    assert "No PATH given and stdin is a terminal" in result.stderr


# Options reach the library ------------------------------------------------------------


def test_stage_switches_and_skip(tmp_path: Path) -> None:
    path = corpus(tmp_path, {"a.txt": DIRTY}) / "a.txt"
    result = invoke("--no-strip", "--skip", "compose_nfc", str(path))
    assert result.exit_code == 0, result.stderr
    config = vnclean.Config(strip=False, skip=frozenset({"compose_nfc"}))
    assert result.stdout == vnclean.run(DIRTY, config, explain=False).text
    assert (
        invoke("--no-repair", "--no-normalize", "--no-strip", str(path)).stdout == DIRTY
    )


def test_rules_and_profile_are_loaded_through_boilerplate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded = []

    class Loader:
        @classmethod
        def load(cls, path: str) -> str:
            loaded.append((cls.__name__, path))
            return f"{cls.__name__} from {path}"

    class Rules(Loader): ...

    class Profile(Loader): ...

    monkeypatch.setattr(vnclean.strip, "Rules", Rules)
    monkeypatch.setattr(vnclean.profile, "Profile", Profile)
    seen = []
    monkeypatch.setattr(
        vnclean.io.runner,
        "run",
        lambda text, config, explain: seen.append(config) or vnclean.Result(text),
    )
    path = corpus(tmp_path, {"a.txt": DIRTY}) / "a.txt"
    result = invoke("--rules", "r.txt", "--profile", "p.json", str(path))
    assert result.exit_code == 0, result.stderr
    assert loaded == [("Rules", "r.txt"), ("Profile", "p.json")]
    assert (seen[0].rules, seen[0].profile) == (
        "Rules from r.txt",
        "Profile from p.json",
    )


def test_learn_feeds_every_document_to_the_profile_builder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = {}

    class ProfileBuilder:
        def __init__(self) -> None:
            self.texts: list[str] = []

        def add(self, text: str) -> None:
            self.texts.append(text)

        def build(self, min_docs: int = 2) -> ProfileBuilder:
            built["min_docs"] = min_docs
            self.min_docs, self.counts = min_docs, {"0123": 3}
            return self

        def save(self, path: str) -> None:
            Path(path).write_text(json.dumps(self.texts))

    monkeypatch.setattr(vnclean.profile, "ProfileBuilder", ProfileBuilder)
    source = sample_tree(tmp_path / "in")
    corpus(source, {"bad.txt": b"\x00"})
    profile = tmp_path / "p.json"
    result = CliRunner().invoke(
        cli.main, ["learn", str(source), "-o", str(profile), "--min-docs", "3"]
    )
    assert result.exit_code == 123, result.stderr
    assert built == {"min_docs": 3}
    assert len(json.loads(profile.read_text())) == 5
    assert "binary file" in result.stderr


def test_learn_streams_json_lines_and_reports_each_bad_record(tmp_path: Path) -> None:
    towns = ["Huế", "Vinh", "Hội An", "Đà Lạt", "Sa Pa", "Cần Thơ", "Nha Trang"]
    lines = [
        json.dumps({"id": i, "body": f"Mưa lớn ở {town}.\nChuyên trang thời tiết\n"})
        for i, town in enumerate(towns)
    ]
    lines[3:3] = ["", '{"id": 99}']  # a blank line is skipped; line 5 lacks the field
    path = tmp_path / "site.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    profile = tmp_path / "site.json"
    options = ["--input-format", "jsonl", "--field", "body", "-o", str(profile)]
    learned = CliRunner().invoke(cli.main, ["learn", *options, str(path)])
    assert learned.exit_code == 123, learned.stderr
    assert f"error: cannot learn from {path}:5: no field 'body'" in learned.stderr
    assert learned.stderr.count("error:") == 1  # not the blank line
    assert "from 7 documents into" in learned.stderr
    page = "Mưa lớn ở Huế.\nChuyên trang thời tiết\n"
    result = invoke("--profile", str(profile), "-", input=page)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "Mưa lớn ở Huế.\n"


@pytest.mark.parametrize("input_format", ["text", "jsonl"])
def test_learn_reads_stdin(input_format: str, tmp_path: Path) -> None:
    pages = [
        f"Mưa lớn ở {town}.\nChuyên trang thời tiết"
        for town in ("Huế", "Vinh", "Sa Pa")
    ]
    if input_format == "jsonl":
        piped = "".join(json.dumps({"text": page}) + "\n" for page in pages)
    else:
        piped = pages[0]  # one document: no line can recur in it
    profile = tmp_path / "p.json"
    options = ["--input-format", input_format, "-o", str(profile), "--min-docs", "3"]
    learned = CliRunner().invoke(cli.main, ["learn", *options, "-"], input=piped)
    if input_format == "text":
        assert learned.exit_code == 123, learned.stderr
        assert "error: nothing learned: no line is in at least" in learned.stderr
        assert not profile.exists()
        return
    assert learned.exit_code == 0, learned.stderr
    assert "Learned 1 line from 3 documents into" in learned.stderr
    assert json.loads(profile.read_text())["documents"] == 3


def test_learn_gives_the_same_profile_with_any_number_of_jobs(tmp_path: Path) -> None:
    path = tmp_path / "site.jsonl"
    words = ["mưa", "nắng", "gió", "sương", "bão", "lũ", "rét", "nóng", "mây", "sấm"]
    leads = [f"Trời {a} rồi {b}, mai {c}." for a in words for b in words for c in words]
    records = [
        {"text": f"{lead}\nChuyên trang thời tiết" + "\nXem thêm" * (i % 3 == 0)}
        for i, lead in enumerate(leads[: cli.RECORDS_PER_BATCH * 2 + 5])
    ]  # more than one batch a worker; the second line of furniture on every third
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    profiles = []
    for jobs in ("1", "2"):
        profile = tmp_path / f"j{jobs}.json"
        options = ["--input-format", "jsonl", "-j", jobs, "-o", str(profile)]
        learned = CliRunner().invoke(cli.main, ["learn", *options, str(path)])
        assert learned.exit_code == 0, learned.stderr
        assert f"Learned 2 lines from {len(records)} documents" in learned.stderr
        profiles.append(json.loads(profile.read_text()))
    assert profiles[0] == profiles[1]
    assert len(profiles[0]["lines"]) == 2


def _crawl(folder: Path) -> Path:
    """Two sites of 20 records each, interleaved, each with its motto and footer."""
    from test_site_learning import _corpus  # the crawl the site-learning tests use

    _corpus(folder / "crawl.jsonl")
    return folder / "crawl.jsonl"


def test_learn_with_a_site_field_saves_each_sites_profile_for_clean(
    tmp_path: Path,
) -> None:
    from test_site_learning import FURNITURE

    crawl, saved = _crawl(tmp_path), tmp_path / "sites.json"
    options = ["--input-format", "jsonl", "--site-field", "url", "-o", str(saved)]
    learned = CliRunner().invoke(cli.main, ["learn", *options, str(crawl), "-v"])
    assert learned.exit_code == 0, learned.stderr
    assert "learned the recurring lines of 2 sites" in learned.stderr
    # The record that names no site teaches nothing and is not counted.
    assert f"Learned 4 lines from 40 documents into {saved}" in learned.stderr
    data = json.loads(saved.read_text("utf-8"))
    assert data["format"] == "vnclean-site-profiles"
    assert sorted(data["sites"]) == ["baoa.vn", "baob.com.vn"]
    assert [site["documents"] for site in data["sites"].values()] == [20, 20]
    assert all(len(site["lines"]) == 2 for site in data["sites"].values())
    assert not any(line in saved.read_text("utf-8") for line in FURNITURE)

    def cleaned(*more: str) -> bytes:
        args = ["clean", "--input-format", "jsonl", str(crawl), "-q", *more]
        result = CliRunner().invoke(cli.main, args)
        assert result.exit_code == 0, result.stderr
        return result.stdout_bytes

    reused = cleaned("--site-field", "url", "--profile", str(saved), "-j", "2")
    # What was saved strips what learning during the run strips.
    assert reused == cleaned("--site-field", "url")
    assert reused != cleaned("--site-field", "url", "--no-learn")
    for motto, footer in FURNITURE.values():
        assert motto.encode("utf-8") not in reused
        assert footer.encode("utf-8") not in reused


def test_site_profiles_need_the_site_field(tmp_path: Path) -> None:
    crawl, saved = _crawl(tmp_path), tmp_path / "sites.json"
    learn = ["learn", str(crawl), "--site-field", "url", "-o", str(saved)]
    result = CliRunner().invoke(cli.main, learn)
    assert result.exit_code == 2
    assert "--site-field applies only with --input-format jsonl" in result.stderr
    assert not saved.exists()
    result = CliRunner().invoke(cli.main, [*learn, "--input-format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    clean = ["clean", "--input-format", "jsonl", str(crawl), "--profile", str(saved)]
    result = CliRunner().invoke(cli.main, clean)
    assert result.exit_code == 2
    assert "the profiles of 2 sites, learned by --site-field" in result.stderr
    assert "give the records' --site-field too" in result.stderr


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--site-field", "source"], "nothing learned: no record named a site"),
        (
            ["--site-field", "url", "--min-docs", "21"],
            (
                "nothing learned: no line is in at least 21 of the documents of any"
                " of the 2 sites read; no profile written"
            ),
        ),
    ],
)
def test_learn_by_site_with_nothing_to_learn_fails(
    tmp_path: Path, options: list[str], message: str
) -> None:
    crawl, saved = _crawl(tmp_path), tmp_path / "sites.json"
    args = ["learn", "--input-format", "jsonl", str(crawl), "-o", str(saved)]
    result = CliRunner().invoke(cli.main, [*args, *options])
    assert result.exit_code == 123, result.stderr
    assert f"error: {message}" in result.stderr
    assert not saved.exists()


# Help ---------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [cli.clean, cli.learn])
def test_every_option_has_help_and_the_docstring_has_examples(
    command: click.Command,
) -> None:
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, param.name
    assert "\b\n    Examples:" in (command.help or "")


def test_help_and_python_dash_m() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-m", "vnclean", "clean", "--help"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "vnclean clean corpus/ -o cleaned/" in done.stdout


# More outputs and messages ------------------------------------------------------------


def test_two_inputs_never_share_an_output_file(tmp_path: Path) -> None:
    corpus(tmp_path, {"a/x.txt": DIRTY, "b/x.txt": DIRTY + "2\n"})
    first, second = tmp_path / "a" / "x.txt", tmp_path / "b" / "x.txt"
    result = invoke(str(first), str(second), "-o", str(tmp_path / "out"))
    assert result.exit_code == 123, result.stderr
    assert f"already written from {first}" in result.stderr
    assert (tmp_path / "out" / "x.txt").read_text() == CLEAN


def test_diff_of_jsonl_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(
        json.dumps({"text": "Hà Nội\n"}) + "\n" + json.dumps({"text": DIRTY})
    )
    result = invoke("--input-format", "jsonl", "--diff", str(path))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"--- {path}:2\n+++ {path}:2\n")
    assert path.read_text().endswith(json.dumps({"text": DIRTY}))  # nothing written


def test_verbose_lists_unchanged_inputs_and_steps(tmp_path: Path) -> None:
    source = corpus(tmp_path / "in", {"a.txt": DIRTY, "b.txt": CLEAN})
    result = invoke("-v", "--check", str(source))
    assert result.exit_code == 1, result.stderr
    assert f"unchanged {source / 'b.txt'}" in result.stderr
    assert re.search(
        r"^  compose_nfc: \d+ changes? in 1 file$", result.stderr, re.MULTILINE
    )


def test_quiet_leaves_only_errors(tmp_path: Path) -> None:
    source = corpus(tmp_path / "in", {"a.txt": DIRTY, "bad.txt": b"\xff\xfe\xfd"})
    result = invoke("-q", "--check", str(source))
    assert result.exit_code == 123, result.stderr
    assert [line.split(":")[0] for line in result.stderr.splitlines()] == ["error"]


def test_jsonl_in_place_and_to_a_folder(tmp_path: Path) -> None:
    lines = [json.dumps({"text": DIRTY}), "{bad", json.dumps({"text": CLEAN})]
    source = corpus(tmp_path / "in", {"sub/c.jsonl": "\r\n".join(lines) + "\r\n"})
    out = invoke("--input-format", "jsonl", str(source), "-o", str(tmp_path / "out"))
    assert out.exit_code == 123, out.stderr
    written = (tmp_path / "out" / "sub" / "c.jsonl").read_bytes()
    assert written.split(b"\r\n")[1:] == [b"{bad", lines[2].encode(), b""]
    in_place = invoke("--input-format", "jsonl", "--in-place", str(source))
    assert in_place.exit_code == 123, in_place.stderr
    assert (source / "sub" / "c.jsonl").read_bytes() == written
    check = invoke("--input-format", "jsonl", "--check", str(source))
    assert check.exit_code == 123, check.stderr  # the bad record still fails


def test_closed_stdout_stops_quietly(tmp_path: Path) -> None:
    source = corpus(tmp_path / "in", {f"f{i}.txt": DIRTY * 500 for i in range(40)})
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-m", "vnclean", "clean", "--format", "jsonl"]
    with subprocess.Popen(
        [*command, str(source)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.read(10)
        process.stdout.close()
        stderr = process.stderr.read()
        assert process.wait() == 141
    assert b"Traceback" not in stderr and b"error" not in stderr


def test_jsonl_from_stdin() -> None:
    lines = [json.dumps({"text": DIRTY, "id": 1}), json.dumps({"text": CLEAN, "id": 2})]
    result = invoke("--input-format", "jsonl", input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.stderr
    assert [json.loads(line) for line in result.stdout.splitlines()] == [
        {"text": CLEAN, "id": 1},
        {"text": CLEAN, "id": 2},
    ]
    assert result.stdout.splitlines()[1] == lines[1]  # unchanged: the same bytes
    assert "1 record cleaned, 1 left unchanged." in result.stderr


def test_learn_then_clean_with_the_profile(tmp_path: Path) -> None:
    towns = ["Huế", "Vinh", "Hội An", "Đà Lạt", "Sa Pa", "Cần Thơ", "Nha Trang"]
    pages = {
        f"p{i}.txt": f"Mưa lớn ở {town} từ chiều qua.\n\nChuyên trang thời tiết\n"
        for i, town in enumerate(towns)
    }
    source = corpus(tmp_path / "site", pages)
    profile = tmp_path / "site.json"
    learned = CliRunner().invoke(cli.main, ["learn", str(source), "-o", str(profile)])
    assert learned.exit_code == 0, learned.stderr
    assert "Learned 1 line from 7 documents" in learned.stderr
    result = invoke("--profile", str(profile), str(source / "p0.txt"))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "Mưa lớn ở Huế từ chiều qua.\n"


def test_rules_file_is_used_and_a_bad_one_is_a_usage_error(tmp_path: Path) -> None:
    rules = tmp_path / "rules.json"
    pattern = {"kind": "footer", "pattern": "Bản tin do .+ thực hiện"}
    rules.write_text(json.dumps({"patterns": [pattern]}))
    text = "Sáng nay trời mưa.\n\nBản tin do Phòng Văn hóa thực hiện\n"
    path = corpus(tmp_path, {"a.txt": text}) / "a.txt"
    result = invoke("--rules", str(rules), str(path))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "Sáng nay trời mưa.\n"
    rules.write_text("{not json")
    bad = invoke("--rules", str(rules), str(path))
    assert bad.exit_code == 2, bad.stderr
    assert f"cannot load {rules}" in bad.stderr


def test_legacy_encoded_clean_text_is_rewritten_as_utf8(tmp_path: Path) -> None:
    cp1258 = b"H\xe0 N\xf4\xf2i l\xe0 thu\xd2 \xf0\xf4\n"  # "Hà Nội là thủ đô\n"
    text = "Hà Nội là thủ đô\n"
    source = corpus(tmp_path / "in", {"a.txt": cp1258, "b.txt": text.encode("utf-16")})
    check = invoke("--check", "--diff", str(source))
    assert check.exit_code == 1, check.stderr
    assert f"# {source / 'a.txt'}: re-encoded as UTF-8\n" in check.stdout
    result = invoke("--in-place", str(source))
    assert result.exit_code == 0, result.stderr
    assert files_under(source) == {"a.txt": text.encode(), "b.txt": text.encode()}
    assert "2 files cleaned, 0 left unchanged." in result.stderr


def test_nothing_is_fetched_from_the_network(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A clean, a learn and a clean with its profile and a rules file, in this
    # process, with every socket refused: a URL in a text, a rules file or a profile
    # is data, never an address to open.
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("vnclean opened a socket")

    for name in ("socket", "create_connection", "getaddrinfo"):
        monkeypatch.setattr(socket, name, refuse)
    rules = tmp_path / "rules.json"
    pattern = {"kind": "footer", "pattern": "Xem thêm tại https://\\S+"}
    rules.write_text(json.dumps({"patterns": [pattern]}))
    text = "{} nay trời mưa.\n\nXem thêm tại https://example.com/a.png\n"
    when = {"a.txt": "Sáng", "b.txt": "Chiều", "c.txt": "Tối"}
    source = corpus(tmp_path / "in", {name: text.format(w) for name, w in when.items()})
    profile = tmp_path / "site.json"
    learned = CliRunner().invoke(
        cli.main,
        ["learn", "--min-docs", "3", str(source), "-o", str(profile)],
        catch_exceptions=False,
    )
    assert learned.exit_code == 0, learned.stderr
    result = invoke(
        "--jobs",
        "1",
        "--rules",
        str(rules),
        "--profile",
        str(profile),
        "--diff",
        str(source),
    )
    assert result.exit_code == 0, result.stderr
    assert "Xem thêm tại" in result.stdout  # the line was removed and reported
