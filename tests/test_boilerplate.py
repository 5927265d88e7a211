"""The boilerplate stage: furniture goes, content stays, and the stage explains itself."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vnclean.model import Explained
from vnclean.profile import Profile, ProfileBuilder
from vnclean.strip import KINDS, Rules, strip_boilerplate
from vnclean.strip.metadata import parse_date

CASES = Path(__file__).resolve().parent / "cases"
SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def golden_cases(
    groups: tuple[str, ...] = ("boilerplate", "negative-boilerplate"),
) -> list[pytest.param]:
    cases = []
    for group in groups:
        for source in sorted((CASES / group).glob("*.in.txt")):
            expected = source.with_name(source.name.replace(".in.txt", ".out.txt"))
            cases.append(
                pytest.param(source, expected, id=f"{group}/{source.name[:-7]}")
            )
    return cases


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")  # keep CRLF as written


def _layout(text: str) -> str:
    """The stage's layout applied to text that has no furniture."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return "\n\n".join(lines) + "\n" if lines else ""


def _replay(text: str, out: Explained) -> str:
    for edit in sorted(out.edits, key=lambda e: (e.start, e.end), reverse=True):
        text = text[: edit.start] + edit.after + text[edit.end :]
    return text


@pytest.mark.parametrize(("source", "expected"), golden_cases())
def test_case(source: Path, expected: Path) -> None:
    text = _read(source)
    want = _read(expected) if expected.exists() else _layout(text)
    out = strip_boilerplate(text)
    assert out == want
    assert strip_boilerplate(want) == want  # stable on a second pass
    assert _replay(text, out) == want
    assert all(removed.kind in KINDS and removed.reason for removed in out.removed)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(*case.values, id=case.id, marks=pytest.mark.xfail(strict=True))
        for case in golden_cases(("boilerplate-known-failures",))
    ],
)
def test_known_failure(source: Path, expected: Path) -> None:
    assert strip_boilerplate(_read(source)) == _read(expected)


@pytest.mark.parametrize(
    "name", sorted(p.name for p in (SAMPLES / "expected").glob("*.txt"))
)
def test_samples_keep_and_drop_the_same_lines(name: str) -> None:
    # Encoding repairs belong to other steps: judge the sample's expected text with
    # the input's furniture lines put back.
    source = _read(SAMPLES / "input" / name)
    expected = _read(SAMPLES / "expected" / name)
    out = strip_boilerplate(source)
    assert len(out.splitlines()) == len(expected.splitlines())
    assert strip_boilerplate(expected) == expected


def test_removed_lines_say_what_they_are() -> None:
    out = strip_boilerplate(_read(CASES / "boilerplate" / "menu_and_footer.in.txt"))
    kinds = {r.text: r.kind for r in out.removed}
    assert kinds["Thứ Hai, 12/08/2024, 07:15 (GMT+7)"] == "dateline"
    assert kinds["NGỌC LAN"] == "byline"
    assert kinds["Tags: giao thông, Đà Nẵng, cầu Rồng"] == "tags"
    assert kinds["Trang chủ > Xã hội > Giao thông"] == "navigation"
    assert kinds["Tổng biên tập: Nguyễn Văn Bình"] == "footer"
    assert out.metadata["date"] == "2024-08-12T07:15:00+07:00"
    assert out.metadata["author"] == "NGỌC LAN"
    assert out.metadata["title"] == "Cầu Rồng tạm cấm xe tải nặng trong ba tháng"


def test_removed_line_indices_point_into_the_input() -> None:
    text = (
        "Tiêu đề bài viết mới\r\n\r\nMột câu văn đầy đủ để làm thân bài.\r\nTrả lời\r\n"
    )
    out = strip_boilerplate(text)
    assert [(r.line, r.text) for r in out.removed] == [(3, "Trả lời")]
    assert text.splitlines()[3] == "Trả lời"


def test_every_kind_of_line_break_counts_one_line() -> None:
    # \r\n, a lone \r and \n each end a line; the edits keep the input's offsets.
    text = (
        "Hà Nội mưa to\r\n.\r\nSáng nay trời mưa to ở nội thành.\r"
        "Trả lời\r\n\n Bình luận \n"
    )
    out = strip_boilerplate(text)
    assert out == "Hà Nội mưa to\r\n\r\nSáng nay trời mưa to ở nội thành.\r\n"
    assert [(r.line, r.kind) for r in out.removed] == [
        (1, "punctuation"),
        (3, "comment-widget"),
        (5, "comment-widget"),
    ]
    assert [(e.start, e.end, e.after) for e in out.edits] == [
        (13, 18, "\r\n\r\n"),
        (51, len(text), "\r\n"),
    ]


