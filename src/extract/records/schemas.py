"""JSON Schema files for the records, generated from the Pydantic models."""

from __future__ import annotations

from pathlib import Path

import orjson

from extract.records.models import ArticleRecords, Claim, Entity, Policy

SCHEMA_MODELS = {
    "article_records": ArticleRecords,
    "claim": Claim,
    "entity": Entity,
    "policy": Policy,
}


def schema_documents() -> dict[str, bytes]:
    """File name -> schema bytes, deterministic."""
    return {
        f"{name}.schema.json": orjson.dumps(
            model.model_json_schema(mode="serialization"),
            option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE,
        )
        for name, model in SCHEMA_MODELS.items()
    }


def write_schemas(folder: Path) -> list[Path]:
    from extract.write.atomic import write_bytes_atomic

    written = []
    for name, data in schema_documents().items():
        path = folder / name
        write_bytes_atomic(path, data)
        written.append(path)
    return written
