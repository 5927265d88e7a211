"""`vnclean clean FOLDER` learns each folder's recurring lines before cleaning it."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from vnclean.cli import main

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
