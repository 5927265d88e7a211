"""
Metadata lines: the dateline, byline and source credit that news sites print on a line
of their own above or below an article. The strip stage asks this module whether
a line is one of them; the answer carries what the line says (an ISO 8601 date, an
author, a source) so the line can leave the text and go to the metadata.

Only whole lines are judged: a date or a name inside a sentence is content.
"""

from __future__ import annotations

import re

import regex

from vnclean import lazy
from vnclean.strip.words import CREDIT_WORD_RE, count_credit_words

# 09/01/2020, 14-10-2016, 19.4.2017; 2019-06-05; "ngày 5 tháng 6 năm 2019".
DATE_RE = lazy.compile(
    r"(?<!\d)(?:(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>(?:19|20)\d\d)"
    r"|(?P<Y>(?:19|20)\d\d)-(?P<M>\d{1,2})-(?P<D>\d{1,2})"
    r"|ngày\s+(?P<dd>\d{1,2})\s+tháng\s+(?P<mm>\d{1,2})\s+năm\s+(?P<yy>(?:19|20)\d\d)"
    r"|(?P<y8>(?:19|20)\d\d)(?P<m8>[01]\d)(?P<d8>[0-3]\d)"
    r"|(?P<dw>\d{1,2})\s+tháng\s+(?P<mw>mười\s+một|mười\s+hai|mười|một|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín|\d{1,2})\s*,?\s*(?:năm\s+)?(?P<yw>(?:19|20)\d\d))(?!\d)",
    regex.IGNORECASE,
)
MONTHS = {
    "một": 1,
    "hai": 2,
    "ba": 3,
    "tư": 4,
    "bốn": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
    "mười": 10,
    "mười một": 11,
    "mười hai": 12,
}
TIME_RE = lazy.compile(
    r"(?<![\d:])(?P<h>[01]?\d|2[0-3])[:hH](?P<min>[0-5]\d)(?::(?P<s>[0-5]\d))?(?![\d:])"
)
ZONE_RE = lazy.compile(
    r"\(?\s*(?:GMT|UTC)\s*(?P<sign>[+-])\s*(?P<hh>\d{1,2})(?::?(?P<mm>\d\d))?\s*\)?"
)
# What a dateline may say besides the date itself.
DATELINE_WORDS_RE = lazy.compile(
    r"thứ\s+(?:hai|ba|tư|năm|sáu|bảy|2|3|4|5|6|7)|chủ\s+nhật|\bcn\b|\bt[2-7]\b"
    r"|(?:ngày\s+)?(?:đăng|cập\s+nhật|xuất\s+bản|đăng\s+tải|đăng\s+chung)(?:\s+(?:ngày|lúc))?"
    r"|\bngày\b|\blúc\b|\bvào\b|\bbởi\b|\bby\b|\bposted(?:\s+on)?\b|\bupdated\b|\bpublished\b|\bam\b|\bpm\b"
    r"|#\s*date\s*=",
    regex.IGNORECASE,
)
LABELLED_CREDIT_RE = lazy.compile(
    r"^(?P<label>bài\s*(?:và|&|,)\s*ảnh|bài|tác\s+giả|người\s+viết|thực\s+hiện|biên\s+dịch"
    r"|lược\s+dịch|dịch\s+giả|nhóm\s+phóng\s+viên|phóng\s+viên|pv"
    r"|ảnh|video|clip|đồ\s+họa|thiết\s+kế|ảnh\s*(?:và|&|,)\s*video"
    r"|nguồn(?:\s+(?:ảnh|video|clip|tin|tham\s+khảo))?)\s*[:：]\s*(?P<value>.+)$",
    regex.IGNORECASE,
)
PHOTO_CREDIT_RE = lazy.compile(
    r"^\(?\s*(?:ảnh|hình|nguồn\s+ảnh|video|clip)\s*:?\s*"
    r"(?:internet|st|sưu\s+tầm|minh\s+họa|minh\s+hoạ|tư\s+liệu|nguồn\s+internet)\s*\)?\.?$",
    regex.IGNORECASE,
)
THEO_RE = lazy.compile(r"^theo\s+(?P<value>[^,;:!?]+?)\.?$", regex.IGNORECASE)
SLASH_CREDIT_RE = lazy.compile(
    r"^(?P<author>[^/–—|]+?)\s*(?:/|–|—|\s-\s|\|)\s*(?P<source>(?:theo\s+)?[^/–—|]+)$",
    regex.IGNORECASE,
)
COMPILED_RE = lazy.compile(
    r"^(?P<author>.+?)\s*\((?:tổng\s+hợp|theo\s+[^)]+|lược\s+dịch|dịch)\)$",
    regex.IGNORECASE,
)
TOLD_BY_RE = lazy.compile(
    r"^(?:chia\s+sẻ|tâm\s+sự|lời\s+kể|bài\s+viết|ghi\s+chép)\s+của\s+(?P<author>.+?)\.?$",
    regex.IGNORECASE,
)
# The three credit patterns anchored at the line's start, as one alternation.
CREDIT_START_RE = lazy.compile(
    "|".join(f"(?:{p.pattern})" for p in (PHOTO_CREDIT_RE, THEO_RE, TOLD_BY_RE)),
    regex.IGNORECASE,
)
DOMAIN_RE = lazy.compile(
    r"\b[\w-]+(?:\.[\w-]+)*\.(?:vn|com|net|org|de|info|news|today|tv|edu|gov)\b",
    regex.IGNORECASE,
)
# A link written out with its scheme or www. (bare domains are DOMAIN_RE).
LINK_RE = lazy.compile(r"https?://\S+|www\.\S+", regex.IGNORECASE)
# Every date needs a decimal digit: a prefilter for DATE_RE in the stdlib `re`. Its
# Unicode tables are older than those of `regex`, so astral characters (where the
# newer digits are) count as digits too (tests/test_perf_equivalence.py).
DIGIT_HINT_RE = re.compile(r"[\d\U00010000-\U0010ffff]")
THEO_PREFIX_RE = lazy.compile(r"(?i)^theo\s+")
DESK_WORD_RE = lazy.compile(r"(?i)tổng\s+hợp|sưu\s+tầm|st|nhóm\s+phóng\s+viên")
DESK_RE = lazy.compile(r"(?:Ban|Nhóm|Tổ|Nhóm PV|Ban biên tập)\s+\p{Lu}[\p{L}\s]{1,25}")
NAME_CHARS_RE = lazy.compile(r"[\p{L}][\p{L}\s.'’-]*")
SPACED_DASH_RE = lazy.compile(r"\s-\s")

