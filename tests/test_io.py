"""Decoding, folder walks, atomic writes and the ordered map of `vnclean.io`."""

from __future__ import annotations

import codecs
import os
import random
import stat
import unicodedata
from pathlib import Path

import pytest

from vnclean import io
from vnclean.errors import BinaryFileError, DecodeError, InputError

VIETNAMESE = "Hà Nội là thủ đô của nước Cộng hòa xã hội chủ nghĩa Việt Nam.\n"
TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: base letters, combining tones."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize(
                "NFC", "".join(c for c in parts if c not in TONE_MARKS)
            )
            out += (base + "".join(c for c in parts if c in TONE_MARKS)).encode(
                "cp1258"
            )
    return bytes(out)


# decode_bytes -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"]
)
def test_unicode_encodings_decode(encoding: str) -> None:
    data = VIETNAMESE.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):
        data = (
            codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
        ) + data
    assert io.decode_bytes(data, "a.txt") == VIETNAMESE


def test_bom_is_dropped() -> None:
    assert io.decode_bytes(codecs.BOM_UTF8 + b"abc", "a.txt") == "abc"


def test_empty_file_is_empty_text() -> None:
    assert io.decode_bytes(b"", "a.txt") == ""


def test_crlf_is_kept() -> None:
    assert io.decode_bytes(b"a\r\nb\r\n", "a.txt") == "a\r\nb\r\n"


def test_windows_1258_vietnamese_decodes() -> None:
    assert io.decode_bytes(to_cp1258(VIETNAMESE), "a.txt") == VIETNAMESE


def test_windows_1252_vietnamese_decodes() -> None:
    # ò is 0xF2 in Windows-1252 but a combining dot below in Windows-1258.
    text = "Hòa bình và tôi yêu cô"
    assert io.decode_bytes(text.encode("cp1252"), "a.txt") == text


def test_nul_byte_is_binary() -> None:
    with pytest.raises(
        BinaryFileError, match=r"^notes.pdf: binary file \(NUL byte at offset 4\)"
    ):
        io.decode_bytes(b"%PDF\x00rest", "notes.pdf")


def test_nul_in_the_middle_of_text_is_binary() -> None:
    data = VIETNAMESE.encode() + b"\x00" + VIETNAMESE.encode()
    with pytest.raises(BinaryFileError, match="NUL byte at offset"):
        io.decode_bytes(data, "a.txt")


def test_utf16_without_bom_is_binary_with_a_hint() -> None:
    with pytest.raises(BinaryFileError, match="UTF-16 without a byte-order mark"):
        io.decode_bytes(VIETNAMESE.encode("utf-16-le"), "a.txt")


def test_invalid_utf8_inside_valid_utf8_fails() -> None:
    data = VIETNAMESE.encode() * 3
    data = data[:70] + b"\xff" + data[70:]
    with pytest.raises(DecodeError, match=r"not UTF-8 \(byte 0xff at offset 70\)"):
        io.decode_bytes(data, "a.txt")


@pytest.mark.parametrize("seed", range(20))
def test_random_bytes_never_come_out_as_text(seed: int) -> None:
    data = random.Random(seed).randbytes(300).replace(b"\0", b"a")
    with pytest.raises(DecodeError):
        io.decode_bytes(data, "random.bin")


def test_other_languages_in_windows_1252_are_not_guessed() -> None:
    with pytest.raises(DecodeError):
        io.decode_bytes("Un café près de la forêt".encode("cp1252"), "fr.txt")


@pytest.mark.parametrize("encoding", io.decoding.LEGACY_ENCODINGS)
def test_legacy_decoding_counts_letter_runs_as_words(encoding: str) -> None:
    # Words are judged as the syllable model reads them (segments.LETTER_RUN_RE): on
    # whatever a legacy code page decodes to, composed, that is every character that
    # is a word character but no digit or underscore.
    import regex

    from vnclean.segments import LETTER_RUN_RE

    word_char = regex.compile(r"[^\W\d_]")
    chars = {bytes([b]).decode(encoding, "ignore") for b in range(256)} - {""}
    chars |= {unicodedata.normalize("NFC", a + b) for a in chars for b in chars}
    for char in chars:
        for one in char:
            assert bool(LETTER_RUN_RE.match(one)) == bool(word_char.match(one)), one


def test_invalid_utf16_after_bom_fails() -> None:
    with pytest.raises(DecodeError, match="UTF-16-LE"):
        io.decode_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8", "a.txt")  # lone surrogate


# find_inputs --------------------------------------------------------------------------


def tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def found(paths: list[Path], **options: object) -> list[str]:
    items = io.find_inputs([str(p) for p in paths], **options)  # type: ignore[arg-type]
    return [item.relative for item in items if isinstance(item, io.Input)]


def test_folders_are_walked_sorted_and_filtered_by_glob(tmp_path: Path) -> None:
    root = tree(
        tmp_path / "in", {"b.txt": "", "a/z.txt": "", "a/y.md": "", "c.txt": ""}
    )
    assert found([root]) == [os.path.join("a", "z.txt"), "b.txt", "c.txt"]
    assert found([root], glob="*.md") == [os.path.join("a", "y.md")]


