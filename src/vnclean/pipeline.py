"""
The cleaning pipeline: an ordered list of small steps, and the code that runs them.

A step is a function that takes the text and returns the text; its name is its identity
in `STEPS`, in `Config.skip` and in every `Change`. Keyword-only parameters of a step
(`tone_style`, `rules`, `profile`, ...) are filled from the `Config` attribute of the
same name, so the list below stays a plain list of functions.

A step that knows *why* it changed each span returns an `Explained` string carrying
its own `Edit`s (and, for boilerplate, the removed lines and metadata). For any other
step the pipeline diffs its input and output and takes the reason from the first line
of the step's docstring, so no second copy of the reason can drift.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable

from vnclean import normalize, repair, strip
from vnclean.edits import diff_spans, replay
from vnclean.model import (
    Change,
    Config,
    Edit,
    Explained,
    Removed,
    Result,
    forget_texts,
)

Step = Callable[..., str]

REPAIR, NORMALIZE, STRIP = "repair", "normalize", "strip"

# Each step with its stage: --no-repair, --no-normalize and --no-strip turn a stage off.
PIPELINE: list[tuple[str, Step]] = [
    # Terminal escapes go whole before anything takes their ESC byte alone (ftfy's
    # control-character removal, remove_control_characters) and leaves `[2J` behind.
    (NORMALIZE, normalize.remove_terminal_escapes),  # \x1b[2J, \x1b]0;title\x07
    # Repair first: normalization assumes correctly decoded text.
    # &amp;#7879; first: an entity escaped twice may hide mojibake.
    (REPAIR, repair.unescape_html_twice),
    # Before ftfy, which would turn VISCII/VPS byte pairs into Cyrillic; UTF-8 competes
    # with the legacy codecs there, so UTF-8 mojibake is left to the next two steps.
    (REPAIR, repair.decode_legacy_fonts),  # TCVN3, VNI, VISCII, VPS, cp1258
    (REPAIR, repair.restore_lost_bytes),  # dropped 0x81 0x8D 0x8F 0x90 0x9D, Ã + space
    (REPAIR, repair.fix_mojibake),  # ftfy: UTF-8 read as cp1252/Latin-1/MacRoman
    # Word-level repairs next. Each reads a word whole, as the normalize stage will
    # show it: a soft hyphen, zero-width character or character reference inside a
    # word (phầ\u200bn, đư&#7907;c) splits it for no evidence, or its fragments look
    # like damage. They do not wait for normalize to remove those characters: the
    # byte-level repairs above need 0xAD whole (TCVN3's ư, the last byte of í in
    # `phĂ\xad`), and the repair stage must not harm text when normalize is off.
    (REPAIR, repair.fix_learned_substitutions),  # Аảng -> Đảng, điửu -> điều
    (REPAIR, repair.split_glued_syllables),  # mạnhvà -> mạnh và, next to damage
    (REPAIR, repair.remove_stray_no_break_spaces),  # cà\u00a0ng -> càng
    (REPAIR, repair.rejoin_split_syllables),  # Thà nh -> Thành, residue of another tool
    # Normalize: one canonical spelling for the same letters.
    # Entities first: they hide characters (&nbsp; &shy; &#7879;) the next steps handle.
    (NORMALIZE, normalize.decode_html_entities),
    (NORMALIZE, normalize.replace_c1_punctuation),  # U+0096 -> –, before controls go
    (NORMALIZE, normalize.remove_control_characters),
    # Invisibles before words are looked at: ng\u00adười is one word only without them.
    (NORMALIZE, normalize.remove_invisible_characters),
    (NORMALIZE, normalize.replace_unicode_spaces),
    (NORMALIZE, normalize.limit_combining_marks),  # Zalgo piles, before NFC orders them
    (NORMALIZE, normalize.compose_nfc),  # every later step sees composed letters
    (NORMALIZE, normalize.remove_decorative_marks),  # seagull below under every letter
    # Look-alikes before marks: υ + horn + dot below composes only once υ is u.
    (NORMALIZE, normalize.replace_look_alike_letters),
    (NORMALIZE, normalize.attach_detached_marks),  # "thi ̣trường" -> "thị trường"
    (NORMALIZE, normalize.remove_stray_marks),  # "đôị̣" -> "đội"
    (NORMALIZE, normalize.restore_missing_horns),  # "đuợc" -> "được"
    # Tone placement needs whole, single-toned syllables, so it comes after the marks.
    (NORMALIZE, normalize.place_tone_marks),  # tone_style: old | new | keep
    (NORMALIZE, normalize.collapse_spaces),  # last: earlier steps may leave two spaces
    # Last: boilerplate is judged on clean text.
    (STRIP, strip.strip_boilerplate),
]

STEPS: list[Step] = [step for _, step in PIPELINE]
_STAGE_OF = {step: stage for stage, step in PIPELINE}


def stage_of(step: Step) -> str:
    """The stage ("repair", "normalize" or "strip") a step belongs to."""
    return _STAGE_OF[step]


def step_names() -> list[str]:
    return [step.__name__ for step in STEPS]


@functools.cache
def _keyword_params(step: Step) -> tuple[str, ...]:
    parameters = inspect.signature(step).parameters.values()
    return tuple(p.name for p in parameters if p.kind is p.KEYWORD_ONLY)


@functools.cache
def reason_of(step: Step) -> str:
    """The first paragraph of a step's docstring, on one line: why the step changes text."""
    doc = inspect.getdoc(step) or step.__name__.replace("_", " ")
    summary = doc.strip().split("\n\n")[0]
    return " ".join(summary.split()).rstrip(".")


