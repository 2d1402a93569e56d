"""Records: offsets point at their text, records validate against schemas/, schemas are fresh."""

from __future__ import annotations

import json

import jsonschema
import pytest
from conftest import CORPUS, REPO

from extract.corpus import discover_articles
from extract.pipeline import extract_file
from extract.records.schemas import schema_documents

ARTICLES = discover_articles(CORPUS)


@pytest.fixture(scope="module")
def article_schema() -> dict:
    return json.loads((REPO / "schemas" / "article_records.schema.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", ARTICLES, ids=[p.stem for p in ARTICLES])
def test_every_record_points_at_its_text_and_validates(path, article_schema) -> None:
    records = extract_file(path)
    original = path.read_text(encoding="utf-8-sig")
    for layer in (records.claims, records.entities, records.policies):
        for record in layer:
            written = original[record.start : record.end]
            assert written.replace("\n", "") == record.text.replace("\n", ""), record
            assert record.sentence_start <= record.start
            assert record.sentence == original[record.sentence_start : record.sentence_start + len(record.sentence)]
    jsonschema.validate(records.model_dump(mode="json"), article_schema)


@pytest.mark.parametrize("name", sorted(schema_documents()))
def test_schema_file_is_fresh(name: str) -> None:
    committed = (REPO / "schemas" / name).read_bytes()
    assert committed == schema_documents()[name], f"schemas/{name} is stale: run `extract schema`"


def test_record_ids_are_stable_and_unique(sample_text: str) -> None:
    from extract.pipeline import extract_text

    first = extract_text(sample_text, article_id="a")
    second = extract_text(sample_text, article_id="a")
    ids = [r.id for layer in (first.claims, first.entities, first.policies) for r in layer]
    assert ids == [r.id for layer in (second.claims, second.entities, second.policies) for r in layer]
    assert len(ids) == len(set(ids))
