"""Command line: parse options, call `pipeline.run.run`; nothing else happens here."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Vietnamese news archives to structured knowledge.")


@app.command("run")
def run_command(
    inputs: Annotated[list[Path] | None, typer.Argument(help="Files or folders; default: the embedded sample.")] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("out"),
    workers: Annotated[int | None, typer.Option(help="Local worker processes (default: CPU cores).")] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Keep what an earlier run into --out finished.")] = False,
    engine: Annotated[str, typer.Option(help="local or dask.")] = "local",
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler address, e.g. tcp://host:8786.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
    themes_from: Annotated[
        Path | None, typer.Option(help="Reuse the theme model of an earlier output folder instead of fitting one.")
    ] = None,
) -> None:
    """Process documents into DIR: documents.jsonl, tables/, vnpipe.duckdb, errors.jsonl, report.html."""
    from pipeline.run import RunError, run

    if engine not in ("local", "dask"):
        raise typer.BadParameter("engine must be 'local' or 'dask'", param_hint="--engine")
    show = not quiet and sys.stderr.isatty()
    try:
        if show:
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

            columns = (TextColumn("[bold]vnpipe"), BarColumn(), TextColumn("{task.completed} documents"),
                       TimeElapsedColumn())  # fmt: skip
            with Progress(*columns, transient=True) as progress:
                task = progress.add_task("run", total=None)
                stats = run(inputs, out, workers=workers, resume=resume, engine=engine, scheduler=scheduler,
                            themes_from=themes_from, on_progress=lambda n: progress.advance(task, n))  # fmt: skip
        else:
            stats = run(inputs, out, workers=workers, resume=resume, engine=engine, scheduler=scheduler,
                        themes_from=themes_from)  # fmt: skip
    except RunError as exc:
        typer.echo(f"vnpipe: {exc}", err=True)
        raise typer.Exit(2) from None
    if not quiet:
        typer.echo(
            f"{stats.documents} documents, {stats.errors} errors"
            + (f", {stats.skipped} kept from an earlier run" if stats.skipped else "")
            + f" -> {out}",
            err=True,
        )


@app.command("report")
def report_command(folder: Annotated[Path, typer.Argument(help="An existing output folder.")]) -> None:
    """Rebuild report.html from an output folder."""
    from pipeline.report import write_report

    if not (folder / "documents.jsonl").exists():
        typer.echo(f"vnpipe: no documents.jsonl in {folder}", err=True)
        raise typer.Exit(2)
    typer.echo(str(write_report(folder)))