def _enabled(config: Config) -> tuple[Step, ...]:
    stages = {REPAIR: config.repair, NORMALIZE: config.normalize, STRIP: config.strip}
    on = frozenset(name for name, enabled in stages.items() if enabled)
    unknown = config.skip.difference(step_names())
    if unknown:
        raise ValueError(
            f"no step named {', '.join(sorted(unknown))}: the steps are"
            f" {', '.join(step_names())}"
        )
    return _steps_of(tuple(STEPS), on, config.skip)


@functools.lru_cache(maxsize=64)
def _steps_of(
    steps: tuple[Step, ...], stages: frozenset[str], skip: frozenset[str]
) -> tuple[Step, ...]:
    # The steps of `steps` that one configuration runs, in order.
    return tuple(
        step for step in steps if stage_of(step) in stages and step.__name__ not in skip
    )


def run(text: str, config: Config, *, explain: bool) -> Result:
    """Run every enabled step over `text` in order; record changes when `explain`."""
    if isinstance(text, (bytes, bytearray, memoryview)):
        raise TypeError(
            "vnclean cleans str, not bytes: decode first, e.g. data.decode('utf-8'),"
            " or use vnclean.io.decode_bytes() to detect the encoding"
        )
    if not isinstance(text, str):
        raise TypeError(f"vnclean cleans str, not {type(text).__name__}")
    result = Result(text=text)
    for step in _enabled(config):
        names = _keyword_params(step)
        fixed = (
            step(text, **{n: getattr(config, n) for n in names})
            if names
            else step(text)
        )
        if isinstance(fixed, Explained):
            result.removed.extend(fixed.removed)
            result.metadata.update(fixed.metadata)
        fixed_text = str(fixed)
        if fixed_text == text:
            continue
        if explain:
            result.changes.extend(_changes(step, text, fixed))
        # The step's explained copy of the text is not kept while the next step runs,
        # nor are the answers about the text before.
        del fixed
        text = fixed_text
        forget_texts()
    result.text = text
    forget_texts()
    return result


def _changes(step: Step, before: str, after: str) -> list[Change]:
    name = step.__name__
    edits = after.edits if isinstance(after, Explained) else ()
    if edits:
        return [
            Change(name, e.start, e.end, before[e.start : e.end], e.after, e.reason)
            for e in edits
        ]
    reason = reason_of(step)
    return [
        Change(name, start, end, before[start:end], new, reason)
        for start, end, new in diff_spans(before, str(after))
    ]


__all__ = [
    "STEPS",
    "Change",
    "Config",
    "Edit",
    "Explained",
    "Removed",
    "Result",
    "diff_spans",
    "replay",
    "run",
    "step_names",
]
