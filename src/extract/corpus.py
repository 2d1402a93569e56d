"""Corpus runs as plain library code: discover, extract in parallel, write, summarize.

The Prefect flow (flows/) calls these functions; tests call them directly.
An article that fails becomes a failure record; the others complete.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field  # noqa: F401 - asdict used by flows
from pathlib import Path

import orjson

from extract.errors import ExtractError
from extract.version import PIPELINE_VERSION, rules_fingerprint
from extract.write.atomic import write_bytes_atomic, write_json_atomic

ARTICLE_SUFFIXES = (".txt",)
ARTICLES_FOLDER = "articles"
FAILED_FOLDER = "failed"
SUMMARY_FILE = "summary.json"


@dataclass(frozen=True, slots=True)
class ArticleOutcome:
    article_id: str
    source: str
    status: str  # extracted, cached, failed
    output: str | None = None
    stage: str | None = None
    reason: str | None = None
    claims: int = 0
    entities: int = 0
    policies: int = 0
    seconds: float = 0.0


@dataclass(slots=True)
class RunSummary:
    corpus: str
    out_dir: str
    pipeline_version: str
    rules: str
    articles: int = 0
    extracted: int = 0
    cached: int = 0
    failed: int = 0
    records: dict[str, int] = field(default_factory=lambda: {"claims": 0, "entities": 0, "policies": 0})
    failures: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    chars: int = 0


def discover_articles(corpus_dir: str | Path) -> list[Path]:
    """Article files under corpus_dir (gold and hidden folders skipped), sorted."""
    root = Path(corpus_dir)
    if not root.is_dir():
        raise ExtractError(str(root), "corpus folder does not exist", "pass a folder of .txt articles")
    found = []
    for path in root.rglob("*"):
        relative = path.relative_to(root).parts
        if any(part.startswith(".") or part == "gold" for part in relative):
            continue
        if path.suffix.lower() in ARTICLE_SUFFIXES and path.is_file():
            found.append(path)
    return sorted(found)


def article_id_for(path: Path, corpus_dir: Path) -> str:
    relative = path.relative_to(corpus_dir).with_suffix("")
    return "__".join(relative.parts)


def cache_key(content: bytes) -> str:
    """Content hash plus rules fingerprint: unchanged article and rules, same key."""
    return hashlib.sha256(content).hexdigest() + ":" + rules_fingerprint()


def process_article(path: str | Path, article_id: str, out_dir: str | Path) -> ArticleOutcome:
    """Extract one article into out_dir/articles/<id>.json, unless cached."""
    from extract.pipeline import extract_text
    from extract.ingest.decode import decode_bytes

    started = time.perf_counter()
    path = Path(path)
    output = Path(out_dir) / ARTICLES_FOLDER / f"{article_id}.json"
    try:
        data = path.read_bytes()
    except OSError as error:
        return _failure(article_id, path, "ingest", f"cannot be read: {error.strerror or error}", started)
    key = cache_key(data)
    if _cached(output, key):
        return ArticleOutcome(article_id, str(path), "cached", output=str(output), seconds=time.perf_counter() - started)
    try:
        decoded = decode_bytes(data, str(path))
        records = extract_text(
            decoded.text, article_id=article_id, source=str(path),
            sha256=hashlib.sha256(data).hexdigest(), encoding=decoded.encoding,
        )
    except ExtractError as error:
        return _failure(article_id, path, error.stage, error.problem, started)
    document = records.model_dump(mode="json")
    document["cache_key"] = key
    write_json_atomic(output, document)
    return ArticleOutcome(
        article_id, str(path), "extracted", output=str(output),
        claims=len(records.claims), entities=len(records.entities), policies=len(records.policies),
        seconds=time.perf_counter() - started,
    )


def _cached(output: Path, key: str) -> bool:
    try:
        with output.open("rb") as handle:
            return orjson.loads(handle.read()).get("cache_key") == key
    except (OSError, orjson.JSONDecodeError):
        return False


def _failure(article_id: str, path: Path, stage: str, reason: str, started: float) -> ArticleOutcome:
    return ArticleOutcome(article_id, str(path), "failed", stage=stage, reason=reason,
                          seconds=time.perf_counter() - started)


def _process_job(job: tuple[str, str, str]) -> ArticleOutcome:
    return process_article(*job)


def process_articles(
    jobs: Sequence[tuple[str, str]], out_dir: str | Path, workers: int | None = None
) -> Iterator[ArticleOutcome]:
    """Extract (path, article_id) jobs with a fork pool over all cores, in job order."""
    workers = workers or os.cpu_count() or 1
    full_jobs = [(str(path), article_id, str(out_dir)) for path, article_id in jobs]
    if workers <= 1 or len(full_jobs) <= 1:
        yield from map(_process_job, full_jobs)
        return
    _warm_up()  # load jieba and the gazetteer once, before forking, so workers share them
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from pool.map(_process_job, full_jobs, chunksize=max(1, min(16, len(full_jobs) // (workers * 4) or 1)))


def _warm_up() -> None:
    from extract.pipeline import extract_text

    extract_text("银川市2021年投入3亿元。")


def summarize(corpus: str | Path, out_dir: str | Path, outcomes: Iterable[ArticleOutcome], seconds: float) -> RunSummary:
    summary = RunSummary(corpus=str(corpus), out_dir=str(out_dir), pipeline_version=PIPELINE_VERSION,
                         rules=rules_fingerprint())
    for outcome in outcomes:
        summary.articles += 1
        if outcome.status == "failed":
            summary.failed += 1
            summary.failures.append({"article": outcome.article_id, "source": outcome.source,
                                     "stage": outcome.stage, "reason": outcome.reason})
            continue
        if outcome.status == "cached":
            summary.cached += 1
        else:
            summary.extracted += 1
            summary.records["claims"] += outcome.claims
            summary.records["entities"] += outcome.entities
            summary.records["policies"] += outcome.policies
    summary.seconds = round(seconds, 3)
    return summary


def write_summary(out_dir: str | Path, summary: RunSummary) -> Path:
    out = Path(out_dir)
    path = out / SUMMARY_FILE
    document = asdict(summary)
    document.pop("seconds")  # timings go to the log and the artifact; outputs stay byte-identical
    write_json_atomic(path, document)
    failed_list = "".join(f"{f['source']}\t{f['stage']}\t{f['reason']}\n" for f in summary.failures)
    write_bytes_atomic(out / FAILED_FOLDER / "failed.tsv", failed_list.encode("utf-8"))
    return path


def summary_markdown(summary: RunSummary) -> str:
    lines = [
        f"# Extraction run: {summary.corpus}",
        "",
        f"Pipeline {summary.pipeline_version} (rules {summary.rules}), {summary.seconds:.1f} s.",
        "",
        "| articles | extracted | cached | failed | claims | entities | policies |",
        "|---|---|---|---|---|---|---|",
        f"| {summary.articles} | {summary.extracted} | {summary.cached} | {summary.failed} | "
        f"{summary.records['claims']} | {summary.records['entities']} | {summary.records['policies']} |",
    ]
    if summary.failures:
        lines += ["", "## Failures", "", "| file | stage | reason |", "|---|---|---|"]
        lines += [f"| {f['source']} | {f['stage']} | {f['reason']} |" for f in summary.failures]
    return "\n".join(lines) + "\n"


def run_corpus(corpus_dir: str | Path, out_dir: str | Path, workers: int | None = None, progress=None) -> RunSummary:
    """The whole run without Prefect (the flow does the same through tasks)."""
    started = time.perf_counter()
    corpus = Path(corpus_dir)
    paths = discover_articles(corpus)
    jobs = [(path, article_id_for(path, corpus)) for path in paths]
    outcomes = []
    for outcome in process_articles(jobs, out_dir, workers):
        outcomes.append(outcome)
        if progress is not None:
            progress(outcome)
    summary = summarize(corpus, out_dir, outcomes, time.perf_counter() - started)
    write_summary(out_dir, summary)
    return summary
