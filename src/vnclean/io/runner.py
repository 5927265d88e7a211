"""
Cleaning one input in a worker process: a text file, or a batch of JSON-lines
records. The command line sends inputs here through `pool.ordered_map` and writes
what comes back in input order; an input's failure comes back as its message, so one
bad input never stops a run.

Also what both commands read inputs through: stdin as an input, and the text of a
file or of each record of a JSON-lines file.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from typing import IO, Any

from vnclean.errors import DecodeError, VncleanError
from vnclean.io.decoding import (
    BOMS,
    MAX_DOCUMENT_BYTES,
    decode_bytes,
    open_bytes,
    read_at_most,
    read_bytes,
    too_large,
)
from vnclean.io.jsonl import json_bytes, numbered_lines, parse_record
from vnclean.io.walk import Input
from vnclean.model import Config, Result
from vnclean.pipeline import run
from vnclean.profile import (
    DocumentLines,
    Profile,
    document_lines,
    prepare_for_learning,
    site_of,
)
from vnclean.segments import newline_of

STDIN_NAME = "<stdin>"
# How much of a JSON-lines input is looked at for a UTF-16 or UTF-32 start.
WIDE_PEEK = 4096


@dataclass(frozen=True)
class Settings:
    """What every worker needs to clean an input, sent to it once."""

    config: Config
    explain: bool  # work out the changes (-v, --diff, JSON output)
    field: str  # of a JSON-lines record
    keep_before: bool  # send the text before back too, for --diff
    max_bytes: int  # --max-size
    annotate: bool  # add the explanation to each JSON-lines record
    # The profile of each site learned from the JSON lines, the site of a record
    # named by its field `site_field`; a record of another site uses `config`.
    profiles: Mapping[str, Profile] | None = None
    site_field: str | None = None


_settings: list[Settings] = []
_site_configs: dict[str, Config] = {}  # the config of each site met, made once


def start_worker(settings: Settings) -> None:
    """Give this process the settings of the run; called once per worker."""
    _settings[:] = [settings]
    _site_configs.clear()


def _config_of(record: dict[str, Any], settings: Settings) -> Config:
    """The config that cleans `record`: with its site's profile, when one was learned."""
    if not settings.profiles or settings.site_field is None:
        return settings.config
    site = site_of(record.get(settings.site_field))
    profile = settings.profiles.get(site) if site else None
    if profile is None:
        return settings.config
    if site not in _site_configs:
        _site_configs[site] = replace(settings.config, profile=profile)
    return _site_configs[site]


def _current() -> Settings:
    return _settings[0]


@dataclass
class Outcome:
    """What cleaning one text file gave: the result, or an error."""

    item: Input
    changed: bool = False
    result: Result | None = None
    size: int = 0  # of the bytes read
    before: str = ""  # the text before, for --diff only
    error: str | None = None
    trace: str | None = None

    @property
    def after(self) -> str:
        """The text of the file written, which ends with a line break."""
        return as_text_file(self.result.text if self.result else "")


@dataclass
class Record:
    """One JSON-lines record: the line to write and what cleaning it took."""

    name: str  # file:line
    size: int  # of the line read, for the progress bar
    line: bytes
    changed: bool = False
    # None for a blank line or a bad record; its text only with `before`.
    result: Result | None = None
    before: str = ""  # the text before, for --diff and --report only
    error: str | None = None
    trace: str | None = None


def clean_file(item: Input) -> Outcome:
    """Read, decode and clean one text file."""
    settings = _current()
    try:
        data = read_item(item, settings.max_bytes)
        before = decode_bytes(data, item.display)
        result = run(before, settings.config, explain=settings.explain)
        kept = before if settings.keep_before else ""
        # Changed when the bytes written would differ: a file in Windows-1258, UTF-16
        # or with a BOM is rewritten as UTF-8 even when its text is already clean.
        changed = as_text_file(result.text).encode("utf-8") != data
        return Outcome(item, changed, result, len(data), kept)
    except VncleanError as error:
        return Outcome(item, error=str(error))
    except Exception as error:  # noqa: BLE001 - one input's bug must not stop the run
        return Outcome(
            item, error=_internal(item.display, error), trace=traceback.format_exc()
        )