AUTHOR_LABELS = (
    "bài",
    "tác giả",
    "người viết",
    "thực hiện",
    "phóng viên",
    "pv",
    "nhóm phóng viên",
    "biên dịch",
    "lược dịch",
    "dịch giả",
)


def parse_date(text: str) -> str | None:
    """
    The first date in `text` as ISO 8601, with the time and the zone when the line
    gives them.

        >>> parse_date("Thứ Năm, 09/01/2020, 18:03 (GMT+7)")
        '2020-01-09T18:03:00+07:00'
        >>> parse_date("ĐĂNG CHUNG| 14/10/2016 20:55")
        '2016-10-14T20:55:00'
        >>> parse_date("Cập nhật: 10:20 ngày 05/06/2019"), parse_date("27-08-2017")
        ('2019-06-05T10:20:00', '2017-08-27')
    """
    match = DATE_RE.search(text) if DIGIT_HINT_RE.search(text) else None
    if match is None:
        return None
    groups = match.groupdict()
    if groups["yw"]:
        word = " ".join(groups["mw"].lower().split())
        month = int(word) if word.isdigit() else MONTHS[word]
        year, day = int(groups["yw"]), int(groups["dw"])
    for y, m, d in (
        ("y", "m", "d"),
        ("Y", "M", "D"),
        ("yy", "mm", "dd"),
        ("y8", "m8", "d8"),
    ):
        if groups[y]:
            year, month, day = int(groups[y]), int(groups[m]), int(groups[d])
            break
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    date = f"{year:04d}-{month:02d}-{day:02d}"
    rest = text[: match.start()] + " " + text[match.end() :]
    time = TIME_RE.search(rest)
    if time is None:
        return date
    seconds = int(time["s"] or 0)
    stamp = f"{date}T{int(time['h']):02d}:{int(time['min']):02d}:{seconds:02d}"
    zone = ZONE_RE.search(rest)
    if zone is None:
        return stamp
    return f"{stamp}{zone['sign']}{int(zone['hh']):02d}:{zone['mm'] or '00'}"