def test_credits_go_to_the_metadata() -> None:
    out = strip_boilerplate(_read(CASES / "boilerplate" / "bylines_and_links.in.txt"))
    assert out.metadata["date"] == "2023-02-03T09:12:45"
    assert out.metadata["author"] == "Hoàng Thu"
    assert out.metadata["source"] == "Vanhoa.vn"


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Thứ Năm, 09/01/2020, 18:03 (GMT+7)", "2020-01-09T18:03:00+07:00"),
        ("ĐĂNG CHUNG| 14/10/2016 20:55", "2016-10-14T20:55:00"),
        ("Đăng ngày: 19/04/2017 14:45:42", "2017-04-19T14:45:42"),
        ("Cập nhật: 10:20 ngày 05/06/2019", "2019-06-05T10:20:00"),
        ("27-08-2017", "2017-08-27"),
        ("Chủ nhật, 5/3/2023 - 06:30 GMT+07:00", "2023-03-05T06:30:00+07:00"),
        ("ngày 2 tháng 9 năm 1945", "1945-09-02"),
        ("# date = 20210422", "2021-04-22"),
    ],
)
def test_datelines_parse_to_iso_8601(line: str, iso: str) -> None:
    assert parse_date(line) == iso
    out = strip_boilerplate(
        f"{line}\nMột đoạn văn đủ dài để làm thân bài của tin này.\n"
    )
    assert [r.kind for r in out.removed] == ["dateline"]
    assert out.metadata["date"] == iso


def test_a_date_inside_a_sentence_is_content() -> None:
    text = "Ngày 15/9/2019, trời mưa to khiến nhiều tuyến phố ngập sâu.\n"
    assert strip_boilerplate(text) == text


@pytest.mark.parametrize(
    ("line", "author", "source"),
    [
        ("PV/VOV.VN", "PV", "VOV.VN"),
        ("Bài và ảnh: Bùi Ngọc Tư", "Bùi Ngọc Tư", None),
        ("Theo Hà Văn/Baochinhphu.vn", "Hà Văn", "Baochinhphu.vn"),
        ("Lê Anh – Thoibao.de", "Lê Anh", "Thoibao.de"),
        ("Nguồn: Báo Tuổi Trẻ", None, "Báo Tuổi Trẻ"),
        ("THỦY HÀ", "THỦY HÀ", None),
    ],
)
def test_bylines_after_the_article(
    line: str, author: str | None, source: str | None
) -> None:
    text = f"Mưa lớn kéo dài suốt đêm khiến nhiều tuyến phố ngập sâu.\n{line}\n"
    out = strip_boilerplate(text)
    assert out == "Mưa lớn kéo dài suốt đêm khiến nhiều tuyến phố ngập sâu.\n"
    assert out.metadata.get("author") == author
    assert out.metadata.get("source") == source


@pytest.mark.parametrize("line", ["Hết.", "Xong!"])
def test_a_one_word_sentence_closing_the_article_is_no_author(line: str) -> None:
    text = f"Mưa lớn kéo dài suốt đêm khiến nhiều tuyến phố ngập sâu.\n{line}\n"
    out = strip_boilerplate(text)
    assert out.rstrip("\n").split("\n\n") == text.rstrip("\n").split("\n")
    assert "author" not in out.metadata


def test_a_name_above_the_article_is_a_kicker_and_stays() -> None:
    text = "Bình Dương\n\nMột người đàn ông bị bắt sau khi gây án ở khu nhà trọ.\n"
    assert strip_boilerplate(text) == text


def test_text_inside_a_paragraph_is_never_cut() -> None:
    text = "Cơn bão đã suy yếu thành áp thấp. Theo Tuổi Trẻ. Ảnh: Internet\n"
    assert strip_boilerplate(text) == text


def test_all_furniture_gives_empty_text() -> None:
    out = strip_boilerplate("Trả lời\n\nBình luận\n.\n")
    assert out == ""
    assert _replay("Trả lời\n\nBình luận\n.\n", out) == ""


def test_empty_input() -> None:
    assert strip_boilerplate("") == ""


