"""The strip model: its signal table, the weights loader, the article span, reasons."""

from __future__ import annotations

import dataclasses
import json

import pytest

from vnclean import tables
from vnclean.strip import features, model, span, strip_boilerplate

MENU_WEIGHTS = model.Weights.from_data(
    {
        "first": {"bias": 2.0, "weights": {"one_word": -5.0, "sentence_end": 1.0}},
        "second": {"bias": 0.0, "weights": {"first_judgement": 1.0}},
        "threshold": 0.0,
    }
)


def test_every_signal_is_named_once_and_explains_itself() -> None:
    table = features.FIRST_SIGNALS + features.SECOND_SIGNALS
    names = [s.__name__ for s in table]
    assert len(names) == len(set(names))
    for signal in table:
        assert signal.__doc__, signal.__name__


def test_shipped_weights_name_only_known_signals() -> None:
    data = json.loads(tables.read("vnclean", "strip/weights.json"))
    weights = model.shipped()
    assert set(data["first"]["weights"]) <= set(weights.first)
    assert set(data["second"]["weights"]) <= set(weights.second)
    assert weights.second["first_judgement"] != 0  # the passes are chained


def test_loader_refuses_unknown_signals_and_missing_passes() -> None:
    with pytest.raises(ValueError, match="unknown signals: no_such_signal"):
        model.Weights.from_data(
            {"first": {"weights": {"no_such_signal": 1}}, "second": {}}
        )
    with pytest.raises(TypeError, match="no 'second' pass"):
        model.Weights.from_data({"first": {}})
    with pytest.raises(TypeError, match="expected a JSON object"):
        model.Weights.from_data([])  # type: ignore[arg-type]


def test_span_ends_before_the_menu_and_the_headline_list() -> None:
    menu, article, related = [-3.0] * 6, [3.0, -1.0, 4.0, 4.0, -2.0, 3.0], [-2.5] * 5
    assert span.article_span(menu + article + related) == (6, 12)


def test_span_clips_one_long_paragraph() -> None:
    # A long blurb above a menu, then the article: unclipped, the blurb's 30 would
    # carry the span across the menu.
    page = [30.0, -3, -3, 2, 2, 2, 2]
    assert span.article_span(page) == (3, 7)
    assert span.article_span(page, clip=100) == (0, 7)


def test_places_outside_and_inside() -> None:
    assert span.places(6, (2, 4)) == [-2, -1, 0, 0, 1, 2]
    assert span.places(3, (0, 0)) == [0, 0, 0]


def test_judge_names_the_deciding_signal_in_the_reason() -> None:
    verdicts = model.judge(
        ["Home", "Sáng nay Hà Nội mưa rất to ở khắp các quận nội thành."],
        weights=MENU_WEIGHTS,
    )
    assert verdicts[1] is None
    kind, reason = verdicts[0]  # type: ignore[misc]
    assert kind == "navigation"  # the kind one_word stands for
    assert reason.startswith("the strip model scores it -3.0 (keep from +0.0)")
    assert "one_word -5.0" in reason


def test_terms_add_up_to_the_score() -> None:
    weights = model.shipped()
    lines = features.lines_of(
        ["Trang chủ", "Tin tức", "Mưa lớn ở Huế", "Sáng nay trời mưa rất to."]
    )
    finals = model.score(lines, weights)
    for line, final in zip(lines, finals):
        through = weights.second["first_judgement"]
        expected = (
            weights.second_bias
            + through * weights.first_bias
            + sum(weights.terms(line).values())
        )
        assert final == pytest.approx(expected)


def test_strip_removes_what_the_rules_keep_with_the_models_reason() -> None:
    above = ["VN-Index 1.234,56 +3,21", "Vàng SJC 76.500 / 78.800", "USD 24.350 24.720"]
    article = [
        "Học sinh Trường Sa nhận học bổng",
        "Sáng 12/3, nhà trường trao 20 suất học bổng cho học sinh vượt khó học giỏi.",
        "Mỗi suất trị giá hai triệu đồng, do hội cựu học sinh đóng góp.",
        "Thầy hiệu trưởng mong các em tiếp tục cố gắng trong học kỳ hai.",
    ]
    below = [
        "Lượt xem: 1234",
        "Thống kê truy cập",
        "Đang truy cập: 15",
        "Hôm nay: 1.234",
    ]
    out = strip_boilerplate("\n".join(above + article + below))
    kept = out.splitlines()[::2]
    # The article stays whole and in order; the lines next to it may stay too (their
    # place is no evidence); the counters three lines below it go.
    assert [line for line in kept if line in article] == article
    reasons = {r.text: r.reason for r in out.removed}
    assert set(reasons) <= set(above + below)
    names = {s.__name__ for s in features.FIRST_SIGNALS + features.SECOND_SIGNALS}
    for line in ("Đang truy cập: 15", "Hôm nay: 1.234"):
        assert reasons[line].startswith("the strip model scores it -")
        named = reasons[line].split(": ", 1)[1].split(", ")
        assert named and all(item.split()[0] in names for item in named)