def test_a_folder_given_twice_is_walked_once(tmp_path: Path) -> None:
    root = tree(tmp_path / "in", {"a.txt": "", "sub/b.txt": ""})
    assert found([root, root, root / "sub", root / "a.txt"]) == ["a.txt", "sub/b.txt"]


def test_excluded_output_folder_is_not_entered(tmp_path: Path) -> None:
    root = tree(tmp_path / "in", {"a.txt": "", "out/a.txt": ""})
    assert found([root], exclude=[str(root / "out")]) == ["a.txt"]


def test_temporary_files_are_never_inputs(tmp_path: Path) -> None:
    root = tree(tmp_path / "in", {"a.txt": "", ".a.txt.vnclean-tmp-x1y2": ""})
    assert found([root], glob="*") == ["a.txt"]


def test_missing_path_is_a_failed_input(tmp_path: Path) -> None:
    [item] = io.find_inputs([str(tmp_path / "nope.txt")])
    assert isinstance(item, io.Input)
    assert isinstance(item.problem, InputError)
    assert str(item.problem).endswith("nope.txt: no such file or folder")


def test_symlinks_are_not_followed_by_default(tmp_path: Path) -> None:
    root = tree(tmp_path / "in", {"a.txt": ""})
    (root / "link.txt").symlink_to(root / "a.txt")
    items = list(io.find_inputs([str(root)]))
    assert [i.relative for i in items if isinstance(i, io.Input)] == ["a.txt"]
    assert [i.reason for i in items if isinstance(i, io.Skipped)] == [
        "symbolic link, not followed without --follow-links"
    ]


def test_symlink_loops_and_links_out_of_the_tree_are_skipped(tmp_path: Path) -> None:
    root = tree(tmp_path / "in", {"a.txt": "", "sub/b.txt": ""})
    tree(tmp_path, {"outside.txt": ""})
    (root / "sub" / "up").symlink_to(root)
    (root / "self").symlink_to(root / "self")
    (root / "out.txt").symlink_to(tmp_path / "outside.txt")
    items = list(io.find_inputs([str(root)], follow_links=True))
    inputs = [i.relative for i in items if isinstance(i, io.Input)]
    skipped = {
        os.path.basename(i.display): i.reason
        for i in items
        if isinstance(i, io.Skipped)
    }
    assert inputs == ["a.txt", os.path.join("sub", "b.txt")]
    assert skipped == {
        "out.txt": "symbolic link to outside the input tree",
        "self": "symlink loop",
        "up": "symlink loop",
    }


def test_explicit_symlink_loop_fails_alone(tmp_path: Path) -> None:
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    [item] = io.find_inputs([str(tmp_path / "loop.txt")])
    assert isinstance(item, io.Input)
    assert "symlink loop" in str(item.problem)


def test_output_path_stays_inside_the_output_folder(tmp_path: Path) -> None:
    out = str(tmp_path / "out")
    assert io.output_path(out, os.path.join("a", "b.txt")) == os.path.join(
        out, "a", "b.txt"
    )
    with pytest.raises(InputError, match="would leave the output folder"):
        io.output_path(out, os.path.join("..", "evil.txt"))
    with pytest.raises(InputError):
        io.output_path(out, "/etc/passwd")


# atomic writes ------------------------------------------------------------------------


def test_atomic_write_replaces_keeps_mode_and_backs_up(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"old")
    path.chmod(0o640)
    io.write_atomically(str(path), b"new", mode_of=str(path), backup=".bak")
    assert path.read_bytes() == b"new"
    assert (tmp_path / "a.txt.bak").read_bytes() == b"old"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "a.txt.bak"]


def test_failed_atomic_write_leaves_the_file_and_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"old")
    with pytest.raises(RuntimeError), io.atomic_writer(str(path)) as file:
        file.write(b"half")
        raise RuntimeError("crash while writing")
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


# ordered_map --------------------------------------------------------------------------


def _square(n: int) -> int:
    return n * n


@pytest.mark.parametrize("jobs", [1, 2])
def test_ordered_map_keeps_input_order(jobs: int) -> None:
    assert list(io.ordered_map(_square, range(50), jobs=jobs)) == [
        n * n for n in range(50)
    ]


def test_ordered_map_consumes_its_input_lazily() -> None:
    pulled = []

    def items():
        for n in range(1000):
            pulled.append(n)
            yield n

    results = io.ordered_map(_square, items(), jobs=2)
    assert next(results) == 0
    assert len(pulled) <= 2 * 2 + 1  # the window, not the whole stream
    assert sum(1 for _ in results) == 999


def test_batches_keep_every_item_in_order_within_both_bounds() -> None:
    lines = list(enumerate([b"x" * n for n in (1, 9, 3, 3, 3, 20, 1, 1, 1, 1, 1)]))
    batches = list(io.batched(lines, most=4, size=6, weight=lambda line: len(line[1])))
    assert [line for batch in batches for line in batch] == lines
    # A batch closes on the line that reaches 6 bytes or 4 lines, not before.
    numbers = [[number for number, _ in batch] for batch in batches]
    assert numbers == [[0, 1], [2, 3], [4, 5], [6, 7, 8, 9], [10]]
