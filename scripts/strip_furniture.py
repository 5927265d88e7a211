"""
Synthetic pages for fitting and testing the strip model: gold article text wrapped in
page furniture written here (menus, breadcrumbs, tickers, reading tools, related lists,
comment forms, footers), in Vietnamese and in English.

    from strip_furniture import TEMPLATES, page
    lines, labels = page(TEMPLATES[3], article_lines, other_titles, seed=7)

A template is one imaginary site: which furniture it prints and where, and its own
picks from the phrase pools. Training templates draw from the even entries of each
pool, held-out templates (``template.held_out``) from the odd entries, so a held-out
site's furniture is worded differently from anything the model was fitted on.

No article text lives here: the article lines come from the caller (the gold of
``../shared/data/articles`` or of ``/work/pages``), which stays out of the repository.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

# ------------------------------------------------------------------ phrase pools

SITE_NAMES = [
    "BÁO ĐIỆN TỬ TIẾNG NÓI NHÂN DÂN",
    "CỔNG THÔNG TIN ĐIỆN TỬ TỈNH BẮC GIANG",
    "Trường Đại học Sư phạm Kỹ thuật Vĩnh Long",
    "CÔNG TY CỔ PHẦN ĐẦU TƯ XÂY DỰNG AN PHÁT",
    "Tạp chí Văn hóa & Đời sống",
    "Blog Góc Nhỏ Của Lan",
    "SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH ĐỒNG THÁP",
    "Báo Nông thôn Ngày nay điện tử",
    "UBND HUYỆN CHÂU THÀNH",
    "Chuyên trang Sức khỏe Gia đình",
    "Viện Khoa học Xã hội vùng Nam Bộ",
    "Mẹo Vặt Hay Mỗi Ngày",
    "Hội Nông dân Việt Nam",
    "TIN TỨC 24H",
    "Nhà sách Phương Nam Online",
    "Bệnh viện Đa khoa tỉnh Quảng Ngãi",
]
MOTTOS = [
    "Thông tin nhanh - chính xác - tin cậy",
    "Diễn đàn của nông dân, vì nông dân",
    "Tri thức - Đạo đức - Sáng tạo",
    "Uy tín tạo nên thương hiệu",
    "Chia sẻ để cùng nhau tiến bộ",
    "Nơi cập nhật tin tức mới nhất",
    "Vì sức khỏe cộng đồng",
    "Just another WordPress site",
]
TOP_BAR = [
    "Đăng nhập",
    "Đăng ký",
    "Tìm kiếm",
    "English",
    "Liên hệ",
    "Sitemap",
    "RSS",
    "Tiếng Việt",
    "Search",
    "Login",
    "Hotline: 1900 6868",
    "Đường dây nóng: 0913 456 789",
    "Tải ứng dụng",
    "Quảng cáo",
    "Đặt báo",
    "Skip to content",
    "Menu",
    "Toggle navigation",
    "Chuyển đến nội dung",
    "Trang chủ",
]
MENU_VI = [
    "Trang chủ",
    "Thời sự",
    "Chính trị",
    "Kinh tế",
    "Xã hội",
    "Pháp luật",
    "Thế giới",
    "Văn hóa",
    "Giáo dục",
    "Thể thao",
    "Sức khỏe",
    "Khoa học",
    "Công nghệ",
    "Du lịch",
    "Giải trí",
    "Đời sống",
    "Bạn đọc",
    "Nhà đất",
    "Ô tô - Xe máy",
    "Tuyển sinh",
    "Giới thiệu",
    "Tin tức - Sự kiện",
    "Văn bản",
    "Thủ tục hành chính",
    "Hỏi đáp",
    "Liên hệ",
    "Sản phẩm",
    "Dịch vụ",
    "Dự án",
    "Tuyển dụng",
    "Thư viện ảnh",
    "Video",
    "Đào tạo",
    "Nghiên cứu khoa học",
    "Hợp tác quốc tế",
    "Sinh viên",
    "Tuyển sinh 2024",
    "Cơ cấu tổ chức",
    "Lịch sử phát triển",
    "Chức năng nhiệm vụ",
    "Góc nhìn",
    "Podcast",
    "Multimedia",
    "Emagazine",
    "Infographic",
    "Ẩm thực",
    "Làm đẹp",
    "Tâm sự",
    "Gia đình",
    "Mẹ và bé",
    "Kinh doanh",
    "Chứng khoán",
    "Bất động sản",
]
MENU_EN = [
    "Home",
    "About us",
    "News",
    "Events",
    "Contact",
    "Products",
    "Services",
    "Blog",
    "Gallery",
    "Careers",
    "Research",
    "Admissions",
    "Students",
    "Alumni",
    "Faculty",
    "Downloads",
    "FAQ",
    "Shop",
    "Portfolio",
    "Team",
]
BREADCRUMB_ROOTS = ["Trang chủ", "Home", "Trang nhất", "Tin tức", "Trang chủ"]
BREADCRUMB_SEPARATORS = [" » ", " > ", " / ", " >> ", " › ", " | ", "»", " - "]
DATELINES = [
    "Thứ Hai, 07/12/2026 08:15",
    "Cập nhật lúc 14:32 ngày 21/03/2024",
    "Ngày đăng: 05/06/2023",
    "15/08/2022 - 09:41",
    "Thứ bảy, 10/5/2024, 06:00 (GMT+7)",
    "Posted on 12 March 2023 by admin",
    "Đăng lúc: 10:20 | 02/02/2021",
    "Chủ nhật, 12/11/2023 | 19:05",
    "March 4, 2022",
    "Ngày 18 tháng 9 năm 2020",
]
READING_TOOLS = [
    "Cỡ chữ",
    "A- A A+",
    "In bài",
    "In trang",
    "Nghe đọc bài",
    "Nghe bài viết",
    "Lưu bài",
    "Gửi bài viết",
    "Chia sẻ",
    "Chia sẻ:",
    "Like",
    "Tweet",
    "Share",
    "Zalo",
    "Facebook",
    "Copy link",
    "Bản in",
    "Gửi email",
    "Theo dõi",
    "Print",
    "Font size",
    "Email",
    "0 bình luận",
    "Thích 0",
]
COUNTERS = [
    "Lượt xem: {n}",
    "{n} lượt xem",
    "Views: {n}",
    "Đã xem: {n}",
    "{n} views",
    "Lượt đọc: {n}",
    "({n})",
    "{n} Bình luận",
    "Like {n}",
    "{n} Thích",
]
TICKERS = [
    "VN-Index {a},{b} +{d},{d} (+0,{b}%)",
    "HNX-Index {d}{d},{b} -0,{d} (-0,{d}%)",
    "Vàng SJC {a}.500 / {a}.800",
    "USD {a}.350 {a}.720",
    "EUR {a}.{b}0",
    "Nhiệt độ: {a}°C",
    "Hà Nội {d}°C - {a}°C",
    "Giá xăng RON 95: {a}.{b}0 đ/lít",
    "Tỷ giá",
    "Giá vàng",
    "Thời tiết",
    "BTC {a},{b}",
]
SECTION_HEADS = [
    "Tin liên quan",
    "Bài viết liên quan",
    "Tin cùng chuyên mục",
    "Related posts",
    "Tin mới nhất",
    "Recent Posts",
    "Đọc nhiều nhất",
    "Most read",
    "Tin khác",
    "Các tin khác",
    "Xem thêm",
    "You may also like",
    "Bài viết mới",
    "Latest news",
    "Tin nổi bật",
    "Popular posts",
    "Có thể bạn quan tâm",
    "Bài viết cùng danh mục",
    "TIN MỚI",
    "Tin đã đưa",
    "Những tin mới hơn",
    "Những tin cũ hơn",
    "Đừng bỏ lỡ",
    "Chuyên mục",
]
PREV_NEXT = [
    "Bài trước: {t}",
    "Previous post: {t}",
    "Bài sau: {t}",
    "Next post: {t}",
    "« {t}",
    "{t} »",
    "← {t}",
    "{t} →",
    "Bài viết trước",
    "Bài viết tiếp theo",
]
INLINE_WIDGETS = [
    "Xem thêm: {t}",
    ">> {t}",
    "Đọc thêm: {t}",
    "Read more: {t}",
    "Quảng cáo",
    "ADVERTISEMENT",
    "Video đang được quan tâm",
    "Mời quý độc giả xem thêm video:",
    "Tin liên quan: {t}",
    "Advertisement",
    "Bấm vào đây để xem thêm",
    "Click here to read more",
]
IMAGE_NAMES = [
    "IMG_20190512_083245.jpg",
    "DSC_0123",
    "1312455_56511573_n",
    "anh-minh-hoa-1.jpg",
    "z4523687451236_8b5c0f1a2e3d4f56a7b8c9d0e1f2a3b4.jpg",
    "IMG_0806",
    "20231105_093412",
    "hinh-anh-su-kien-2.png",
    "DSCF4421.JPG",
    "photo-1-1699.jpeg",
    "received_123456789012345",
    "Canon EOS 5D Mark III",
]
CREDITS = [
    "Ảnh: Minh Anh",
    "Ảnh minh họa",
    "Ảnh: Internet",
    "(Ảnh: Báo Tin Tức)",
    "Photo: Reuters",
    "Nguồn ảnh: Facebook",
    "Ảnh: NVCC",
    "Ảnh: Tư liệu",
    "Bài và ảnh: Hoàng Long",
    "Ảnh: AFP",
]
BYLINES = [
    "Minh Hà",
    "PV",
    "Theo VnExpress",
    "Nguyễn Văn An",
    "Theo Báo Lao Động",
    "Tác giả: Trần Thu Trang",
    "Hồng Nhung (tổng hợp)",
    "Nguồn: Dân trí",
    "BBT",
    "Author: admin",
    "Thu Hằng - Văn Quý",
    "Theo Tuổi Trẻ",
]
TAGS = [
    "Tags: {w}, {w}, {w}",
    "Từ khóa: {w}, {w}",
    "Tag: {w} {w} {w}",
    "Chủ đề: {w}",
    "Thẻ: {w}, {w}, {w}",
    "Tags {w} {w}",
]
RATINGS = [
    "Bạn thấy bài viết này thế nào?",
    "Đánh giá bài viết",
    "Bài viết hữu ích?",
    "Rate this post",
    "Có",
    "Không",
    "Gửi phản hồi",
    "Báo lỗi",
    "Góp ý",
    "Bookmark",
]
COMMENT_FORMS = [
    [
        "Để lại một bình luận",
        "Email của bạn sẽ không được hiển thị công khai. Các trường bắt buộc được đánh dấu *",
        "Bình luận *",
        "Tên *",
        "Email *",
        "Trang web",
        "Lưu tên của tôi, email, và trang web trong trình duyệt này cho lần bình luận kế tiếp của tôi.",
        "Gửi bình luận",
    ],
    [
        "Leave a Reply",
        "Cancel reply",
        "Your email address will not be published. Required fields are marked *",
        "Comment",
        "Name *",
        "Email *",
        "Website",
        "Save my name, email, and website in this browser for the next time I comment.",
        "Post Comment",
    ],
    [
        "Ý kiến bạn đọc",
        "Gửi ý kiến",
        "Họ và tên",
        "Địa chỉ email",
        "Nội dung",
        "Mã xác nhận",
        "Gửi",
        "Nhập lại",
    ],
    [
        "Leave a Comment",
        "You must be logged in to post a comment.",
        "This site uses Akismet to reduce spam. Learn how your comment data is processed.",
        '[contact-form-7 id="123" title="Liên hệ"]',
    ],
    [
        "Bình luận",
        "Viết bình luận",
        "Bình luận của bạn",
        "Gửi bình luận",
        "Hủy",
        "Chưa có bình luận nào",
    ],
    [
        "This entry was posted in {c}. Bookmark the permalink.",
        "Posted in {c} | Leave a comment",
        "Bài viết được đăng trong mục {c}. Đánh dấu đường dẫn tĩnh.",
        "Edit",
    ],
]
SIDEBARS = [
    "Thống kê truy cập",
    "Đang truy cập: {n}",
    "Hôm nay: {n}",
    "Tổng lượt truy cập: {n}",
    "Liên kết website",
    "Chọn liên kết",
    "Văn bản mới",
    "Lịch công tác",
    "Thăm dò ý kiến",
    "Bạn quan tâm đến lĩnh vực nào?",
    "Archives",
    "Categories",
    "Meta",
    "Log in",
    "Entries feed",
    "Comments feed",
    "WordPress.org",
    "Danh mục",
    "Lưu trữ",
    "Fanpage",
    "Hỗ trợ trực tuyến",
    "Video clip",
    "Thư viện ảnh",
    "Liên kết",
]
FOOTERS = [
    "Cơ quan chủ quản: Hội Nhà báo Việt Nam",
    "Giấy phép số {n}/GP-BTTTT do Bộ Thông tin và Truyền thông cấp ngày 12/3/2019",
    "Tổng biên tập: Nguyễn Văn Hòa",
    "Địa chỉ: Số {n} đường Lê Lợi, phường Bến Nghé, quận 1, TP Hồ Chí Minh",
    "Điện thoại: (028) 3822 {n} - Fax: (028) 3822 {n}",
    "Email: toasoan@example.vn",
    "© 2024 Bản quyền thuộc về Báo điện tử Ví Dụ",
    "Ghi rõ nguồn khi phát hành lại thông tin từ website này.",
    "Mã số doanh nghiệp: 0312{n} do Sở KH&ĐT TP.HCM cấp ngày 05/05/2015",
    "Designed by VietWeb",
    "Lên đầu trang",
    "Back to top",
    "Copyright © 2023 Công ty TNHH Minh Phát. All rights reserved.",
    "Powered by WordPress | Theme: Astra",
    "Chịu trách nhiệm nội dung: Trần Minh Tuấn",
    "Hotline: 0909 {n} 456",
    "Trụ sở: 25 Trần Hưng Đạo, Hoàn Kiếm, Hà Nội",
    "Website: www.example.gov.vn",
    "Bản quyền © Sở Giáo dục và Đào tạo",
    "Thiết kế và phát triển bởi Công ty Phần mềm ABC",
    "Chính sách bảo mật",
    "Điều khoản sử dụng",
    "Privacy Policy",
    "Terms of Service",
]
SYMBOLS = ["»", "›", "•", "×", "▲", "|", "©", "→", "...", "★★★★★", "«", "☰", "▼", "↑"]
TAG_WORDS = [
    "giáo dục",
    "sức khỏe",
    "Hà Nội",
    "kinh tế",
    "du lịch",
    "covid-19",
    "bóng đá",
    "giá vàng",
    "thời tiết",
    "học sinh",
    "tuyển sinh",
    "nông nghiệp",
    "công nghệ",
    "phòng chống dịch",
    "an toàn giao thông",
    "mẹo vặt",
]
CATEGORIES = ["Tin tức", "Uncategorized", "Sức khỏe", "Giáo dục", "News", "Đời sống"]


def _half(pool: list, held_out: bool) -> list:
    """The share of a pool a template may use: even entries to fit, odd to test."""
    part = pool[1::2] if held_out else pool[0::2]
    return part or pool


@dataclass(frozen=True)
class Template:
    """An imaginary site: which furniture it prints, fixed by its seed."""

    name: str
    seed: int
    held_out: bool = False


TEMPLATES = [
    Template(f"synthetic-{i:02d}", 1000 + i, held_out=i >= 20) for i in range(30)
]


def page(
    template: Template,
    article: list[str],
    titles: list[str],
    seed: int,
) -> tuple[list[str], list[bool]]:
    """
    A page of `template` around the article's gold lines: the page's lines and, for
    each, whether it belongs to the article. `titles` are other articles' titles, for
    the headline lists.
    """
    site = random.Random(template.seed)  # the site's own fixed choices
    rnd = random.Random(seed * 7919 + template.seed)  # this page's variation
    h = template.held_out

    def pick(pool: list, k: int = 1, r: random.Random = rnd) -> list:
        part = _half(pool, h)
        return [r.choice(part) for _ in range(k)]

    makers = {
        "n": lambda: str(rnd.randint(1, 99999)),
        "a": lambda: str(rnd.randint(10, 99)),
        "b": lambda: str(rnd.randint(10, 99)),
        "c": lambda: rnd.choice(CATEGORIES),
        "d": lambda: str(rnd.randint(1, 9)),
        "t": lambda: rnd.choice(titles),
        "w": lambda: rnd.choice(_half(TAG_WORDS, h)),
    }

    def fill(s: str) -> str:
        # Each placeholder is filled anew where it stands: "{n}" twice, two numbers.
        return re.sub(r"\{(\w)\}", lambda m: makers[m[1]](), s)

    english = site.random() < 0.3
    menu_pool = MENU_EN if english else MENU_VI
    menu = [m for m in _half(menu_pool, h) if site.random() < 0.6][
        : site.randint(4, 16)
    ]
    name = site.choice(_half(SITE_NAMES, h))
    sep = site.choice(_half(BREADCRUMB_SEPARATORS, h))
    has = {
        part: site.random() < p
        for part, p in {
            "top": 0.6,
            "name": 0.7,
            "motto": 0.3,
            "ticker": 0.25,
            "menu": 0.85,
            "crumb": 0.6,
            "head_list": 0.3,
            "date": 0.7,
            "tools": 0.5,
            "counter": 0.4,
            "inline": 0.4,
            "images": 0.4,
            "credit": 0.3,
            "byline": 0.6,
            "tags": 0.5,
            "share": 0.5,
            "rating": 0.2,
            "prevnext": 0.4,
            "related": 0.8,
            "comments": 0.5,
            "sidebar": 0.5,
            "footer": 0.9,
            "symbols": 0.4,
            "menu_again": 0.3,
        }.items()
    }
    out: list[tuple[str, bool]] = []

    def furniture(lines: list[str]) -> None:
        out.extend((fill(line), False) for line in lines)

    if has["top"]:
        furniture(pick(TOP_BAR, site.randint(2, 6)))
    if has["name"]:
        furniture([name])
    if has["motto"]:
        furniture(pick(MOTTOS))
    if has["ticker"]:
        furniture(pick(TICKERS, rnd.randint(2, 5)))
    if has["menu"]:
        furniture(menu)
    if has["symbols"]:
        furniture(pick(SYMBOLS, rnd.randint(1, 2)))
    if has["head_list"]:
        furniture(pick(SECTION_HEADS) + rnd.sample(titles, min(len(titles), 4)))
    if has["crumb"]:
        root = site.choice(BREADCRUMB_ROOTS)
        furniture(
            [sep.join([root] + rnd.sample(menu or MENU_VI, min(2, len(menu) or 2)))]
        )
    body: list[tuple[str, bool]] = [(line, True) for line in article]
    # Furniture between the title and the lead, and inside the body.
    header: list[str] = []
    if has["date"]:
        header += pick(DATELINES)
    if has["counter"]:
        header += pick(COUNTERS)
    if has["tools"]:
        header += pick(READING_TOOLS, rnd.randint(1, 4))
    at = 1 if len(body) > 2 else 0
    body[at:at] = [(fill(line), False) for line in header]
    for _ in range(rnd.randint(0, 2) if has["inline"] else 0):
        spot = rnd.randint(at + 1, max(at + 1, len(body) - 1))
        body.insert(spot, (fill(pick(INLINE_WIDGETS)[0]), False))
    for _ in range(rnd.randint(1, 3) if has["images"] else 0):
        spot = rnd.randint(at + 1, max(at + 1, len(body) - 1))
        body.insert(spot, (pick(IMAGE_NAMES)[0], False))
    if has["credit"]:
        spot = rnd.randint(at + 1, max(at + 1, len(body) - 1))
        body.insert(spot, (pick(CREDITS)[0], False))
    out.extend(body)
    if has["byline"]:
        furniture(pick(BYLINES))
    if has["tags"]:
        furniture(pick(TAGS))
    if has["share"]:
        furniture(pick(READING_TOOLS, rnd.randint(1, 4)))
    if has["rating"]:
        furniture(pick(RATINGS, rnd.randint(1, 4)))
    if has["prevnext"]:
        furniture(pick(PREV_NEXT, 2))
    if has["related"]:
        heads = pick(SECTION_HEADS, 1, site)
        items = rnd.sample(titles, min(len(titles), rnd.randint(3, 8)))
        if site.random() < 0.3:  # dates after the headlines
            items = [
                f"{t} ({rnd.randint(1, 28):02d}/{rnd.randint(1, 12):02d}/2023)"
                for t in items
            ]
        furniture(heads + items)
    if has["comments"]:
        furniture(site.choice(_half(COMMENT_FORMS, h)))
    if has["sidebar"]:
        furniture(pick(SIDEBARS, rnd.randint(2, 6)))
        if rnd.random() < 0.5:
            furniture(pick(SECTION_HEADS) + rnd.sample(titles, min(len(titles), 5)))
    if has["menu_again"]:
        furniture(menu)
    if has["footer"]:
        furniture(pick(FOOTERS, rnd.randint(3, 8)))
    return [line for line, _ in out], [label for _, label in out]
