"""Evaluate the extractor (or saved predictions) against the gold corpus."""

from __future__ import annotations

from pathlib import Path

import orjson

from extract.evaluate.gold import gold_files, load_gold
from extract.evaluate.scorer import report_dict, score_articles


def predictions_for(gold_dir: Path, pred_dir: Path | None) -> list[tuple[str, dict, dict]]:
    from extract.pipeline import extract_text

    triples = []
    for gold_path in gold_files(gold_dir):
        gold = load_gold(gold_path)
        if pred_dir is not None:
            predicted = orjson.loads((pred_dir / "articles" / f"{gold.article_id}.json").read_bytes())
        else:
            predicted = extract_text(gold.text, article_id=gold.article_id).model_dump(mode="json")
        triples.append((gold.article_id, gold.document, predicted))
    return triples


def evaluate(gold_dir: Path, pred_dir: Path | None = None) -> dict:
    return report_dict(score_articles(predictions_for(gold_dir, pred_dir)))