def dateline(line: str) -> str | None:
    """
    The ISO date when `line` is a dateline: a date, perhaps a time and a zone, and
    little else (a weekday, "Đăng ngày:", a category or the author's name).

        >>> dateline("Đăng ngày: 19/04/2017 14:45:42")
        '2017-04-19T14:45:42'
        >>> dateline("Ngày 15/9/2019, mưa lớn gây ngập nhiều tuyến phố ở Hà Nội.") is None
        True
        >>> dateline("30/4/1975: Giải phóng miền Nam") is None  # a timeline entry
        True
    """
    # Every date DATE_RE knows has a year starting 19 or 20.
    if "19" not in line and "20" not in line:
        return None
    # Thirteen words are enough to know the line is too long for a dateline.
    if count_credit_words(line, 13) > 12:
        return None
    date = parse_date(line)
    if date is None:
        return None
    if line.rstrip().endswith((".", "!", "?", "…")) and not TIME_RE.search(line[-9:]):
        return None
    date_at = DATE_RE.search(line)
    before, after = line[: date_at.start()], line[date_at.end() :]  # type: ignore[union-attr]

    def others(part: str) -> int:
        part = ZONE_RE.sub(" ", TIME_RE.sub(" ", DATE_RE.sub(" ", part)))
        return len(CREDIT_WORD_RE.findall(DATELINE_WORDS_RE.sub(" ", part)))

    # A category or an author may precede the date; words after it tell a story.
    if others(before) > 4 or others(after) > 1:
        return None
    return date


def credit(line: str) -> tuple[str, dict[str, str]] | None:
    """
    (kind, metadata) when `line` is only a credit: "Bài và ảnh: …", "Nguồn: …",
    "Ảnh: FB", "Theo Hà Văn/Baochinhphu.vn", "PV/VOV.VN", "Lê Anh – Thoibao.de".

        >>> credit("Theo Hà Văn/Baochinhphu.vn")
        ('byline', {'author': 'Hà Văn', 'source': 'Baochinhphu.vn'})
        >>> credit("Bài và ảnh: Bùi Ngọc Tư")
        ('byline', {'author': 'Bùi Ngọc Tư'})
        >>> credit("Kiểu đeo nhẫn mới được nữ sinh yêu thích - Ảnh: Thanh Nam") is None
        True
    """
    line = line.strip()
    if not _credit_shaped(line):
        return None
    # Eleven words are enough to know the line is too long for a credit.
    count = count_credit_words(line, 11)
    if not count or count > 10:
        return None
    labelled = LABELLED_CREDIT_RE.match(line)
    if labelled:
        label = " ".join(labelled["label"].lower().split())
        value = labelled["value"].strip().rstrip(".").strip()
        if len(CREDIT_WORD_RE.findall(value)) > 7 and not LINK_RE.fullmatch(value):
            return None
        if label.startswith("nguồn"):
            return "byline", {"source": value}
        if label in AUTHOR_LABELS or label.startswith("bài"):
            if not (_is_name(value.split("/")[0]) or value.isupper()):
                return None
            return "byline", _split_author(value)
        if not (_is_name(value) or "/" in value or len(value.split()) <= 2):
            return None  # "Ảnh: Toàn cảnh buổi lễ khai mạc" describes the picture
        return "byline", {}  # a photo or video credit says nothing about the article
    if PHOTO_CREDIT_RE.match(line):
        return "byline", {}
    theo = THEO_RE.match(line)
    if theo and count <= 7:
        value = theo["value"].strip()
        if "/" in value:
            return "byline", _split_author(value)
        return "byline", {"source": value}
    told = TOLD_BY_RE.match(line)
    if told and _is_name(told["author"]):
        return "byline", {"author": told["author"]}
    compiled = COMPILED_RE.match(line)
    if compiled and _is_name(compiled["author"]):
        return "byline", {"author": compiled["author"].strip()}
    slash = SLASH_CREDIT_RE.match(line)
    if slash and count <= 7:
        author, source = slash["author"].strip(), slash["source"].strip()
        source = THEO_PREFIX_RE.sub("", source)
        if (_is_name(author) or author.isupper()) and _is_source(source):
            return "byline", {"author": author, "source": source}
    return None


