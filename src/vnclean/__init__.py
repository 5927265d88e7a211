"""
vnclean turns scraped Vietnamese web text into clean, correct Vietnamese: it repairs
broken encodings, normalizes diacritics and strips site boilerplate, and says what it
changed and why.

    >>> import vnclean
    >>> vnclean.clean("Ha\u0300 Nô\u0323i", strip=False)
    'Hà Nội'
"""

from __future__ import annotations

from vnclean.model import Change, Config, Removed, Result
from vnclean.pipeline import STEPS, replay, run

__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    # `vnclean.io` (decode_bytes, ...) after a plain `import vnclean`, loaded when
    # first asked for: cleaning text never needs it.
    if name == "io":
        import importlib

        return importlib.import_module("vnclean.io")
    raise AttributeError(f"module 'vnclean' has no attribute {name!r}")


def clean(
    text: str,
    *,
    repair: bool = True,
    normalize: bool = True,
    strip: bool = True,
    tone_style: str = "old",
) -> str:
    """Clean `text` and return the cleaned text."""
    config = Config(
        repair=repair, normalize=normalize, strip=strip, tone_style=tone_style
    )
    return run(text, config, explain=False).text


def clean_and_explain(
    text: str,
    *,
    repair: bool = True,
    normalize: bool = True,
    strip: bool = True,
    tone_style: str = "old",
) -> Result:
    """Clean `text` and return the text with every change, removed line and metadata."""
    config = Config(
        repair=repair, normalize=normalize, strip=strip, tone_style=tone_style
    )
    return run(text, config, explain=True)


__all__ = [
    "STEPS",
    "Change",
    "Config",
    "Removed",
    "Result",
    "clean",
    "clean_and_explain",
    "replay",
    "run",
]
