"""
The work of `vnclean learn`: reading the documents of a site in order, having them
repaired and normalized by the workers, counting their lines into a profile, and
saving it. Every document must be counted in one process, since a line's count
needs all of them.

Also the first pass of `clean` over folders (a folder is a site) and over JSON lines
(a record's `--site-field` names its site), whose profiles the cleaning then uses.
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from vnclean.errors import VncleanError
from vnclean.io import runner
from vnclean.io.console import Messages, progress_bar
from vnclean.io.jsonl import BATCH_BYTES, RECORDS_PER_BATCH, batched, numbered_lines
from vnclean.io.pool import ordered_map
from vnclean.io.walk import Input
from vnclean.profile import Profile, ProfileBuilder, SiteProfiles
from vnclean.report import counted


def texts(
    inputs: Iterable[Input],
    records: bool,
    field: str,
    messages: Messages,
    site_field: str | None = None,
) -> Iterator[Any]:
    """
    The text of each input, or of each record of JSON-lines inputs, read here in
    order; an input or record that cannot be read costs one line. With
    `site_field`, the (site, text) of each record that names a site.
    """
    for item in inputs:
        try:
            if site_field is not None:
                found: Iterable[Any] = runner.site_texts(item, field, site_field)
            elif records:
                found = runner.record_texts(item, field)
            else:
                found = [runner.read_text(item)]
            for text in found:
                if isinstance(text, VncleanError):
                    messages.fail(f"error: cannot learn from {text}")
                else:
                    yield text
        except VncleanError as error:
            messages.fail(f"error: cannot learn from {error}")
        except OSError as error:
            messages.fail(
                f"error: cannot learn from {item.display}: {error.strerror or error}"
            )


def learn(
    builder: Any,
    documents: Iterable[Any],
    prepare: Callable[[list[Any]], list[Any]],
    *,
    jobs: int,
    min_docs: int | None,
    output: str,
    messages: Messages,
    sites: bool = False,
) -> None:
    """
    Count the lines of `documents`, as `prepare` gives them in the workers, into
    `builder`, and save the profile to `output`. With `sites`, the documents are
    (site, text) pairs, each site is learned apart and `output` holds the profile of
    every site that has recurring lines (`SiteProfiles`). Nothing to learn from, or
    no line that recurs, is an error: an empty profile would strip nothing.
    """
    report = messages.report
    batches = batched(
        documents,
        most=RECORDS_PER_BATCH,
        size=BATCH_BYTES,
        weight=(lambda pair: len(pair[1])) if sites else len,
    )
    with progress_bar(messages, "document") as progress:
        task = progress.add_task("learning", total=None)  # as they come
        for prepared in ordered_map(prepare, batches, jobs=jobs):
            for document in prepared:
                if sites:
                    builder.add(document[1], document[0])
                else:
                    builder.add(document)
            report.learned += len(prepared)
            progress.advance(task, len(prepared))
    if not report.learned:
        messages.stop(
            "error: nothing learned: no record named a site"
            if sites
            else "error: nothing learned: no document was read"
        )
    if sites:
        _save_sites(builder, min_docs, output, messages)
        return
    profile = builder.build() if min_docs is None else builder.build(min_docs=min_docs)
    if not profile.counts:
        messages.stop(
            f"error: nothing learned: no line is in at least {profile.min_docs} of"
            f" the {counted(report.learned, 'document')} read; no profile written"
            " (give more pages of the site, or a lower --min-docs)"
        )
    try:
        profile.save(output)
    except (OSError, ValueError) as error:
        messages.stop(f"error: cannot save the profile to {output}: {_problem(error)}")
    report.lines_learned = len(profile.counts)
    report.saved_to = output


def _save_sites(
    builder: ProfileBuilder, min_docs: int | None, output: str, messages: Messages
) -> None:
    """The profile of each site that has recurring lines, saved to `output`."""
    report = messages.report
    built = builder.build_sites(min_docs)
    found = {site: profile for site, profile in built.items() if profile.counts}
    if not found:
        fewest = min(profile.min_docs for profile in built.values())
        messages.stop(
            f"error: nothing learned: no line is in at least {fewest} of the"
            f" documents of any of the {counted(len(built), 'site')} read; no profile"
            " written (give more pages of each site, or a lower --min-docs)"
        )
    try:
        SiteProfiles(found).save(output)
    except (OSError, ValueError) as error:
        messages.stop(f"error: cannot save the profiles to {output}: {_problem(error)}")
    report.lines_learned = sum(len(profile.counts) for profile in found.values())
    report.saved_to = output
    if messages.verbose:
        messages.say(f"learned the recurring lines of {counted(len(found), 'site')}")


# A folder of fewer documents teaches nothing: a profile counts a line as the
# site's furniture only when at least five documents print it.
SITE_DOCUMENTS = 5


def by_site(inputs: list[Input]) -> list[list[Input]]:
    """
    The inputs in runs of one folder each, in their order: the pages of one site,
    as `clean` learns them when given folders.
    """
    return [
        list(run)
        for _, run in itertools.groupby(
            inputs, key=lambda item: os.path.dirname(item.path) if item.path else None
        )
    ]


def learn_site(
    items: list[Input], prepare: Callable[[list[str]], list[str]], *, jobs: int
) -> Profile | None:
    """
    The lines the site of `items` prints on many of its pages, as a profile (None
    when there are too few pages or no line recurs), counted in one streaming pass
    in bounded memory, as `vnclean learn` does. An input that cannot be read is
    left out here; cleaning reports it.
    """
    if len(items) < SITE_DOCUMENTS or any(item.path is None for item in items):
        return None
    builder = ProfileBuilder()
    batches = batched(
        _readable(items), most=RECORDS_PER_BATCH, size=BATCH_BYTES, weight=len
    )
    for prepared in ordered_map(prepare, batches, jobs=jobs):
        for text in prepared:
            builder.add(text)
    profile = builder.build()
    return profile if profile.counts else None


def _readable(items: list[Input]) -> Iterator[str]:
    for item in items:
        try:
            yield runner.read_text(item)
        except (VncleanError, OSError):
            continue


def learn_records(
    items: list[Input],
    *,
    field: str,
    site_field: str,
    max_bytes: int,
    jobs: int,
    advance: Callable[[int], None],
) -> dict[str, Profile]:
    """
    The lines each site prints on many of its pages, as a profile per site (a site
    with too few records or no recurring line has none), counted over every record
    of the JSON-lines `items` in one streaming pass, in bounded memory, as `vnclean
    learn` does. A record's site is `site_of` its field `site_field`; a record
    without one teaches nothing. `advance` is told the bytes read as they go.
    """
    builder = ProfileBuilder()
    for item in items:
        try:
            with runner.record_source(item) as source:
                lines = batched(
                    numbered_lines(source),
                    most=RECORDS_PER_BATCH,
                    size=BATCH_BYTES,
                    weight=lambda line: len(line[1]),
                )
                tasks = ((field, site_field, max_bytes, batch) for batch in lines)
                for size, prepared in ordered_map(
                    runner.prepare_records, tasks, jobs=jobs
                ):
                    for site, lines in prepared:
                        builder.add_lines(lines, site)
                    advance(size)
        except (VncleanError, OSError):
            continue  # cleaning reports it
    return {
        site: profile
        for site, profile in builder.build_sites().items()
        if profile.counts and site
    }


def size_of(item: Input) -> int:
    """The size of a file input (or of stdin's copy), or 0 for a pipe or an error."""
    try:
        return (
            os.path.getsize(item.path) if item.path and os.path.isfile(item.path) else 0
        )
    except OSError:
        return 0


def spool(item: Input, spools: contextlib.ExitStack) -> Input:
    """
    `item` as a file that can be read twice, learned from and then cleaned: stdin or
    a pipe is first copied to a temporary file, removed when `spools` closes. It
    stays a stream, so that its output never goes where a file's would.
    """
    if item.problem is not None or (item.path is not None and not item.stream):
        return item
    try:
        with runner.record_source(item) as source:
            import tempfile

            fd, path = tempfile.mkstemp(prefix="vnclean-", suffix=".jsonl")
            spools.callback(os.unlink, path)
            with os.fdopen(fd, "wb") as copy:
                import shutil  # loaded only to copy a pipe

                shutil.copyfileobj(source, copy)
    except (VncleanError, OSError):
        return item  # cleaning reports it
    return dataclasses.replace(item, path=path, stream=True)


def _problem(error: OSError | ValueError) -> str:
    return (error.strerror if isinstance(error, OSError) else None) or str(error)
