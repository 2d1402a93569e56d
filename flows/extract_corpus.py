"""The corpus flow: discover articles, extract them in parallel batches, summarize.

Tasks take paths and ids, never article text; the extraction itself is
`extract.corpus`. Only the I/O tasks retry. Run it in-process with
`extract run corpus --out outputs`, or serve it on a schedule (README).
"""

from __future__ import annotations

import time
from pathlib import Path

from flows.settings import apply_prefect_defaults

apply_prefect_defaults()

from prefect import flow, get_run_logger, task  # noqa: E402
from prefect.artifacts import create_markdown_artifact  # noqa: E402

from extract import corpus as library  # noqa: E402
from extract.write.atomic import write_json_atomic  # noqa: E402

MANIFEST_FILE = "manifest.json"


def retry_on_io_error(task, task_run, state) -> bool:
    """Retry only when the failure is I/O (a file system hiccup), never a bug or bad data."""
    try:
        state.result()
    except OSError:
        return True
    except BaseException:  # noqa: BLE001 - any other failure is final
        return False
    return False


@task(retries=2, retry_delay_seconds=1, retry_condition_fn=retry_on_io_error)
def write_manifest(corpus_dir: str, out_dir: str) -> str:
    """List the corpus into out_dir/manifest.json; returns its path."""
    root = Path(corpus_dir)
    paths = library.discover_articles(root)
    manifest = [{"path": str(p), "id": library.article_id_for(p, root)} for p in paths]
    target = Path(out_dir) / MANIFEST_FILE
    write_json_atomic(target, manifest)
    return str(target)


@task
def extract_batch(manifest: str, first: int, last: int, out_dir: str, workers: int) -> list[dict]:
    """Extract articles [first, last) of the manifest with a fork pool over all cores."""
    import orjson

    entries = orjson.loads(Path(manifest).read_bytes())[first:last]
    jobs = [(entry["path"], entry["id"]) for entry in entries]
    logger = get_run_logger()
    outcomes = []
    for outcome in library.process_articles(jobs, out_dir, workers or None):
        logger.debug("%s: %s %s", outcome.article_id, outcome.status, outcome.reason or "")
        outcomes.append(library.asdict(outcome))
    return outcomes


@task(retries=2, retry_delay_seconds=1, retry_condition_fn=retry_on_io_error)
def publish_summary(corpus_dir: str, out_dir: str, outcomes: list[dict], seconds: float) -> dict:
    summary = library.summarize(corpus_dir, out_dir, (library.ArticleOutcome(**o) for o in outcomes), seconds)
    library.write_summary(out_dir, summary)
    create_markdown_artifact(markdown=library.summary_markdown(summary), key="extract-run-summary",
                             description="Extraction run summary")
    return library.asdict(summary)


@flow(name="extract-corpus", log_prints=False)
def extract_corpus(corpus_dir: str = "corpus", out_dir: str = "outputs", workers: int = 0, batch_size: int = 500) -> dict:
    """Extract every article of corpus_dir into out_dir; returns the run summary."""
    started = time.perf_counter()
    manifest = write_manifest(corpus_dir, out_dir)
    import orjson

    total = len(orjson.loads(Path(manifest).read_bytes()))
    outcomes: list[dict] = []
    for first in range(0, total, batch_size):
        outcomes.extend(extract_batch(manifest, first, min(total, first + batch_size), out_dir, workers))
    summary = publish_summary(corpus_dir, out_dir, outcomes, time.perf_counter() - started)
    get_run_logger().info(
        "%s: %d articles, %d extracted, %d cached, %d failed in %.1f s",
        corpus_dir, summary["articles"], summary["extracted"], summary["cached"], summary["failed"],
        summary["seconds"],
    )
    return summary


if __name__ == "__main__":
    extract_corpus()
