"""The pipeline: ingest → segment → extract → resolve → records.

`extract_file(path)` and `extract_text(text, ...)` return an ArticleRecords.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from extract.errors import IngestError
from extract.extractors.brackets import find_bracketed
from extract.extractors.claims import extract_claims
from extract.extractors.clause import Tokens
from extract.extractors.dates import find_dates
from extract.extractors.entities import extract_entities
from extract.extractors.policies import extract_policies, find_issuer
from extract.ingest.decode import decode_bytes
from extract.ingest.layout import analyse_layout
from extract.ingest.view import TextView, build_view
from extract.records.models import (
    Article,
    ArticleRecords,
    Block,
    Claim,
    Entity,
    EntityType,
    Policy,
    Sentence,
)
from extract.resolve.gazetteer import Gazetteer
from extract.segment.tokenizer import blank_chinese
from extract.version import PIPELINE_VERSION

_ID_LENGTH = 16


@cache
def _nlp():
    return blank_chinese()


def extract_file(path: str | Path, article_id: str | None = None) -> ArticleRecords:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise IngestError(str(path), f"cannot be read: {error.strerror or error}") from error
    decoded = decode_bytes(data, str(path))
    return extract_text(
        decoded.text,
        article_id=article_id or path.stem,
        source=str(path),
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=decoded.encoding,
    )


def extract_text(
    text: str,
    article_id: str = "article",
    source: str = "<text>",
    sha256: str | None = None,
    encoding: str = "utf-8",
) -> ArticleRecords:
    sha256 = sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest()
    view = build_view(text)
    layout = analyse_layout(view.text)
    tokens = [(token.idx, token.idx + len(token.text)) for token in _nlp()(view.text) if not token.is_space]
    brackets = find_bracketed(view.text)
    dates = find_dates(view.text)
    sentence_spans = [(s.start, s.end) for s in layout.sentences]
    sentence_of = _SentenceIndex(view, sentence_spans)

    claims = extract_claims(view.text, sentence_spans, brackets, dates, Tokens(view.text, tokens))
    entities = extract_entities(view.text, tokens, brackets, dates, Gazetteer.load())
    policies = extract_policies(view.text, brackets)
    org_spans = [(e.start, e.end) for e in entities if e.type is EntityType.ORGANIZATION]

    def common(layer: str, start: int, end: int, rule: str, kind: str = "") -> dict:
        orig_start, orig_end = view.original_span(start, end)
        sentence_text, sentence_start = sentence_of(start)
        return {
            "id": _record_id(sha256, layer, orig_start, orig_end, kind),
            "text": text[orig_start:orig_end],
            "start": orig_start,
            "end": orig_end,
            "sentence": sentence_text,
            "sentence_start": sentence_start,
            "rule": rule,
        }

    claim_records = [
        Claim(
            **common("claim", c.start, c.end, c.rule),
            value=c.value, value_max=c.value_max, unit=c.unit, kind=c.kind, qualifier=c.qualifier,
            change=c.change, subject=c.subject, time=c.time,
        )
        for c in claims
    ]
    entity_records = [
        Entity(
            **common("entity", e.start, e.end, e.rule, e.type.value),
            type=e.type, name=e.name, code=e.code, level=e.level, iso=e.iso,
        )
        for e in entities
    ]
    policy_records = _policy_records(view, policies, sentence_spans, org_spans, common)
    article = Article(
        id=article_id,
        source=source,
        sha256=sha256,
        encoding=encoding,
        chars=len(text),
        title=view.original_text(layout.title.start, layout.title.end) if layout.title else None,
        blocks=[Block(kind=b.kind, start=view.original_span(b.start, b.end)[0], end=view.original_span(b.start, b.end)[1]) for b in layout.blocks],
        sentences=[Sentence(start=view.original_span(s.start, s.end)[0], end=view.original_span(s.start, s.end)[1], block=s.block) for s in layout.sentences],
    )
    return ArticleRecords(
        pipeline_version=PIPELINE_VERSION,
        article=article,
        claims=claim_records,
        entities=entity_records,
        policies=policy_records,
    )


def _policy_records(view, policies, sentence_spans, org_spans, common) -> list[Policy]:
    records: list[Policy] = []
    defined: dict[str, str] = {}  # short name -> id of the full title it abbreviates
    last_full: Policy | None = None
    for p in policies:
        sentence_start = next((s for s, e in sentence_spans if s <= p.start < e), 0)
        issuer = find_issuer(view.text, p, sentence_start, org_spans)
        refers_to = None
        if p.short_form and last_full is not None:
            refers_to = last_full.id
            defined[p.name] = last_full.id
        elif p.name in defined:
            refers_to = defined[p.name]
        record = Policy(
            **common("policy", p.start, p.end, p.rule, p.kind.value),
            name=p.name, kind=p.kind, doc_type=p.doc_type, issuer=issuer, refers_to=refers_to,
        )
        if p.kind.value == "document" and not p.short_form and p.name not in defined:
            last_full = record
        records.append(record)
    return records


class _SentenceIndex:
    """The original text and start of the sentence holding a view offset."""

    def __init__(self, view: TextView, spans: list[tuple[int, int]]) -> None:
        self._view = view
        self._spans = spans
        self._starts = [s for s, _ in spans]

    def __call__(self, position: int) -> tuple[str, int]:
        index = bisect_right(self._starts, position) - 1
        if index < 0 or position >= self._spans[index][1]:
            start, end = position, position + 1
        else:
            start, end = self._spans[index]
        orig_start, orig_end = self._view.original_span(start, end)
        return self._view.original[orig_start:orig_end], orig_start


def _record_id(sha256: str, layer: str, start: int, end: int, kind: str) -> str:
    key = f"{sha256}:{layer}:{kind}:{start}:{end}"
    return hashlib.sha256(key.encode()).hexdigest()[:_ID_LENGTH]