# ---------------------------------------------------------------- rules


def test_rules_load_from_json_and_add_to_the_shipped_ones(tmp_path: Path) -> None:
    path = tmp_path / "rules.json"
    path.write_text(
        json.dumps(
            {
                "patterns": [
                    {
                        "kind": "footer",
                        "pattern": "Bản tin do .+ thực hiện",
                        "reason": "house footer",
                    },
                ],
                "phrases": [{"kind": "sidebar", "text": "Góc thư giãn"}],
            }
        ),
        encoding="utf-8",
    )
    rules = Rules.load(path)
    text = "Giá lúa tăng nhẹ trong tuần qua ở nhiều tỉnh.\nGóc thư giãn:\nBản tin do nhóm Xanh thực hiện\n"
    out = strip_boilerplate(text, rules=rules)
    assert out == "Giá lúa tăng nhẹ trong tuần qua ở nhiều tỉnh.\n"
    assert [(r.kind, r.reason) for r in out.removed] == [
        ("sidebar", "matches the phrase 'Góc thư giãn'"),
        ("footer", "house footer"),
    ]


def test_keep_patterns_protect_lines_from_every_signal(tmp_path: Path) -> None:
    path = tmp_path / "rules.json"
    path.write_text(json.dumps({"keep": ["Trả lời"]}), encoding="utf-8")
    text = "Câu hỏi của bạn đọc về thủ tục cấp hộ chiếu mới.\nTrả lời\n"
    assert strip_boilerplate(text, rules=Rules.load(path)) == text.replace(
        "\n", "\n\n", 1
    )


@pytest.mark.skipif(sys.version_info < (3, 11), reason="tomllib needs Python 3.11")
def test_rules_load_from_toml(tmp_path: Path) -> None:
    path = tmp_path / "rules.toml"
    path.write_text(
        '[[patterns]]\nkind = "tags"\npattern = "Chủ đề nóng.*"\n', encoding="utf-8"
    )
    assert Rules.load(path).match("Chủ đề nóng: bão số 3").kind == "tags"


def test_a_rules_file_is_data_never_code(tmp_path: Path) -> None:
    path = tmp_path / "rules.json"
    code = "__import__('os').system('touch PWNED')"
    path.write_text(
        json.dumps({"patterns": [{"kind": "footer", "pattern": regex_escape(code)}]})
    )
    rules = Rules.load(path)
    assert rules.match(code).kind == "footer"  # the string is only a pattern
    assert not (tmp_path / "PWNED").exists() and not Path("PWNED").exists()


def regex_escape(text: str) -> str:
    import regex

    return regex.escape(text)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"patterns": [{"kind": "advert", "pattern": "x"}]}, "kind must be one of"),
        ({"patterns": [{"kind": "footer", "pattern": "(unclosed"}]}, "pattern 1"),
        ({"patterns": [{"kind": "footer"}]}, "'pattern' must be a string"),
    ],
)
def test_bad_rules_fail_with_one_line(tmp_path: Path, data: dict, message: str) -> None:
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        Rules.load(path)


# ---------------------------------------------------------------- profiles


ARTICLES = [
    "Giá vàng trong nước tăng thêm 200.000 đồng mỗi lượng sáng nay.",
    "Hà Nội đón đợt không khí lạnh đầu mùa vào cuối tuần này.",
    "Một cây cầu mới được thông xe ở Cần Thơ sau hai năm thi công.",
    "Đội tuyển bóng đá nữ giành vé dự vòng chung kết châu Á.",
    "Nhiều trường đại học công bố điểm chuẩn xét tuyển sớm.",
    "Giá xăng dầu giảm nhẹ trong kỳ điều hành chiều nay.",
    "Lễ hội hoa ở Đà Lạt thu hút hàng nghìn du khách.",
]
FURNITURE = "Liên hệ tòa soạn qua số máy lẻ 2024 để gửi tin bài cho chúng tôi"


def test_a_profile_removes_lines_that_recur_across_the_site() -> None:
    builder = ProfileBuilder()
    for article in ARTICLES:
        builder.add(f"{article}\n{FURNITURE}\n")
    profile = builder.build()
    out = strip_boilerplate(
        f"{ARTICLES[0]}\n{FURNITURE.replace('2024', '2025')}\n", profile=profile
    )
    assert out == ARTICLES[0] + "\n"
    assert out.removed[0].reason == "seen in 7 of 7 documents of this site"
    assert out.removed[0].kind == "footer"