def clean_records(task: tuple[str, list[tuple[int, bytes]]]) -> list[Record]:
    """Clean a batch of numbered lines of the JSON-lines input named `task[0]`."""
    name, batch = task
    return [clean_record(f"{name}:{number}", line) for number, line in batch]


def clean_record(name: str, line: bytes) -> Record:
    """Clean the text field of the record on one line, named `name` (file:line)."""
    settings = _current()
    # A blank line or a bad record is written back as it was, so no data is lost
    # and line N of the output is still line N of the input.
    body = line.rstrip(b"\r\n")
    ending = line[len(body) :]
    if not body.strip():
        return Record(name, len(line), line)
    field = settings.field
    try:
        if len(body) > settings.max_bytes:
            raise too_large(name, len(body), settings.max_bytes)
        record = parse_record(name, body, field)
        before = record[field]
        result = run(before, _config_of(record, settings), explain=settings.explain)
    except VncleanError as error:
        return Record(name, len(line), line, error=str(error))
    except Exception as error:  # noqa: BLE001 - one record's bug must not stop the run
        trace = traceback.format_exc()
        return Record(name, len(line), line, error=_internal(name, error), trace=trace)
    changed = result.text != before
    out = line  # unchanged records keep their exact bytes
    if changed or settings.annotate:
        record[field] = result.text
        if settings.annotate:
            explained = result.to_dict()
            del explained["text"]
            record["vnclean"] = explained
        out = json_bytes(record) + ending
    if not settings.keep_before:
        # The cleaned text is already in `out`; the command needs it again only to
        # show a diff or a report, which keep the text before too.
        return Record(name, len(line), out, changed, replace(result, text=""))
    return Record(name, len(line), out, changed, result, before)


def prepare_records(
    task: tuple[str, str, int, list[tuple[int, bytes]]],
) -> tuple[int, list[tuple[str, DocumentLines]]]:
    """
    For the first pass of `clean --site-field`: the bytes of a batch of numbered
    JSON lines, and the site and the lines a profile counts (`document_lines`) of
    the text as the strip stage will see it (`prepare_for_learning`) of each record
    that names a site in the field `task[1]` and holds text in the field `task[0]`,
    in at most `task[2]` bytes. Other records are left out: cleaning reports the bad
    ones.
    """
    field, site_field, max_bytes, batch = task
    prepared: list[tuple[str, DocumentLines]] = []
    for number, line in batch:
        body = line.rstrip(b"\r\n")
        if not body.strip() or len(body) > max_bytes:
            continue
        try:
            record = parse_record(str(number), body, field)
            site = site_of(record.get(site_field))
            if site:
                text = prepare_for_learning(record[field])
                prepared.append((site, document_lines(text)))
        except Exception:  # noqa: BLE001, S112 - cleaning the record reports it
            continue
    return sum(len(line) for _, line in batch), prepared


def _internal(name: str, error: Exception) -> str:
    return f"{name}: internal error: {type(error).__name__}: {error}"


def as_text_file(text: str) -> str:
    """
    `text` as a text file holds it: ending with a line break (of the kind the text
    uses) unless it is empty. The library keeps the input's last line break or its
    absence; a file written ends with one, as text files do.

        >>> as_text_file("Hà Nội"), as_text_file("a\\r\\nb"), as_text_file("")
        ('Hà Nội\\n', 'a\\r\\nb\\r\\n', '')
    """
    if not text or text.endswith(("\n", "\r")):
        return text
    return text + newline_of(text)


def formatted(name: str, result: Result, output_format: str) -> bytes:
    """What is written for one cleaned text file: its text, or JSON about it."""
    if output_format == "text":
        return as_text_file(result.text).encode("utf-8")
    document = {"path": name, **result.to_dict()}
    return json_bytes(document, indent=2 if output_format == "json" else None) + b"\n"


# Reading inputs -----------------------------------------------------------------------


def binary(stream: IO[str]) -> IO[bytes]:
    """The byte stream under a text stream, or the stream itself if it has none."""
    return getattr(stream, "buffer", stream)  # type: ignore[return-value]


