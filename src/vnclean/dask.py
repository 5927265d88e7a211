"""
Cleaning corpora beyond one machine with Dask: JSON-lines files read as a
`dask.bag` of records, the text field of each record cleaned on the workers, the
records written back as JSON lines in their original order. Boilerplate profiles
are learned once, on the client, and shipped to every worker once.

Needs the optional extra: ``pip install 'vnclean[dask]'``. Dask is imported only when
a helper is called, so ``import vnclean.dask`` costs nothing without it.

    >>> record = {"id": 1, "text": "Ha\\u0300 Nô\\u0323i"}
    >>> clean_record(record)
    {'id': 1, 'text': 'Hà Nội'}

The recipe (see docs/scale.md)::

    from dask.distributed import Client
    import vnclean.dask as vd

    client = Client("tcp://scheduler:8786")          # or Client() on one machine
    bag = vd.read_jsonl("s3://bucket/crawl/*.jsonl")
    profiles = vd.learn_profiles(bag, limit=50_000)  # per site, optional
    vd.write_jsonl(vd.clean_bag(bag, profiles=profiles), "s3://bucket/clean/*.jsonl")
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from vnclean.model import Config
from vnclean.pipeline import run
from vnclean.profile import ProfileBuilder, prepare_for_learning, site_of

if TYPE_CHECKING:
    import dask.bag

# Partitions of 64 MiB keep a worker's memory small and a 2 GB file in 32 tasks.
BLOCKSIZE = "64MiB"


def clean_record(
    record: Mapping[str, Any],
    field: str = "text",
    *,
    profile: Any = None,
    profiles: Mapping[str, Any] | None = None,
    url_field: str = "url",
    **options: Any,
) -> dict[str, Any]:
    """
    A copy of `record` with `record[field]` cleaned as `vnclean.clean(text,
    **options)` would, using `profile`, or the profile of the record's site from
    `profiles` (keyed by `vnclean.profile.site_of(record[url_field])`: a URL's host,
    or the value as it is). A record without the field, or with null there, comes
    back unchanged.
    """
    out = dict(record)
    text = out.get(field)
    if text is None:
        return out
    if profiles is not None:
        profile = profiles.get(site_of(out.get(url_field)), profile)
    out[field] = run(text, Config(profile=profile, **options), explain=False).text
    return out


def read_jsonl(
    urlpath: str | list[str], blocksize: str | int | None = BLOCKSIZE
) -> dask.bag.Bag:
    """A bag of the records in JSON-lines files (local paths, globs or fsspec URLs)."""
    import json

    import dask.bag as db

    lines = db.read_text(urlpath, blocksize=blocksize, encoding="utf-8")
    return lines.filter(_not_blank).map(json.loads)


def _not_blank(line: str) -> bool:
    return bool(line.strip())


def clean_bag(
    bag: dask.bag.Bag,
    field: str = "text",
    *,
    profile: Any = None,
    profiles: Mapping[str, Any] | None = None,
    url_field: str = "url",
    **options: Any,
) -> dask.bag.Bag:
    """
    The bag with each record's `field` cleaned (see `clean_record`), in the same
    order. `options` are those of `vnclean.clean`. A profile or profiles mapping is
    put in the graph once, as one task every partition depends on, so a cluster
    sends it to each worker once rather than with every task.
    """
    import dask

    shipped = {
        name: dask.delayed(value, name=f"vnclean-{name}-{dask.base.tokenize(value)}")
        for name, value in (("profile", profile), ("profiles", profiles))
        if value is not None
    }
    return bag.map(clean_record, field=field, url_field=url_field, **shipped, **options)


def write_jsonl(
    bag: dask.bag.Bag, path: str, *, name_function: Any = None, compute: bool = True
) -> Any:
    """
    Write the records as JSON lines, one file per partition: `path` is a folder or
    a pattern with one `*` ("out/*.jsonl"), numbered in partition order, so the
    files sorted by name hold the records in their input order.
    """
    import json

    lines = bag.map(json.dumps, ensure_ascii=False)
    return lines.to_textfiles(
        path,
        name_function=name_function or _partition_name,
        encoding="utf-8",
        last_endline=True,
        compute=compute,
    )


def _partition_name(index: int) -> str:
    return f"{index:06d}"


def learn_profile(
    bag: dask.bag.Bag,
    field: str = "text",
    *,
    min_docs: int | None = None,
    limit: int | None = None,
    **options: Any,
) -> Any:
    """
    One boilerplate profile learned from the bag's texts (the first `limit` of
    them). Workers repair and normalize each text as `clean_bag(..., **options)`
    will before its strip stage sees it (`vnclean.profile.prepare_for_learning`);
    the client counts them with `vnclean.profile.ProfileBuilder`, which needs every
    document in one place to count each distinct document once.
    """
    builder = ProfileBuilder()
    for _site, text in _prepared(bag, field, "url", limit, options):
        builder.add(text)
    return builder.build(min_docs=min_docs)


def learn_profiles(
    bag: dask.bag.Bag,
    field: str = "text",
    *,
    url_field: str = "url",
    min_docs: int | None = None,
    limit: int | None = None,
    **options: Any,
) -> dict[str, Any]:
    """
    A profile per site (`site_of(record[url_field])`), each as `learn_profile`,
    counted by one `ProfileBuilder` in one memory bound however many sites there
    are, as `vnclean clean --input-format jsonl --site-field` does. Records that
    name no site teach nothing.
    """
    builder = ProfileBuilder()
    for site, text in _prepared(bag, field, url_field, limit, options):
        if site:
            builder.add(text, site)
    return builder.build_sites(min_docs=min_docs)


def _prepare(
    record: Mapping[str, Any], field: str, url_field: str, options: Mapping[str, Any]
) -> tuple[str, str] | None:
    """(site, text as the strip stage will see it), or None without text."""
    text = record.get(field)
    if text is None:
        return None
    return site_of(record.get(url_field)), prepare_for_learning(text, **options)


def _prepared(
    bag: dask.bag.Bag,
    field: str,
    url_field: str,
    limit: int | None,
    options: Mapping[str, Any],
) -> Iterator[tuple[str, str]]:
    """The bag's prepared texts in order, computing a few partitions at a time."""
    import dask

    parts = bag.map(_prepare, field, url_field, dict(options)).to_delayed()
    seen = 0
    step = 4  # partitions computed at once; with `limit`, the rest are never read
    for first in range(0, len(parts), step):
        for part in dask.compute(*parts[first : first + step]):
            for item in part:
                if limit is not None and seen >= limit:
                    return
                if item is not None:
                    seen += 1
                    yield item


__all__ = [
    "clean_bag",
    "clean_record",
    "learn_profile",
    "learn_profiles",
    "read_jsonl",
    "site_of",
    "write_jsonl",
]