def _credit_shaped(line: str) -> bool:
    """
    False when no credit pattern can match `line`: a credit has a label and a colon,
    opens as a photo credit, "Theo …" or "Chia sẻ của …" does, ends with a bracket,
    or parts author and source with a slash or dash. Most paragraphs do none of it.
    """
    return bool(
        # LABELLED_CREDIT_RE needs a colon.
        ((":" in line or "：" in line) and LABELLED_CREDIT_RE.match(line))
        # PHOTO_CREDIT_RE, THEO_RE or TOLD_BY_RE, anchored at the start.
        or CREDIT_START_RE.match(line)
        or line.endswith(")")  # COMPILED_RE
        or _two_parts(line)  # SLASH_CREDIT_RE
    )


def _two_parts(line: str) -> bool:
    """
    Whether `line` has the separators SLASH_CREDIT_RE needs: author and source hold
    none of / – — |, so the line has one of them, or none and a spaced hyphen.
    """
    marks = line.count("/") + line.count("–") + line.count("—") + line.count("|")
    if marks == 0:
        return "-" in line and SPACED_DASH_RE.search(line) is not None
    return marks == 1


def _split_author(value: str) -> dict[str, str]:
    if "/" in value:
        author, _, source = value.partition("/")
        return {"author": author.strip(), "source": source.strip()}
    return {"author": value}


def _is_source(text: str) -> bool:
    # A site name: a domain, an acronym in capitals (VOV, TTXVN) or a short name.
    return bool(DOMAIN_RE.search(text) or text.isupper() or _is_name(text))


def _is_name(text: str) -> bool:
    """
    True for a short run of capitalised words, as a person's name is written.

        >>> _is_name("Nguyễn Thị Hường"), _is_name("Dự kiến mở rộng")
        (True, False)
    """
    words = text.split()
    if not 1 <= len(words) <= 5 or any(char.isdigit() for char in text):
        return False
    return all(word[:1].isupper() for word in words)


def name_line(line: str) -> bool:
    """
    True when `line` could be an author's name or a desk on its own line ("THỦY HÀ",
    "Trâm Trân", "Ban Thời sự", "Tổng hợp"). Only safe after the article has ended:
    above it, the same shape is a kicker or a place name.

        >>> name_line("THỦY HÀ"), name_line("Nhiều tồn tại…"), name_line("Hết.")
        (True, False, False)
    """
    text = line.strip()
    if len(text.split()) == 1 and text[-1:] in ".!?" and not text.isupper():
        return False  # a one-word sentence closing the article ("Hết.", "Xong!")
    if DESK_WORD_RE.fullmatch(text):
        return True
    if DESK_RE.fullmatch(text):
        return True  # a desk: "Ban Thời sự"
    if not NAME_CHARS_RE.fullmatch(text) or len(text) > 40:
        return False
    words = text.split()
    if not 1 <= len(words) <= 6:
        return False
    capitalised = sum(word[:1].isupper() for word in words)
    return words[0][:1].isupper() and capitalised * 4 >= len(words) * 3