def test_a_line_seen_in_two_documents_is_never_removed() -> None:
    builder = ProfileBuilder()
    shared = "Ông Nam cho biết gia đình sẽ tiếp tục gắn bó với nghề làm muối."
    for article in ARTICLES[:2]:
        builder.add(f"{article}\n{shared}\n")
    for article in ARTICLES[2:]:
        builder.add(article)
    for min_docs in (None, 1, 2):
        profile = builder.build(min_docs=min_docs)
        text = f"{ARTICLES[0]}\n{shared}\n"
        assert (
            strip_boilerplate(text, profile=profile) == f"{ARTICLES[0]}\n\n{shared}\n"
        )


def test_the_default_threshold_grows_with_the_site() -> None:
    builder = ProfileBuilder()
    for n in range(1000):
        builder.add(f"Bản tin số {chr(0x4E00 + n)} hôm nay.\n{FURNITURE}")
    assert builder.build().min_docs == 10
    assert ProfileBuilder().build().min_docs == 5


def test_duplicate_documents_count_once() -> None:
    builder = ProfileBuilder()
    for _ in range(10):
        builder.add(ARTICLES[0])
    assert builder.documents == 1
    assert builder.build().seen(ARTICLES[0]) == 0


def test_profiles_round_trip_as_json_without_text(tmp_path: Path) -> None:
    builder = ProfileBuilder()
    for article in ARTICLES:
        builder.add(f"{article}\n{FURNITURE}")
    path = tmp_path / "profile.json"
    builder.build().save(path)
    assert "tòa soạn" not in path.read_text(encoding="utf-8")
    loaded = Profile.load(path)
    assert loaded.seen(FURNITURE) == 7 and loaded.documents == 7


def test_loading_something_else_as_a_profile_fails_clearly(tmp_path: Path) -> None:
    path = tmp_path / "profile.json"
    path.write_text('{"lines": {}}', encoding="utf-8")
    with pytest.raises(ValueError, match="not a vnclean profile"):
        Profile.load(path)


# ---------------------------------------------------------------- properties


@settings(derandomize=True, max_examples=300)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",))))
def test_edits_replay_and_output_is_stable(text: str) -> None:
    out = strip_boilerplate(text)
    assert _replay(text, out) == out
    assert strip_boilerplate(out) == out
    if out:
        # The output ends with a line break only when the input does.
        ending = out[len(out.strip()) :]
        ends = text.rstrip(" \t").endswith(("\n", "\r"))
        assert ending in (("\n", "\r", "\r\n") if ends else ("",))


def test_rules_and_profile_may_be_given_as_paths(tmp_path: Path) -> None:
    rules = tmp_path / "rules.json"
    rules.write_text(json.dumps({"phrases": [{"kind": "sidebar", "text": "Góc ảnh"}]}))
    builder = ProfileBuilder()
    for article in ARTICLES:
        builder.add(f"{article}\n{FURNITURE}")
    profile = tmp_path / "profile.json"
    builder.build().save(profile)
    text = f"{ARTICLES[1]}\nGóc ảnh\n{FURNITURE}\n"
    out = strip_boilerplate(text, rules=str(rules), profile=profile)
    assert out == ARTICLES[1] + "\n"


def test_counts_moved_to_temporary_files_stay_exact() -> None:
    rng = random.Random(7)
    words = [
        "mưa",
        "nắng",
        "gió",
        "sương",
        "bão",
        "lũ",
        "rét",
        "nóng",
        "mây",
        "sấm",
        "trời",
        "đất",
    ]
    documents = [
        "\n".join(
            " ".join(rng.choice(words) for _ in range(rng.randint(1, 3)))
            for _ in range(rng.randint(1, 6))
        )
        for _ in range(400)
    ]
    in_memory, spilling = ProfileBuilder(), ProfileBuilder(max_kept=10)
    for number, text in enumerate(documents, start=1):
        in_memory.add(text)
        spilling.add(text)
        assert len(spilling._counts) <= 10 + 6  # at most one document over
        if number in (150, 400):  # a build in the middle leaves the builder usable
            for min_docs in (3, 5, 40):
                built = spilling.build(min_docs=min_docs)
                assert built == in_memory.build(min_docs=min_docs)
    assert spilling._spilled  # the small limit did move counts out
    assert len(in_memory.build(min_docs=3).counts) > 20
