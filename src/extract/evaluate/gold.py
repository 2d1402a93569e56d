"""Gold files: loading and validation (docs/gold-format.md)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import orjson

from extract.ingest.decode import decode_bytes
from extract.records.models import ChangeKinds, ClaimKind, EntityType, PolicyKind, Qualifier

GOLD_LAYERS = ("claims", "entities", "policies")
_CLAIM_FIELDS = {"text", "start", "end", "value", "value_max", "unit", "kind", "qualifier", "change", "subject", "time"}
_ENTITY_FIELDS = {"text", "start", "end", "type", "name", "code", "iso"}
_POLICY_FIELDS = {"text", "start", "end", "name", "kind", "doc_type", "issuer"}
_FIELDS = {"claims": _CLAIM_FIELDS, "entities": _ENTITY_FIELDS, "policies": _POLICY_FIELDS}


@dataclass(frozen=True, slots=True)
class GoldArticle:
    article_id: str
    path: Path  # the article file
    gold_path: Path
    text: str
    document: dict


def gold_files(gold_dir: Path) -> list[Path]:
    return sorted(gold_dir.glob("*.json"))


def load_gold(gold_path: Path, corpus_dir: Path | None = None) -> GoldArticle:
    document = orjson.loads(gold_path.read_bytes())
    corpus_dir = corpus_dir or gold_path.parent.parent
    article_path = corpus_dir / document["source"]
    data = article_path.read_bytes()
    text = decode_bytes(data, str(article_path)).text
    return GoldArticle(document["article_id"], article_path, gold_path, text, document)


def validate_gold(gold: GoldArticle) -> list[str]:
    """Problems with a gold file; empty when it is valid."""
    problems: list[str] = []
    document = gold.document
    data = gold.path.read_bytes()
    if document.get("sha256") != hashlib.sha256(data).hexdigest():
        problems.append("sha256 does not match the article file")
    for layer in GOLD_LAYERS:
        seen: set[tuple] = set()
        records = document.get(layer)
        if not isinstance(records, list):
            problems.append(f"{layer}: missing or not a list")
            continue
        for index, record in enumerate(records):
            where = f"{layer}[{index}] {record.get('text')!r}"
            keys = set(record)
            if keys != _FIELDS[layer]:
                problems.append(f"{where}: fields {sorted(keys ^ _FIELDS[layer])} wrong")
                continue
            start, end = record["start"], record["end"]
            if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(gold.text)):
                problems.append(f"{where}: bad offsets {start}..{end}")
                continue
            if gold.text[start:end] != record["text"]:
                problems.append(f"{where}: text does not match article[{start}:{end}] = {gold.text[start:end]!r}")
            problems.extend(f"{where}: {p}" for p in _field_problems(layer, record))
            key = (start, end, record.get("type") or record.get("kind"))
            if key in seen:
                problems.append(f"{where}: duplicate")
            seen.add(key)
    return problems


def _field_problems(layer: str, record: dict) -> list[str]:
    problems = []
    if layer == "claims":
        if record["kind"] not in {k.value for k in ClaimKind}:
            problems.append(f"kind {record['kind']!r} not in the enum")
        if record["qualifier"] not in {q.value for q in Qualifier}:
            problems.append(f"qualifier {record['qualifier']!r} not in the enum")
        if record["change"] not in ChangeKinds:
            problems.append(f"change {record['change']!r} not up/down/null")
        if not isinstance(record["value"], (int, float)):
            problems.append("value is not a number")
        if record["value_max"] is not None and record["value_max"] < record["value"]:
            problems.append("value_max below value")
    elif layer == "entities":
        if record["type"] not in {t.value for t in EntityType}:
            problems.append(f"type {record['type']!r} not in the enum")
        if record["code"] is not None and not (isinstance(record["code"], str) and record["code"].isdigit()):
            problems.append("code is not a digit string")
    elif record["kind"] not in {k.value for k in PolicyKind}:
        problems.append(f"kind {record['kind']!r} not in the enum")
    return problems
