"""
The Dask recipe of docs/scale.md on a local cluster of two worker processes: JSON
lines in, every record's text equal to `vnclean.clean` of it, records in input order.
Skipped unless the `dask` extra is installed.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")

import vnclean
import vnclean.dask as vd
from vnclean.model import Config
from vnclean.profile import ProfileBuilder

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SITES = ("https://www.baomoi.vn/a/{}.html", "https://tuoitre.vn/b-{}.htm")
# Worker processes must import this vnclean even when it is not installed.
SOURCE = str(Path(vnclean.__file__).resolve().parent.parent)

pytestmark = pytest.mark.filterwarnings(
    # distributed's own shutdown and port notices are not ours to fix.
    "ignore::DeprecationWarning",
    "ignore::ResourceWarning",
    "ignore::UserWarning",
    "ignore::pytest.PytestUnraisableExceptionWarning",
)


def _records() -> list[dict]:
    texts = [p.read_text("utf-8") for p in sorted((SAMPLES / "input").glob("*.txt"))]
    records = []
    for index in range(60):
        text = texts[index % len(texts)]
        if index % 3 == 1:
            text = "".join(  # cp1252 as browsers read it: no byte is lost
                bytes([b]).decode("cp1252", errors="ignore") or chr(b)
                for b in text.encode("utf-8")
            )
        records.append(
            {"id": index, "url": SITES[index % 2].format(index), "text": text}
        )
    records.append({"id": 60, "url": None, "text": None})
    records.append({"id": 61, "url": SITES[0].format(61)})
    return records


@pytest.fixture(scope="module")
def client():
    previous = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [SOURCE, previous]))
    try:
        with (
            distributed.LocalCluster(
                n_workers=2,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
            ) as cluster,
            distributed.Client(cluster) as client,
        ):
            yield client
    finally:
        if previous is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = previous


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "in" / "corpus.jsonl"
    path.parent.mkdir()
    lines = [json.dumps(r, ensure_ascii=False) for r in _records()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _read_output(folder: Path) -> list[dict]:
    records = []
    for path in sorted(folder.glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            records += [json.loads(line) for line in lines if line.strip()]
    return records


def test_recipe_cleans_every_record_in_order(
    client, corpus: Path, tmp_path: Path
) -> None:
    # Small blocks make several partitions, so order across partitions is tested.
    bag = vd.read_jsonl(str(corpus), blocksize=20_000)
    assert bag.npartitions > 2
    vd.write_jsonl(vd.clean_bag(bag), str(tmp_path / "out" / "*.jsonl"))
    out = _read_output(tmp_path / "out")
    assert [r["id"] for r in out] == [r["id"] for r in _records()]
    assert out == [_expected(r, vnclean.clean) for r in _records()]


def _expected(record: dict, clean) -> dict:
    """The record with its text cleaned; unchanged without text."""
    if record.get("text") is None:
        return record
    return {**record, "text": clean(record["text"])}


def test_options_reach_the_workers(client, corpus: Path, tmp_path: Path) -> None:
    bag = vd.read_jsonl(str(corpus), blocksize=20_000)
    out = vd.clean_bag(bag, strip=False, tone_style="new").compute()
    want = [
        _expected(r, lambda t: vnclean.clean(t, strip=False, tone_style="new"))
        for r in _records()
    ]
    assert out == want


def test_profiles_learned_once_and_shipped(client, corpus: Path) -> None:
    bag = vd.read_jsonl(str(corpus), blocksize=20_000)
    profiles = vd.learn_profiles(bag, min_docs=3)
    assert set(profiles) == {"baomoi.vn", "tuoitre.vn"}
    for site, profile in profiles.items():
        # The same as learning on one machine, as `vnclean learn` does.
        local = ProfileBuilder()
        for record in _records():
            if record.get("text") is not None and vd.site_of(record["url"]) == site:
                local.add(vnclean.clean(record["text"], strip=False))
        assert (profile.documents, profile.counts) == (
            local.build(min_docs=3).documents,
            local.build(min_docs=3).counts,
        )
    out = vd.clean_bag(bag, profiles=profiles).compute()
    want = []
    for record in _records():
        config = Config(profile=profiles.get(vd.site_of(record.get("url"))))
        want.append(
            _expected(
                record,
                lambda t, config=config: vnclean.run(t, config, explain=False).text,
            )
        )
    assert out == want
