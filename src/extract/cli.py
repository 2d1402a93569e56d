"""Command line: `extract article|run|schema|number|eval`."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.console import Console

from extract.errors import ExtractError

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Chinese news-text extraction.")
err = Console(stderr=True)

DEFAULT_SCHEMA_DIR = Path("schemas")


@app.command()
def article(files: list[Path] = typer.Argument(..., help="Article files (UTF-8, GB18030, UTF-16 with BOM)")) -> None:
    """Extract each FILE and print one JSON object per file (JSON Lines) on stdout."""
    from extract.pipeline import extract_file
    from extract.write.atomic import dumps_line

    failed = 0
    for path in files:
        try:
            records = extract_file(path)
        except ExtractError as error:
            failed += 1
            err.print(f"[red]error[/red] {error}")
            sys.stdout.buffer.write(dumps_line({"source": str(path), "error": {"stage": error.stage, "problem": error.problem}}))
            continue
        sys.stdout.buffer.write(dumps_line(records.model_dump(mode="json")))
    sys.stdout.flush()
    if failed:
        raise typer.Exit(code=1)


@app.command()
def run(
    corpus_dir: Path = typer.Argument(Path("corpus"), help="Folder of article files"),
    out: Path = typer.Option(Path("outputs"), "--out", help="Output folder"),
    workers: int = typer.Option(0, help="Worker processes (0: all cores)"),
    batch_size: int = typer.Option(500, help="Articles per Prefect task"),
    prefect: bool = typer.Option(True, help="Run as the Prefect flow (in-process); --no-prefect runs the bare library"),
) -> None:
    """Run the corpus flow: extract every article of CORPUS_DIR into --out."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from extract.corpus import discover_articles

    try:
        total = len(discover_articles(corpus_dir))
    except ExtractError as error:
        err.print(f"[red]error[/red] {error}")
        raise typer.Exit(code=2) from error
    if prefect:
        from flows.extract_corpus import extract_corpus

        with Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err) as bar:
            task_id = bar.add_task("run", total=total)
            summary = extract_corpus(str(corpus_dir), str(out), workers, batch_size)
            bar.update(task_id, completed=total)
    else:
        from dataclasses import asdict

        from extract.corpus import run_corpus

        with Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err) as bar:
            task_id = bar.add_task("run", total=total)
            summary = asdict(run_corpus(corpus_dir, out, workers or None, progress=lambda _: bar.advance(task_id)))
    err.print(
        f"{summary['articles']} articles: {summary['extracted']} extracted, {summary['cached']} cached, "
        f"{summary['failed']} failed; {summary['records']['claims']} claims, {summary['records']['entities']} entities, "
        f"{summary['records']['policies']} policies → {out}"
    )
    for failure in summary["failures"]:
        err.print(f"[yellow]failed[/yellow] {failure['source']} ({failure['stage']}): {failure['reason']}")


@app.command()
def schema(out: Path = typer.Option(DEFAULT_SCHEMA_DIR, "--out", help="Folder for the JSON Schema files")) -> None:
    """Regenerate the JSON Schema files of the records."""
    from extract.records.schemas import write_schemas

    for path in write_schemas(out):
        err.print(f"wrote {path}")


@app.command()
def number(text: str = typer.Argument(..., help="A quantity as written, e.g. 三千二百万元")) -> None:
    """Resolve one quantity: value, unit, kind and qualifier."""
    from extract.resolve.quantities import QuantityError, resolve_text
    from extract.write.atomic import dumps_line

    try:
        quantity = resolve_text(text)
    except QuantityError as error:
        err.print(f"[red]error[/red] {error}")
        raise typer.Exit(code=1) from error
    sys.stdout.buffer.write(dumps_line({
        "text": text, "value": quantity.value, "value_max": quantity.value_max, "unit": quantity.unit,
        "kind": quantity.kind.value, "qualifier": quantity.qualifier.value,
    }))


@app.command("eval")
def evaluate_command(
    gold: Path = typer.Option(Path("corpus/gold"), help="Folder of gold files"),
    pred: Path | None = typer.Option(None, help="Run output folder to score instead of extracting"),
    json_out: Path | None = typer.Option(None, "--json", help="Write the full report as JSON here"),
    errors: int = typer.Option(0, help="Print this many misses and false positives per layer"),
) -> None:
    """Score extraction against the gold corpus: P/R/F1 per layer and type."""
    from rich.table import Table

    from extract.evaluate.run import evaluate
    from extract.write.atomic import write_json_atomic

    report = evaluate(gold, pred)
    out = Console()
    for layer, result in report.items():
        table = Table(title=f"{layer}: exact span and type" if layer != "claims" else "claims: overlap, value and unit")
        for column in ("type", "gold", "pred", "matched", "P", "R", "F1"):
            table.add_column(column, justify="right" if column != "type" else "left")
        for kind, counts in result["exact"].items():
            table.add_row(kind, *(str(counts[k]) for k in ("gold", "predicted", "matched")),
                          *(f"{counts[k]:.3f}" for k in ("precision", "recall", "f1")))
        overlap = result["overlap_type_ignored"]
        table.add_row("overlap, type ignored", *(str(overlap[k]) for k in ("gold", "predicted", "matched")),
                      *(f"{overlap[k]:.3f}" for k in ("precision", "recall", "f1")))
        out.print(table)
        if result["field_agreement"]:
            out.print("  field agreement on matched claims: " + ", ".join(
                f"{k} {v:.3f}" for k, v in result["field_agreement"].items() if v is not None))
        out.print("  rules: " + ", ".join(f"{k} {v['matched']}/{v['predicted']}" for k, v in result["rules"].items()))
        for title, items in (("miss", result["misses"]), ("false positive", result["false_positives"])):
            for item in items[:errors]:
                out.print(f"  [yellow]{title}[/yellow] {item['article']} {item['text']!r} "
                          f"{ {k: item[k] for k in item if k in ('value', 'unit', 'type', 'kind')} } "
                          f"| {item.get('sentence', '')[:60]}")
    if json_out:
        write_json_atomic(json_out, report)


def main() -> None:
    app()
