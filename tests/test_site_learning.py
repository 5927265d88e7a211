"""
`vnclean clean FOLDER` learns each folder's recurring lines before cleaning it, and
`vnclean clean --input-format jsonl --site-field url` each site's of the records.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from vnclean.cli import main
from vnclean.profile import Profile, ProfileBuilder, site_of

TOWNS = ["Huế", "Vinh", "Hội An", "Đà Lạt", "Sa Pa", "Cần Thơ"]
# A slogan the site prints under every title: on one page it reads as a kicker.
SLOGAN = "Nhịp sống nông thôn mới của bà con"


def _site(folder: Path) -> None:
    folder.mkdir()
    for number, town in enumerate(TOWNS):
        page = [
            f"Mưa lớn kéo dài ở {town}",
            SLOGAN,
            (
                f"Sáng nay mưa lớn kéo dài khiến nhiều tuyến phố ở {town} ngập sâu, "
                "người dân phải kê đồ đạc lên cao và tạm nghỉ buôn bán cả ngày."
            ),
            (
                f"Chính quyền {town} đã huy động lực lượng hỗ trợ những hộ ở vùng "
                f"trũng, số {number + 1} trong đợt này, và dặn bà con theo dõi tin."
            ),
        ]
        (folder / f"{number}.txt").write_text("\n".join(page) + "\n", "utf-8")


def test_a_folder_is_cleaned_with_what_its_pages_share(tmp_path: Path) -> None:
    _site(tmp_path / "site")
    result = CliRunner().invoke(
        main, ["clean", str(tmp_path / "site"), "-o", str(tmp_path / "out"), "-q"]
    )
    assert result.exit_code == 0, result.stderr
    for number in range(len(TOWNS)):
        cleaned = (tmp_path / "out" / f"{number}.txt").read_text("utf-8")
        assert SLOGAN not in cleaned
        assert cleaned.startswith(f"Mưa lớn kéo dài ở {TOWNS[number]}\n")


def test_no_learn_cleans_each_page_alone(tmp_path: Path) -> None:
    _site(tmp_path / "site")
    result = CliRunner().invoke(
        main,
        ["clean", str(tmp_path / "site"), "-o", str(tmp_path / "out"), "--no-learn"],
    )
    assert result.exit_code == 0, result.stderr
    cleaned = (tmp_path / "out" / "0.txt").read_text("utf-8")
    assert SLOGAN in cleaned


def test_a_few_pages_teach_nothing(tmp_path: Path) -> None:
    _site(tmp_path / "site")
    for name in ("4.txt", "5.txt"):  # four pages left, fewer than a profile needs
        (tmp_path / "site" / name).unlink()
    result = CliRunner().invoke(
        main, ["clean", str(tmp_path / "site"), "-o", str(tmp_path / "out")]
    )
    assert result.exit_code == 0, result.stderr
    assert SLOGAN in (tmp_path / "out" / "0.txt").read_text("utf-8")


# JSON lines: a record's --site-field names its site ----------------------------------

EVENTS = ["Mưa lớn kéo dài", "Nắng nóng gay gắt"]
PLACES = ["Huế", "Vinh", "Hội An", "Đà Lạt", "Sa Pa", "Cần Thơ", "Nha Trang"]
PLACES += ["Quy Nhơn", "Hạ Long", "Pleiku"]
# What each site prints around every article: a motto under the title and a line at
# the foot, which one page alone cannot tell from the article's own lines.
FURNITURE = {
    "https://www.baoa.vn/tin/{}.html": (
        SLOGAN,
        "Mọi ý kiến đóng góp xin gửi về ban biên tập của báo chúng tôi",
    ),
    "https://baob.com.vn/bai/{}": (
        "Tiếng nói của người lao động miền Trung",
        "Chúc quý bạn đọc một ngày làm việc thật nhiều niềm vui và sức khỏe",
    ),
}
# Clean text of a record that names no site: nothing to learn, nothing to change.
PLAIN = '{"id": "x",  "text": "Hà Nội vào thu, trời se lạnh và lá vàng rơi.\\n"}\n'


def _article(event: str, place: str) -> list[str]:
    return [
        f"{event} ở {place}",
        (
            f"Sáng nay {event.lower()} ở {place} khiến nhiều người dân phải thay"
            " đổi kế hoạch đi lại và tạm nghỉ buôn bán cả ngày."
        ),
        (
            f"Chính quyền {place} đã huy động lực lượng hỗ trợ những hộ gặp khó"
            f" khăn vì {event.lower()}, và dặn bà con theo dõi tin tức."
        ),
    ]


def _records() -> list[dict]:
    """Two sites of 20 records each, interleaved as a crawl writes them."""
    records = []
    for number in range(20):
        event, place = EVENTS[number % 2], PLACES[number // 2]
        for url, (motto, footer) in FURNITURE.items():
            title, *body = _article(event, place)
            text = "\n".join([title, motto, *body, footer]) + "\n"
            records.append(
                {"id": len(records), "url": url.format(number), "text": text}
            )
    return records


def _corpus(path: Path) -> bytes:
    lines = [json.dumps(record, ensure_ascii=False) + "\n" for record in _records()]
    lines.insert(7, PLAIN)
    path.write_text("".join(lines), "utf-8")
    return path.read_bytes()


def _clean_jsonl(path: Path, *options: str, stdin: bytes | None = None) -> bytes:
    source = "-" if stdin is not None else str(path)
    result = CliRunner().invoke(
        main,
        ["clean", "--input-format", "jsonl", source, "-q", *options],
        input=stdin,
    )
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return result.stdout_bytes


def _furniture() -> list[str]:
    return [line for lines in FURNITURE.values() for line in lines]


def test_each_site_of_the_json_lines_is_learned_then_stripped(tmp_path: Path) -> None:
    _corpus(tmp_path / "crawl.jsonl")
    out = _clean_jsonl(tmp_path / "crawl.jsonl", "--site-field", "url")
    records = [json.loads(line) for line in out.splitlines()]
    want = [r["id"] for r in _records()]
    want.insert(7, "x")
    assert [r["id"] for r in records] == want  # in their order
    for record in records[:7] + records[8:]:
        number = record["id"] // 2
        title, *body = _article(EVENTS[number % 2], PLACES[number // 2])
        assert record["text"] == "\n\n".join([title, *body]) + "\n"
        assert not any(line in record["text"] for line in _furniture())


def test_no_learn_keeps_what_one_record_alone_cannot_tell(tmp_path: Path) -> None:
    _corpus(tmp_path / "crawl.jsonl")
    out = _clean_jsonl(tmp_path / "crawl.jsonl", "--site-field", "url", "--no-learn")
    texts = [json.loads(line)["text"] for line in out.splitlines()]
    for line in _furniture():
        assert sum(line in text for text in texts) == 20
    # Without learning the output is that of a run that never heard of sites.
    assert out == _clean_jsonl(tmp_path / "crawl.jsonl")


def test_unchanged_records_keep_their_bytes_and_lines_their_place(
    tmp_path: Path,
) -> None:
    data = _corpus(tmp_path / "crawl.jsonl")
    out = _clean_jsonl(tmp_path / "crawl.jsonl", "--site-field", "url", "-j", "2")
    assert len(out.splitlines()) == len(data.splitlines())
    assert out.splitlines(keepends=True)[7] == PLAIN.encode("utf-8")


def test_stdin_is_kept_in_a_temporary_file_to_be_read_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _corpus(tmp_path / "crawl.jsonl")
    from_file = _clean_jsonl(tmp_path / "crawl.jsonl", "--site-field", "url")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    from_stdin = _clean_jsonl(tmp_path / "x", "--site-field", "url", stdin=data)
    assert from_stdin == from_file
    assert SLOGAN.encode("utf-8") not in from_stdin
    assert list((tmp_path / "tmp").iterdir()) == []  # the copy is gone


def test_a_pipe_named_as_input_is_learned_from_too(tmp_path: Path) -> None:
    _corpus(tmp_path / "crawl.jsonl")
    from_file = _clean_jsonl(tmp_path / "crawl.jsonl", "--site-field", "url")
    command = (
        f"{shlex.quote(sys.executable)} -m vnclean clean --input-format jsonl"
        " --site-field url -q <(cat crawl.jsonl)"
    )
    done = subprocess.run(
        ["bash", "-c", command],
        cwd=tmp_path,
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "src")},
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout == from_file


def test_an_explicit_profile_wins_over_learning(tmp_path: Path) -> None:
    _corpus(tmp_path / "crawl.jsonl")
    (tmp_path / "empty.json").write_text(
        json.dumps({"format": "vnclean-profile", "documents": 0, "min_docs": 5}),
        "utf-8",
    )
    profile = ["--profile", str(tmp_path / "empty.json")]
    out = _clean_jsonl(tmp_path / "crawl.jsonl", "--site-field", "url", *profile)
    assert out == _clean_jsonl(tmp_path / "crawl.jsonl", *profile)
    assert SLOGAN.encode("utf-8") in out


def test_a_site_field_needs_json_lines(tmp_path: Path) -> None:
    _site(tmp_path / "site")
    result = CliRunner().invoke(
        main, ["clean", str(tmp_path / "site"), "--check", "--site-field", "url"]
    )
    assert result.exit_code == 2
    assert "--site-field applies only with --input-format jsonl" in result.stderr


def test_sites_counted_together_spill_and_count_as_apart() -> None:
    # One builder for every site keeps one memory bound, however many sites.
    together, apart = ProfileBuilder(max_kept=10), {}
    for record in _records():
        site = site_of(record["url"])
        together.add(record["text"], site)
        apart.setdefault(site, ProfileBuilder()).add(record["text"])
        assert len(together._counts) <= 10 + 6  # at most one document over
    assert together._spilled
    built = together.build_sites()
    assert built == {site: builder.build() for site, builder in apart.items()}
    assert all(len(profile.counts) == 2 for profile in built.values())


def test_a_bad_record_is_reported_once_and_written_back(tmp_path: Path) -> None:
    path = tmp_path / "crawl.jsonl"
    data = _corpus(path)
    path.write_bytes(data + b'{"id": 99, "url": "https://baob.com.vn/x"}\n')
    result = CliRunner().invoke(
        main,
        ["clean", "--input-format", "jsonl", str(path), "--site-field", "url", "-v"],
    )
    assert result.exit_code == 123, result.stderr
    assert result.stderr.count("no field 'text'") == 1
    assert "learned 4 recurring lines of 2 sites by their 'url' field" in result.stderr
    assert result.stdout_bytes.endswith(b'{"id": 99, "url": "https://baob.com.vn/x"}\n')


def test_verbose_says_what_each_folder_taught(tmp_path: Path) -> None:
    _site(tmp_path / "site")
    result = CliRunner().invoke(
        main, ["clean", str(tmp_path / "site"), "-o", str(tmp_path / "out"), "-v"]
    )
    assert result.exit_code == 0, result.stderr
    folder = tmp_path / "site"
    assert f"learned 1 recurring line of {folder} from 6 files" in result.stderr


def test_learn_refuses_an_output_it_cannot_write_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "site"
    _site(source)
    for output, problem in [
        (tmp_path / "no" / "p.json", f"no folder {tmp_path / 'no'}"),
        (source, "it is a folder"),
    ]:
        result = CliRunner().invoke(main, ["learn", str(source), "-o", str(output)])
        assert result.exit_code == 2
        assert f"cannot write {output}: {problem}." in result.stderr

    def full(self: object, path: str) -> None:
        raise OSError(28, "No space left on device", path)

    monkeypatch.setattr(Profile, "save", full)
    output = tmp_path / "p.json"
    result = CliRunner().invoke(main, ["learn", str(source), "-o", str(output)])
    assert result.exit_code == 123
    assert f"cannot save the profile to {output}: No space left on device\n" in (
        result.stderr
    )
