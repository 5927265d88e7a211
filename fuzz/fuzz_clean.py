"""
Coverage-guided fuzzing of `vnclean.clean_and_explain` with atheris (libFuzzer).

    pip install -e '.[fuzz]'
    python fuzz/fuzz_clean.py -max_total_time=60                 # one minute
    mkdir -p /tmp/fuzz-corpus                                    # keep a corpus,
    python fuzz/fuzz_clean.py -max_total_time=600 /tmp/fuzz-corpus samples/input
    python fuzz/fuzz_clean.py crash-<sha1>                       # replay a crash

Each input's bytes become text the ways scraped text arrives: as UTF-8 (undecodable
bytes replaced), as that UTF-8 text read back as Windows-1252 (mojibake), as Latin-1,
or as arbitrary code points. New interesting inputs go to the first corpus folder;
`samples/input` seeds it with real pages. For each text the checks are: no
exception, the output is NFC, the changes replay to the output, and cleaning the
output changes nothing. A failed check raises, and libFuzzer writes the input to
`crash-<sha1>` in the working directory.

The bounded, deterministic twin that runs in CI is `test_fuzz_clean_and_explain` in
tests/test_properties.py.
"""

from __future__ import annotations

# Imported first so that only vnclean's own code is instrumented: instrumented
# difflib and ftfy run a hundred times slower and are not what we are exploring.
import difflib  # noqa: F401, I001
import sys
import unicodedata

import atheris
import ftfy  # noqa: F401
import regex  # noqa: F401

with atheris.instrument_imports(include=["vnclean"]):
    import vnclean
    from vnclean import replay


def _text(data: bytes) -> str:
    provider = atheris.FuzzedDataProvider(data)
    how = provider.ConsumeIntInRange(0, 3)
    rest = provider.ConsumeBytes(len(data))
    if how == 0:
        return rest.decode("utf-8", errors="replace")
    if how == 1:
        # UTF-8 text read back as Windows-1252; undefined bytes become C1 controls,
        # as browsers decode them.
        meant = rest.decode("utf-8", errors="replace").encode("utf-8")
        return "".join(
            bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in meant
        )
    if how == 2:
        return rest.decode("latin-1")
    # Any code point but lone surrogates, which no decoder produces.
    text = atheris.FuzzedDataProvider(rest).ConsumeUnicodeNoSurrogates(len(rest))
    return text


def test_one_input(data: bytes) -> None:
    text = _text(data)
    result = vnclean.clean_and_explain(text)
    if not unicodedata.is_normalized("NFC", result.text):
        raise AssertionError(f"output not NFC for {text!r}: {result.text!r}")
    replayed = replay(text, result.changes)
    if replayed != result.text:
        raise AssertionError(
            f"replay differs for {text!r}: {replayed!r} != {result.text!r}"
        )
    again = vnclean.clean(result.text)
    if again != result.text:
        raise AssertionError(
            f"not idempotent for {text!r}: {result.text!r} -> {again!r}"
        )


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