def test_strip_is_stable_on_its_own_output() -> None:
    text = "\n".join(
        ["Đăng nhập", "Tìm kiếm", "Tiêu đề bài viết ở đây", "Một đoạn văn có đủ câu."]
        + ["Tin liên quan", "Bài khác một", "Bài khác hai", "© 2024 Trường"]
    )
    once = strip_boilerplate(text)
    assert strip_boilerplate(str(once)) == once


def test_a_page_without_a_paragraph_is_left_to_the_rules() -> None:
    # A few short lines are no article: the model cannot tell furniture from them.
    texts = ["Hà Nội", "Trang chủ", "Liên hệ"]
    assert model.judge(texts) == [None, None, None]
    assert strip_boilerplate("Hà Nội\n") == "Hà Nội\n"


def test_cards_between_two_copies_of_a_short_line() -> None:
    texts = [
        "Chi phí học TESOL tại Mỹ",
        "Chi phí MA TESOL tại Mỹ chênh lệch mạnh theo trường và thành phố.",
        "Xem",
        "Bảo hiểm cho du học sinh tại Mỹ",
        "Bảo hiểm y tế là chi phí bắt buộc với hầu hết sinh viên.",
        "Xem",
        "Xem",
    ]
    lines = features.lines_of(texts)
    assert [line.card for line in lines] == [False] * 3 + [True, True] + [False] * 2
    assert features.between_cards(lines[3]) == 1.0


def test_foreign_lines_of_a_vietnamese_page() -> None:
    texts = [
        "Sáng nay Hà Nội mưa rất to ở khắp các quận nội thành, nhiều phố ngập.",
        "Share on Facebook",
        "Hà Nội mưa lớn",
        "OK",
    ]
    lines = features.lines_of(texts)
    assert features.foreign_to_page(lines[1]) > 0.5  # "on" is a syllable too
    assert features.foreign_to_page(lines[2]) == 0.0
    assert features.foreign_to_page(lines[3]) == 0.0  # one word says too little
    # A page without paragraphs has no language of its own to compare with.
    assert all(line.foreign == 0.0 for line in features.lines_of(texts[1:]))


def test_edges_count_lines_beyond_the_first_and_last_paragraph() -> None:
    paragraph = (
        "Sáng nay trời mưa rất to ở khắp các quận nội thành, nhiều tuyến phố ngập."
    )
    lines = features.lines_of(["Tiêu đề", paragraph, "Ảnh: TTXVN", paragraph, "A", "B"])
    for line, place in zip(lines, [-1, 0, 0, 0, 0, 1]):
        line.span = place
    features.mark_edges(lines)
    assert [line.head for line in lines] == [0, 0, 0, 0, 0, 0]
    assert [line.tail for line in lines] == [0, 0, 0, 0, 1, 0]
    assert features.span_tail(lines[4]) == 1 / features.EDGE_LINES


def test_smoothing_takes_a_lone_line_among_removed_ones() -> None:
    assert span.smooth([], 1.0) == []
    assert span.smooth([2.0, -1.0, 0.4, -1.0], 1.0) == [True, False, False, False]
    # A short article line a little below the threshold between paragraphs stays.
    assert span.smooth([3.0, -0.4, 3.0], 1.0) == [True, True, True]
    smoothing = dataclasses.replace(MENU_WEIGHTS, switch_cost=2.0)
    texts = [
        "Sáng nay Hà Nội mưa rất to ở khắp các quận nội thành, nhiều tuyến phố ngập.",
        "Home",
        "Hà Nội",  # scores +2 - 0 on its own: above the threshold
        "Home",
    ]
    plain = model.judge(texts, weights=MENU_WEIGHTS)
    assert plain[2] is None
    _, reason = model.judge(texts, weights=smoothing)[2]  # type: ignore[misc]
    assert "among removed lines" in reason


def test_remembered_syllable_share_equals_the_plain_one() -> None:
    texts = ["Share on Facebook", "Hà Nội mưa lớn", "", "123", "Tin tức · 2026"] * 2
    for text in texts:
        assert features._syllable_share(text) == features.syllable_share(text)
        assert features.PageLine(text, 0, 1).vietnamese == features.syllable_share(text)
