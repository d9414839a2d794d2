"""`airdate backfill`: WARC archives through a Dask cluster into the store."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from airdate.options import db_option, echo_json, json_option, open_db
from airdate.settings import Settings


@click.command("backfill")
@click.argument("sources", nargs=-1, required=True, metavar="WARC...")
@click.option(
    "--scheduler",
    metavar="tcp://HOST:8786",
    help="An existing Dask cluster's scheduler; without it a local cluster is started.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    metavar="N",
    help="Worker processes of the local cluster (default: one per core).",
)
@db_option
@json_option
@click.option("-q", "--quiet", is_flag=True, help="Print only the summary line.")
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=Settings.max_bytes,
    show_default=True,
    help="Skip (and record) pages larger than this.",
)
def backfill_command(
    sources: tuple[str, ...], scheduler: str | None, workers: int | None, db: Path, as_json: bool, quiet: bool,
    max_bytes: int,
) -> None:  # fmt: skip
    """Extract years of news from WARC archives (CC-NEWS) on a Dask cluster.

    WARC is a .warc or .warc.gz file, a folder of them or a quoted glob. Each
    worker reads whole files: the 2xx HTML responses' main text (trafilatura),
    a cheap prefilter (English, and about a film or series at all), then the
    extractor; it sends back only the articles kept and their claims. This
    process alone writes the store, one transaction per file, which also records
    the file as done: run the same command again after a crash or Ctrl-C and it
    skips the files done. A record id is never stored twice. Broken records and
    files are recorded (see `airdate failures`) and the run goes on; exit code 1.

    Workers on another cluster need airdate installed and the files at the same
    paths. `airdate ingest FILE.warc.gz` does the same work in one process.

    \b
    Examples:
      airdate backfill cc-news/2026/03/*.warc.gz             all local cores
      airdate backfill cc-news/ --workers 2                  a folder, two processes
      airdate backfill 'cc-news/**/*.warc.gz' --scheduler tcp://10.0.0.5:8786
    """
    from airdate.backfill.progress import file_progress_for
    from airdate.backfill.run import BackfillTally, backfill

    settings = Settings(max_bytes=max_bytes, db=db)
    tally = BackfillTally()
    with open_db(db, create=True) as store:
        progress = None if as_json else file_progress_for(sys.stdout, quiet)
        try:
            backfill(
                store, sources, settings, scheduler=scheduler, workers=workers, progress=progress, tally=tally
            )
        except KeyboardInterrupt:
            click.echo(f"stopped: {tally.summary()}; run it again to finish", err=True)
            raise
    if as_json:
        echo_json(tally.to_json())
    else:
        click.echo(tally.summary())
    if tally.failed or tally.failed_files:
        click.get_current_context().exit(1)


COMMANDS = (backfill_command,)
