"""Progress of a backfill: a rich bar per file being read and one overall, or a line per file."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from airdate.backfill.batch import FileBatch

if TYPE_CHECKING:
    from rich.progress import TaskID


def _line(batch: FileBatch, new: int) -> str:
    return (
        f"{batch.records} records: {new} stored, {batch.dropped} dropped by the prefilter, "
        f"{batch.skipped} skipped, {len(batch.failures)} failed"
    )


class FileLines:
    """One line per file done or failed, for logs and pipes."""

    def __init__(self, out: TextIO | None = None) -> None:
        self.out = out

    def start(self, files: Sequence[tuple[str, int]], where: str) -> None:
        self._print(f"backfill: {len(files)} file{'s' * (len(files) != 1)} on {where}")

    def reading(self, file: str, records: int, position: int) -> None:
        pass

    def done(self, file: str, batch: FileBatch, new: int) -> None:
        self._print(f"done      {file} ({_line(batch, new)})")
        for label, stage, reason in batch.failures:
            self._print(f"failed    {label}: {stage}: {reason}")

    def failed(self, file: str, reason: str) -> None:
        self._print(f"failed    {file}: {reason}")

    def worker_died(self, file: str, worker: str) -> None:
        self._print(f"lost      {file} (its worker {worker} died; Dask tries it again, up to its limit)")

    def finish(self) -> None:
        pass

    def _print(self, line: str) -> None:
        print(line, file=self.out or sys.stdout, flush=True)


class FileBars:
    """An overall bar (bytes of all files) and a bar per file in flight, fed by the workers' events."""

    def __init__(self, out: TextIO | None = None) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

        self.bars = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            DownloadColumn(),
            TimeRemainingColumn(),
            TextColumn("{task.fields[note]}", style="dim"),
            console=Console(file=out or sys.stdout),
            transient=True,
        )
        self.overall = self.bars.add_task("[bold]backfill", total=0, note="")
        self.tasks: dict[str, tuple[TaskID | None, int]] = {}  # file → (task, bytes already counted overall)
        self.stored = 0
        self.records = 0

    def start(self, files: Sequence[tuple[str, int]], where: str) -> None:
        self.bars.console.print(
            f"backfill: {len(files)} file{'s' * (len(files) != 1)} on {where}", highlight=False
        )
        self.sizes = dict(files)
        self.bars.update(self.overall, total=sum(self.sizes.values()))
        self.bars.start()

    def reading(self, file: str, records: int, position: int) -> None:
        task, counted = self.tasks.get(file, (None, 0))
        if task is None:
            task = self.bars.add_task(_tail(file, 30), total=self.sizes.get(file, 0), note="")
        self.bars.update(task, completed=position, note=f"{records} records")
        self.bars.advance(self.overall, max(0, position - counted))
        self.tasks[file] = (task, max(counted, position))

    def done(self, file: str, batch: FileBatch, new: int) -> None:
        self._close(file)
        self.stored += new
        self.records += batch.records
        self.bars.update(self.overall, note=f"{self.records} records, {self.stored} stored")
        from rich.markup import escape

        for label, stage, reason in batch.failures:
            self.bars.console.print(
                f"[red]failed[/red] {escape(label)}: {stage}: {escape(reason)}", highlight=False
            )

    def failed(self, file: str, reason: str) -> None:
        from rich.markup import escape

        self._close(file)
        self.bars.console.print(f"[red]failed[/red] {escape(file)}: {escape(reason)}", highlight=False)

    def worker_died(self, file: str, worker: str) -> None:
        from rich.markup import escape

        self.bars.console.print(
            f"[yellow]lost[/yellow] {escape(file)} (its worker {escape(worker)} died; "
            "Dask tries it again, up to its limit)",
            highlight=False,
        )

    def _close(self, file: str) -> None:
        task, counted = self.tasks.pop(file, (None, 0))
        self.bars.advance(self.overall, max(0, self.sizes.get(file, 0) - counted))
        if task is not None:
            self.bars.remove_task(task)

    def finish(self) -> None:
        self.bars.stop()


def file_progress_for(out: TextIO, quiet: bool = False) -> FileBars | FileLines | None:
    """Bars on a terminal, plain lines otherwise, nothing when quiet."""
    if quiet:
        return None
    return FileBars(out) if out.isatty() else FileLines(out)


def _tail(path: str, width: int) -> str:
    name = Path(path).name
    return name if len(name) <= width else "…" + name[-(width - 1) :]
