"""A Dask worker preload for the tests: the worker reading a given WARC file is killed mid-file, once.

Set `distributed.worker.preload` to this file's path and `airdate-tests.kill` to
{NAME: {"after": N, "marker": PATH}, ...} in Dask's config before the cluster starts (its
nannies hand the config to every worker process, restarted ones too). A worker that reaches
record N of the file NAME sends itself SIGKILL, as the kernel's OOM killer would: only the first
one, which creates the marker, or every one when the marker is None.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from typing import Any

import dask

KILL = "airdate-tests.kill"


def dask_setup(worker: Any) -> None:
    targets = dask.config.get(KILL, default=None)
    if not targets:
        return
    import airdate.sources.warc as warc

    read = warc.read_records

    def read_records(path: Any) -> Iterator[Any]:
        target = targets.get(os.path.basename(path))
        for n, record in enumerate(read(path)):
            if target is not None and n == target["after"] and _first(target["marker"]):
                os.kill(os.getpid(), signal.SIGKILL)
            yield record

    warc.read_records = read_records


def _first(marker: str | None) -> bool:
    """True for the one caller that creates the marker (for every caller without one)."""
    if marker is None:
        return True
    try:
        os.close(os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return False
    return True