def stdin_input(records: bool, max_bytes: int) -> Input:
    """Standard input as an input: JSON lines are read as they are used, text at once."""
    data, problem = b"", None
    if not records:
        try:
            data = read_at_most(binary(sys.stdin), STDIN_NAME, max_bytes)
        except VncleanError as error:
            problem = error
    return Input(STDIN_NAME, None, "stdin", problem, data)


def read_item(item: Input, max_bytes: int = MAX_DOCUMENT_BYTES) -> bytes:
    """The bytes of a text input, or the error that finding it met."""
    if item.problem is not None:
        raise item.problem
    if item.data is not None or item.path is None:
        return item.data or b""
    return read_bytes(item.path, item.display, max_bytes)


def read_stream(item: Input, max_bytes: int) -> Input:
    """
    A pipe named as an input (`<(cmd)`, a FIFO), read here and now as stdin is: it can
    be read only once, and only by this process.
    """
    if not item.stream or item.problem is not None:
        return item
    try:
        return replace(item, data=read_bytes(item.path or "", item.display, max_bytes))
    except VncleanError as error:
        return replace(item, problem=error)


def read_text(item: Input) -> str:
    """The decoded text of a text input."""
    return decode_bytes(read_item(item), item.display)


def record_texts(
    item: Input, field: str, max_bytes: int = MAX_DOCUMENT_BYTES
) -> Iterator[str | VncleanError]:
    """
    The text in `field` of each record of a JSON-lines input, read one at a time; a
    record that is not JSON, lacks the field or is larger than `max_bytes` comes as
    its error, so the others still count. Blank lines are skipped.
    """
    for record in _records(item, field, max_bytes):
        yield record if isinstance(record, VncleanError) else record[field]


def site_texts(
    item: Input, field: str, site_field: str, max_bytes: int = MAX_DOCUMENT_BYTES
) -> Iterator[tuple[str, str] | VncleanError]:
    """
    As `record_texts`, the site (`site_of` its field `site_field`) and the text of
    each record that names a site; the records that name none are left out.
    """
    for record in _records(item, field, max_bytes):
        if isinstance(record, VncleanError):
            yield record
        elif site := site_of(record.get(site_field)):
            yield site, record[field]


def _records(
    item: Input, field: str, max_bytes: int
) -> Iterator[dict[str, Any] | VncleanError]:
    with record_source(item) as source:
        for number, line in numbered_lines(source):
            if line.strip():
                name = f"{item.display}:{number}"
                body = line.rstrip(b"\r\n")
                try:
                    if len(body) > max_bytes:
                        raise too_large(name, len(body), max_bytes)
                    yield parse_record(name, body, field)
                except VncleanError as error:
                    yield error


def record_source(item: Input) -> Any:
    """
    The bytes of a JSON-lines input, as a context manager: a file, or stdin. JSON
    lines are UTF-8: one in UTF-16 or UTF-32 is refused whole, in one line, rather
    than failing record by record.
    """
    if item.problem is not None:
        raise item.problem
    if item.path is None:
        stream = binary(sys.stdin)
        _refuse_wide(stream, item.display)
        return Borrowed(stream)
    source = open_bytes(item.path, item.display)
    try:
        _refuse_wide(source, item.display)
    except VncleanError:
        source.close()
        raise
    return source


def _refuse_wide(stream: IO[bytes], name: str) -> None:
    peek = getattr(stream, "peek", None)
    start = peek(WIDE_PEEK)[:WIDE_PEEK] if peek is not None else b""
    wide = next((codec for bom, codec in BOMS if start.startswith(bom)), None)
    if wide == "utf-8" or (wide is None and b"\0" not in start):
        return
    found = wide.upper() if wide else "NUL bytes (UTF-16 without a byte-order mark?)"
    raise DecodeError(
        name,
        f"JSON lines must be UTF-8, found {found}; convert first, e.g. with"
        " iconv -f UTF-16 -t UTF-8",
    )


class Borrowed:
    """A stream used as a context manager without being closed at the end."""

    def __init__(self, stream: IO[bytes] | None) -> None:
        self.stream = stream

    def __enter__(self) -> IO[bytes] | None:
        return self.stream

    def __exit__(self, *exc: object) -> None:
        if self.stream is not None:
            self.stream.flush()
