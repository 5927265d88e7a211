"""
Input and output for the command-line tool: turning bytes into text without guessing
wrong (`decoding`), finding the input files under folders (`walk`), reading JSON lines
in bounded batches (`jsonl`), writing files so that a crash never leaves a
half-written one (`atomic`), mapping work over a process pool in input order
(`pool`), and cleaning one input or record in a worker (`runner`).

Nothing here looks at what the text says beyond deciding its encoding.
"""

from __future__ import annotations

from vnclean.io.atomic import (
    TEMP_MARK,
    TEMP_PREFIX,
    TEMP_RE,
    atomic_writer,
    remove_stale_temporary_files,
    write_atomically,
)
from vnclean.io.decoding import (
    MAX_DOCUMENT_BYTES,
    decode_bytes,
    open_bytes,
    read_at_most,
    read_bytes,
)
from vnclean.io.jsonl import batched, numbered_lines, parse_record
from vnclean.io.pool import ordered_map
from vnclean.io.walk import Input, Skipped, find_inputs, is_within, output_path

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "TEMP_MARK",
    "TEMP_PREFIX",
    "TEMP_RE",
    "Input",
    "Skipped",
    "atomic_writer",
    "batched",
    "decode_bytes",
    "find_inputs",
    "is_within",
    "numbered_lines",
    "open_bytes",
    "ordered_map",
    "output_path",
    "parse_record",
    "read_at_most",
    "read_bytes",
    "remove_stale_temporary_files",
    "write_atomically",
]
