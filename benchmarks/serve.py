"""Serving at scale: `airdate serve` over a 20,000-article store, under bounded load from a second process.

    .venv/bin/python benchmarks/serve.py [--rate 200] [--seconds 10] [--repeats 3] [--db PATH] [--json FILE]

The store is benchmarks/ingest.py's corpus (the HuffPost items of ../shared/corpora plus
variants of our fixture articles), ingested once into benchmarks/.cache/ and reused after
(several minutes the first time; --rebuild builds it again, --db PATH serves another).
`airdate serve` runs in its own process and the load comes from another, over 50
keep-alive connections. Per endpoint: a few requests one at a time (the warm-up, and the
service time), then an open loop at a fixed rate (--rate; --calendar-rate for the
calendar, which is every release in one file) with latency counted from each request's
scheduled time, so a server that falls behind shows its queue; then a closed loop (each
connection sends again as soon as it is answered) for the saturation throughput.
/static/style.css through the same server is the baseline. Prints medians over --repeats
beside the issue's targets; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import platform
import resource
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
TODAY = "2026-11-24"  # benchmarks/ingest.py's day: its corpus's releases are upcoming from here
DEFAULT_ARTICLES = 20_000
BASELINE = "/static/style.css"
# "{n}" is replaced by a request counter (1..SPREAD), so every request asks for another page:
# those rows measure the pages the server has not rendered since the last write (its cache misses).
ENDPOINTS = (BASELINE, "/", "/?page={n}", "/api/releases", "/api/releases?offset={n}", "/calendar.ics")
SPREAD = 250
TARGETS_MS = {"/api/releases": 50.0, "/": 100.0}  # p99 under bounded load, from the issue
CONNECTIONS = 50
ALONE_LIMIT_S = 120.0  # one request alone that takes longer is given up (and the server restarted)
ALONE_MIN = 3  # requests one at a time, at the least: the median is then a warm one


# --- the store ----------------------------------------------------------------------------------------


def _ingest_module() -> Any:
    """benchmarks/ingest.py, whose corpus this benchmark serves."""
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    import ingest

    return ingest


class _Every:
    """Progress for the long ingest: a line on stderr every `step` articles."""

    def __init__(self, step: int = 2000) -> None:
        self.step, self.n, self.total, self.t0 = step, 0, 0, time.perf_counter()

    def start(self, total: int) -> None:
        self.total, self.t0 = total, time.perf_counter()

    def article(self, label: str, outcome: str, detail: str = "") -> None:
        self.n += 1
        if self.n % self.step == 0:
            rate = self.n / (time.perf_counter() - self.t0)
            left = max(0, self.total - self.n) / rate
            print(f"  ingested {self.n}/{self.total} ({rate:.0f}/s, ~{left / 60:.0f} min left)",
                  file=sys.stderr, flush=True)  # fmt: skip

    def advance(self) -> None:
        pass

    def finish(self) -> None:
        pass


def build_store(db: Path, articles: int) -> float:
    """Write ingest.py's corpus of `articles` and ingest it into a new database at `db`; the seconds taken.

    Built beside `db` and renamed into place, so an interrupted build never leaves a store to reuse.
    """
    from airdate.extract.pipeline import Extractor
    from airdate.ingest import ingest
    from airdate.settings import Settings
    from airdate.store import open_store

    bench = _ingest_module()
    db.parent.mkdir(parents=True, exist_ok=True)
    partial = db.with_name(db.name + ".partial")
    for old in (partial, partial.with_name(partial.name + "-wal"), partial.with_name(partial.name + "-shm")):
        old.unlink(missing_ok=True)
    work = Path(tempfile.mkdtemp(prefix="airdate-serve-bench-"))
    t0 = time.perf_counter()
    try:
        bench.build_corpus(work / "corpus", articles)
        with open_store(partial) as store:
            ingest(store, [str(work / "corpus")], Extractor(), Settings(), _Every())
            store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        os.replace(partial, db)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return time.perf_counter() - t0


def ensure_cache_ignored() -> None:
    CACHE.mkdir(parents=True, exist_ok=True)
    ignore = CACHE / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# Stores built by benchmarks/serve.py: large, built again on demand.\n*\n")


def store_facts(db: Path, today: str) -> dict[str, int]:
    """Row counts, and how many releases the board and the calendar list."""
    from datetime import date

    from airdate.store import open_store
    from airdate.views.filters import Filters

    with open_store(db, read_only=True) as store:
        counts = store.counts()
        rows = Filters().select(store, date.fromisoformat(today)).rows
    return {**counts, "on_board": len(rows), "with_window": sum(1 for s in rows if s.start or s.end)}


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU process `pid` has used so far (Linux /proc; None elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# --- the server ---------------------------------------------------------------------------------------


@dataclass
class Server:
    proc: subprocess.Popen[bytes]
    host: str
    port: int
    log: Path

    def stop(self) -> str:
        """Ctrl-C, a second one (uvicorn's "don't wait for requests in progress"), then a kill.

        Returns what the server wrote on stderr while it served (not the noise of stopping it).
        """
        said = self.log.read_text(errors="replace")
        for wait in (3, 5):
            if self.proc.poll() is not None:
                break
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(wait)
            except subprocess.TimeoutExpired:
                pass
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.log.unlink(missing_ok=True)
        return said


def start_server(db: Path, today: str) -> Server:
    """`airdate serve` on a free loopback port, as its own process; waits for its address line."""
    script = Path(sys.executable).with_name("airdate")
    cmd = [str(script)] if script.is_file() else [sys.executable, "-m", "airdate.cli"]
    cmd += ["serve", "--db", str(db), "--port", "0", "--today", today]
    fd, name = tempfile.mkstemp(prefix="airdate-serve-", suffix=".log")
    log = Path(name)
    with open(fd, "wb") as err:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err)
    assert proc.stdout is not None
    deadline = time.monotonic() + 60
    line = b""
    while not line.endswith(b"\n") and time.monotonic() < deadline and proc.poll() is None:
        if select.select([proc.stdout], [], [], 0.5)[0]:
            line += os.read(proc.stdout.fileno(), 4096) or b"\n"
    text = line.decode("utf-8", "replace").strip()
    # "airdate: serving PATH at http://127.0.0.1:PORT/ (Ctrl-C to stop)"
    address = next((w for w in text.split() if w.startswith("http://")), "")
    if not address:
        proc.kill()
        proc.wait()
        said = log.read_text(errors="replace")[-2000:]
        log.unlink(missing_ok=True)
        raise SystemExit(f"airdate serve did not start: {text!r}\n{said}")
    host, port = address.removeprefix("http://").rstrip("/").rsplit(":", 1)
    return Server(proc, host, int(port), log)


# --- the load generator (runs in its own process) -------------------------------------------------------
#
# A minimal HTTP/1.1 keep-alive client: asyncio protocols, httptools' parser (uvicorn's own)
# and uvloop when installed. Measured against the baseline at 50 connections, it spends under
# 0.1 ms of CPU per request; httpx's AsyncClient spent 7-9 ms and topped out near 100
# requests/s, so on two cores the client, not the server, would have set the ceiling.


class _Conn:
    """One keep-alive connection, one request at a time; a response's end is stamped as it is parsed."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.transport: asyncio.Transport | None = None
        self.waiter: asyncio.Future[int] | None = None
        self.done_at = 0.0
        self.body_bytes = 0

    async def connect(self) -> None:
        import httptools

        self.parser = httptools.HttpResponseParser(self)
        loop = asyncio.get_running_loop()
        self.transport, _ = await loop.create_connection(lambda: _Protocol(self), self.host, self.port)

    def close(self) -> None:
        if self.transport is not None:
            self.transport.abort()
            self.transport = None

    async def fetch(self, request: bytes) -> int:
        """Send `request` and wait for the whole response; its status."""
        if self.transport is None or self.transport.is_closing():
            await self.connect()
        assert self.transport is not None
        self.waiter = asyncio.get_running_loop().create_future()
        self.body_bytes = 0
        self.transport.write(request)
        return await self.waiter

    # httptools' callbacks
    def on_body(self, body: bytes) -> None:
        self.body_bytes += len(body)

    def on_message_complete(self) -> None:
        self.done_at = time.perf_counter()
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_result(self.parser.get_status_code())


class _Protocol(asyncio.Protocol):
    def __init__(self, conn: _Conn) -> None:
        self.conn = conn

    def data_received(self, data: bytes) -> None:
        try:
            self.conn.parser.feed_data(data)
        except Exception as e:  # httptools.HttpParserError and kin
            self._fail(e)

    def connection_lost(self, exc: Exception | None) -> None:
        self._fail(exc or ConnectionResetError("the server closed the connection"))

    def _fail(self, exc: BaseException) -> None:
        waiter = self.conn.waiter
        if waiter is not None and not waiter.done():
            waiter.set_exception(exc)
        self.conn.close()


@dataclass
class Load:
    """One run of the load generator against one path."""

    host: str
    port: int
    path: str
    mode: str  # "open" (a fixed rate) or "closed" (each connection sends again once answered)
    seconds: float
    rate: float = 0.0
    connections: int = CONNECTIONS
    grace: float = 5.0  # open loop: the most a request may take; `seconds` + this: the rest is given up
    alone: float = 2.0  # seconds of one-at-a-time requests first (the warm-up, and the service time)
    server_pid: int = 0  # to read the server's CPU time around each phase


@dataclass
class Outcome:
    path: str
    mode: str
    seconds: float
    sent: int
    latencies_ms: list[float]  # answered in time with a 200, sorted
    errors: dict[str, int]  # anything else, by kind; counted as infinitely slow in the percentiles
    answered: int  # responses received, in time or not
    body_bytes: int
    client_cpu_s: float
    server_cpu_s: float | None = None
    alone_ms: list[float] = field(default_factory=list)  # one request at a time on an idle server, sorted
    alone_cpu_s: float | None = None
    first_ms: float | None = None  # the first of those (a cold cache shows here)

    @property
    def ok(self) -> int:
        return len(self.latencies_ms)

    @property
    def failed(self) -> int:
        return sum(self.errors.values())

    @property
    def abandoned(self) -> bool:
        """Requests were given up while the server still worked on them (so it needs a restart)."""
        return bool(self.errors.get("abandoned"))

    @property
    def rps(self) -> float:
        return self.ok / self.seconds

    def percentile(self, q: float) -> float:
        """Nearest rank over every request, failures as +inf (a failing run can't look fast)."""
        n = self.ok + self.failed
        if n == 0:
            return math.inf
        rank = min(n - 1, round(q * (n - 1)))
        return self.latencies_ms[rank] if rank < self.ok else math.inf

    @property
    def server_cpu_ms(self) -> float | None:
        """Server CPU per response, under load."""
        n = self.answered
        return None if self.server_cpu_s is None or not n else self.server_cpu_s * 1000 / n

    @property
    def alone_cpu_ms(self) -> float | None:
        n = len(self.alone_ms)
        return None if self.alone_cpu_s is None or not n else self.alone_cpu_s * 1000 / n


class Requests:
    """The request for each send: one fixed request, or a new page each time for a "{n}" path."""

    def __init__(self, host: str, port: int, path: str, start: int = 0) -> None:
        self.host, self.port, self.path, self.n = host, port, path, start
        self.fixed = None if "{n}" in path else request_bytes(host, port, path)

    def next(self) -> bytes:
        if self.fixed is not None:
            return self.fixed
        self.n += 1
        return request_bytes(self.host, self.port, self.path.replace("{n}", str(1 + self.n % SPREAD)))


def request_bytes(host: str, port: int, path: str) -> bytes:
    return (f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUser-Agent: airdate-bench\r\n"
            "Accept: */*\r\n\r\n").encode()  # fmt: skip


async def _drive(load: Load) -> Outcome:
    """The load itself; every request is answered or given up by `seconds + grace` after the start."""
    conns = [_Conn(load.host, load.port) for _ in range(load.connections)]
    await asyncio.gather(*(c.connect() for c in conns))
    requests = Requests(load.host, load.port, load.path, start=SPREAD // 2)  # other pages than the warm-up's
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    sizes: list[int] = []
    sent = answered = 0

    async def one(conn: _Conn, due: float) -> None:
        nonlocal sent, answered
        if load.mode == "open" and time.perf_counter() > due + load.grace:
            errors["never sent"] += 1  # queued behind busy connections for too long
            return
        sent += 1
        try:
            status = await conn.fetch(requests.next())
        except asyncio.CancelledError:
            errors["abandoned"] += 1
            conn.close()
            raise
        except Exception as e:
            errors[type(e).__name__] += 1
            conn.close()
            return
        answered += 1
        took = conn.done_at - due
        if status != 200:
            errors[f"http {status}"] += 1
        elif load.mode == "open" and took > load.grace:
            errors["late"] += 1
        else:
            latencies.append(took * 1000)
            sizes.append(conn.body_bytes)

    queue: asyncio.Queue[float | None] = asyncio.Queue()
    t0 = time.perf_counter() + 0.02
    end = t0 + load.seconds

    async def feed() -> None:
        n = max(1, round(load.rate * load.seconds))
        i = 0
        while i < n:
            now = time.perf_counter()
            while i < n and t0 + i / load.rate <= now:
                queue.put_nowait(t0 + i / load.rate)  # latency counts from here, however late it is sent
                i += 1
            if i < n:
                await asyncio.sleep(t0 + i / load.rate - time.perf_counter())
        for _ in conns:
            queue.put_nowait(None)

    async def open_worker(conn: _Conn) -> None:
        while (due := await queue.get()) is not None:
            await one(conn, due)

    async def closed_worker(conn: _Conn) -> None:
        await asyncio.sleep(max(0.0, t0 - time.perf_counter()))
        while (now := time.perf_counter()) < end:
            await one(conn, now)

    cpu0, server0 = resource.getrusage(resource.RUSAGE_SELF), cpu_seconds(load.server_pid)
    if load.mode == "open":
        tasks = [asyncio.ensure_future(feed())] + [asyncio.ensure_future(open_worker(c)) for c in conns]
    else:
        tasks = [asyncio.ensure_future(closed_worker(c)) for c in conns]
    _, pending = await asyncio.wait(tasks, timeout=end + load.grace - time.perf_counter())
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    while not queue.empty():
        errors["never sent"] += queue.get_nowait() is not None
    cpu1, server1 = resource.getrusage(resource.RUSAGE_SELF), cpu_seconds(load.server_pid)
    for c in conns:
        c.close()
    latencies.sort()
    return Outcome(
        path=load.path,
        mode=load.mode,
        seconds=load.seconds if load.mode == "open" else max(load.seconds, time.perf_counter() - t0),
        sent=sent,
        latencies_ms=latencies,
        errors={k: v for k, v in errors.items() if v},
        answered=answered,
        body_bytes=round(statistics.median(sizes)) if sizes else 0,
        client_cpu_s=(cpu1.ru_utime + cpu1.ru_stime) - (cpu0.ru_utime + cpu0.ru_stime),
        server_cpu_s=None if server0 is None or server1 is None else server1 - server0,
    )


@dataclass
class Alone:
    latencies_ms: list[float]  # in the order sent
    server_cpu_s: float | None
    body_bytes: int
    gave_up: bool  # a request took longer than ALONE_LIMIT_S


async def _alone(load: Load) -> Alone:
    """One request at a time for `load.alone` seconds, at least ALONE_MIN; stops at the first error."""
    conn = _Conn(load.host, load.port)
    requests = Requests(load.host, load.port, load.path)
    out: list[float] = []
    server0 = cpu_seconds(load.server_pid)
    end = time.perf_counter() + load.alone
    while len(out) < ALONE_MIN or time.perf_counter() < end:
        t = time.perf_counter()
        try:
            status = await asyncio.wait_for(conn.fetch(requests.next()), ALONE_LIMIT_S)
        except TimeoutError:
            conn.close()
            return Alone(out, None, 0, True)
        if status != 200:
            break
        out.append((conn.done_at - t) * 1000)
    server1 = cpu_seconds(load.server_pid)
    conn.close()
    cpu = None if server0 is None or server1 is None else server1 - server0
    return Alone(out, cpu, conn.body_bytes if out else 0, False)


def _loop_factory() -> Any:
    try:
        import uvloop
    except ImportError:
        return asyncio.new_event_loop
    return uvloop.new_event_loop


def run_load(load: Load) -> Outcome:
    """In the load process: requests one at a time (warm-up and service time), then the load."""

    async def go() -> Outcome:
        alone = await _alone(load) if load.alone > 0 else Alone([], None, 0, False)
        if alone.gave_up:
            return Outcome(load.path, load.mode, load.seconds, 0, [], {"abandoned": 1}, 0, 0, 0.0)
        outcome = await _drive(load)
        outcome.alone_ms, outcome.alone_cpu_s = sorted(alone.latencies_ms), alone.server_cpu_s
        outcome.first_ms = alone.latencies_ms[0] if alone.latencies_ms else None
        outcome.body_bytes = outcome.body_bytes or alone.body_bytes
        return outcome

    with asyncio.Runner(loop_factory=_loop_factory()) as runner:
        return runner.run(go())


def prime(host: str, port: int, connections: int) -> None:
    """Two rounds of concurrent small requests: the server starts its worker threads and their stores."""

    async def go() -> None:
        conns = [_Conn(host, port) for _ in range(connections)]
        request = request_bytes(host, port, "/api/releases?limit=1")
        for _ in range(2):
            await asyncio.gather(*(c.fetch(request) for c in conns), return_exceptions=True)
        for c in conns:
            c.close()

    with asyncio.Runner(loop_factory=_loop_factory()) as runner:
        runner.run(go())


# --- measuring and printing ---------------------------------------------------------------------------


def _median(values: list[float | None]) -> float | None:
    kept = [v for v in values if v is not None]
    return statistics.median(kept) if kept else None


@dataclass
class Row:
    path: str
    mode: str
    rate: float
    runs: list[Outcome]

    @property
    def rps(self) -> float:
        return statistics.median(o.rps for o in self.runs)

    @property
    def p50(self) -> float:
        return statistics.median(o.percentile(0.50) for o in self.runs)

    @property
    def p99(self) -> float:
        return statistics.median(o.percentile(0.99) for o in self.runs)

    @property
    def errors(self) -> int:
        return sum(o.failed for o in self.runs)

    @property
    def cpu_ms(self) -> float | None:
        return _median([o.server_cpu_ms for o in self.runs])

    @property
    def alone_ms(self) -> float | None:
        return _median([statistics.median(o.alone_ms) if o.alone_ms else None for o in self.runs])

    @property
    def alone_cpu_ms(self) -> float | None:
        return _median([o.alone_cpu_ms for o in self.runs])

    @property
    def first_ms(self) -> float | None:
        """The slowest first request of a run."""
        return max((o.first_ms for o in self.runs if o.first_ms is not None), default=None)

    @property
    def body_bytes(self) -> int:
        return max(o.body_bytes for o in self.runs)

    def to_json(self) -> dict[str, Any]:
        return {
            "rate": self.rate if self.mode == "open" else None,
            "requests_per_s": num(self.rps),
            "p50_ms": num(self.p50),
            "p99_ms": num(self.p99),
            "errors": self.errors,
            "server_cpu_ms_per_request": num(self.cpu_ms),
            "alone_ms": num(self.alone_ms),
            "alone_server_cpu_ms": num(self.alone_cpu_ms),
            "slowest_first_ms": num(self.first_ms),
            "response_bytes": self.body_bytes,
            "runs": [
                {
                    "requests_per_s": num(o.rps),
                    "p50_ms": num(o.percentile(0.5)),
                    "p99_ms": num(o.percentile(0.99)),
                    "sent": o.sent,
                    "ok": o.ok,
                    "errors": o.errors,
                    "alone_ms": [num(x) for x in o.alone_ms],
                    "client_cpu_share": round(o.client_cpu_s / o.seconds, 3),
                }
                for o in self.runs
            ],
        }


def num(x: float | None) -> float | None:
    """JSON has no infinity: a percentile that fell on a failure is null (see `errors`)."""
    return None if x is None or math.isinf(x) else round(x, 2)


def ms(x: float | None, width: int = 8) -> str:
    if x is None:
        return f"{'-':>{width}}"
    return f"{'fail':>{width}}" if math.isinf(x) else f"{x:{width}.1f}"


def times(x: float | None, base: float | None) -> str:
    if x is None or base is None or math.isinf(x) or math.isinf(base) or x <= 0 or base <= 0:
        return f"{'-':>8}"
    return f"{x / base:7.1f}x"


def render(rows: dict[tuple[str, str], Row]) -> str:
    head = (f"{'endpoint':<18} {'load':>6} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6} "
            f"{'KB':>7} {'CPU ms':>8} {'alone ms':>8} {'x static':>8}  target (p99)")  # fmt: skip
    lines = [head, "-" * len(head)]
    base_open, base_closed = rows.get((BASELINE, "open")), rows.get((BASELINE, "closed"))
    for path in ENDPOINTS:
        for mode in ("open", "closed"):
            row = rows.get((path, mode))
            if row is None:
                continue
            if mode == "open":
                name, load, alone = path, f"{row.rate:g}/s", row.alone_ms
                cost = times(alone, base_open.alone_ms if base_open else None)
            else:
                name = "" if (path, "open") in rows else path
                load, alone = "max", None
                cost = times(base_closed.rps, row.rps) if base_closed else times(None, None)
            target = ""
            if mode == "open" and path in TARGETS_MS:
                goal = TARGETS_MS[path]
                target = f"< {goal:g} ms: {'met' if row.p99 < goal else 'MISSED'}"
            line = (f"{name:<18} {load:>6} {row.rps:8.1f} {ms(row.p50)} {ms(row.p99)} {row.errors:6d} "
                    f"{row.body_bytes / 1024:7.1f} {ms(row.cpu_ms)} {ms(alone)} {cost}  {target}")
            lines.append(line.rstrip())
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", metavar="PATH", type=Path,
                        help="serve this database instead of the cached store")  # fmt: skip
    parser.add_argument("--articles", type=int, default=DEFAULT_ARTICLES,
                        help="articles in the cached store (default 20000)")  # fmt: skip
    parser.add_argument("--rebuild", action="store_true", help="build the cached store again")
    parser.add_argument("--rate", type=float, default=200.0,
                        help="open loop: requests/s to each endpoint but /calendar.ics "
                             "(default 200)")  # fmt: skip
    parser.add_argument("--calendar-rate", type=float, default=1.0,
                        help="open loop: requests/s to /calendar.ics, every release in one file "
                             "(default 1)")  # fmt: skip
    parser.add_argument("--seconds", type=float, default=10.0, help="open loop: seconds per run (default 10)")
    parser.add_argument("--closed-seconds", type=float, default=5.0,
                        help="closed loop (saturation): seconds per run; 0 leaves it out "
                             "(default 5)")  # fmt: skip
    parser.add_argument("--warmup", type=float, default=2.0,
                        help="seconds of one-at-a-time requests before each run (default 2)")  # fmt: skip
    parser.add_argument("--connections", type=int, default=CONNECTIONS,
                        help=f"keep-alive connections (default {CONNECTIONS})")  # fmt: skip
    parser.add_argument("--grace", type=float, default=5.0,
                        help="seconds a request may take from its scheduled time (open loop) and a run "
                             "may overrun before what is left is given up (default 5)")  # fmt: skip
    parser.add_argument("--repeats", type=int, default=3, help="runs per endpoint; medians are printed")
    parser.add_argument("--today", default=TODAY, help=f"the server's today (default {TODAY})")
    parser.add_argument("--json", metavar="FILE", type=Path, help="also write the figures to FILE as JSON")
    args = parser.parse_args(argv)
    if min(args.rate, args.calendar_rate, args.seconds, args.grace) <= 0:
        parser.error("--rate, --calendar-rate, --seconds and --grace must be positive")
    if args.closed_seconds < 0 or args.warmup < 0:
        parser.error("--closed-seconds and --warmup must not be negative")
    if args.repeats < 1 or args.connections < 1 or args.articles < 2:
        parser.error("--repeats and --connections must be at least 1, --articles at least 2")

    built = None
    if args.db is not None:
        db = args.db
        if not db.is_file():
            parser.error(f"--db {db}: no such file")
    else:
        db = CACHE / f"store-{args.articles}.db"
        if args.rebuild or not db.is_file():
            bench = _ingest_module()
            if not bench.HUFFPOST.is_file():
                print(f"skipped: the shared corpora are absent ({bench.SHARED}); no store to serve "
                      "(--db PATH serves one)")  # fmt: skip
                return 0
            ensure_cache_ignored()
            print(f"building the store: {args.articles} articles into {db.relative_to(HERE.parent)}, once "
                  "(minutes) ...", flush=True)  # fmt: skip
            built = build_store(db, args.articles)

    facts = store_facts(db, args.today)
    shown = db.relative_to(HERE.parent) if db.is_relative_to(HERE.parent) else db
    how = f"built in {built:.0f} s" if built is not None else "reused; --rebuild builds it again"
    print(f"airdate serve benchmark; python {platform.python_version()}, {platform.machine()}, "
          f"{os.cpu_count()} CPUs")  # fmt: skip
    print(f"store: {shown} ({how}): {facts['articles']} articles, {facts['releases']} releases; "
          f"{facts['on_board']} upcoming, {facts['with_window']} with a window (the calendar)")  # fmt: skip

    rates = {path: args.calendar_rate if path == "/calendar.ics" else args.rate for path in ENDPOINTS}
    modes = [("open", args.seconds)] + ([("closed", args.closed_seconds)] if args.closed_seconds else [])
    rows: dict[tuple[str, str], Row] = {}
    said: list[str] = []  # what each server wrote on stderr
    restarts = 0
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        server = start_server(db, args.today)
        try:
            pool.submit(prime, server.host, server.port, args.connections).result()
            print(f"server: `airdate serve --today {args.today}` (uvicorn, one process) at "
                  f"http://{server.host}:{server.port}/; load: a second process, "
                  f"{args.connections} keep-alive connections")  # fmt: skip
            print(f"per endpoint and repeat: {args.warmup:g} s of requests one at a time ('alone'), then "
                  f"{args.seconds:g} s at a fixed rate (open loop)"
                  + (f", then {args.closed_seconds:g} s as fast as answered (closed loop, 'max')"
                     if args.closed_seconds else "")
                  + f"; {args.repeats} repeats, endpoints interleaved", flush=True)  # fmt: skip
            for r in range(args.repeats):
                for path in ENDPOINTS:
                    for mode, seconds in modes:
                        load = Load(server.host, server.port, path, mode, seconds, rate=rates[path],
                                    connections=args.connections, grace=args.grace, alone=args.warmup,
                                    server_pid=server.proc.pid)  # fmt: skip
                        outcome = pool.submit(run_load, load).result()
                        rows.setdefault((path, mode), Row(path, mode, rates[path], [])).runs.append(outcome)
                        if outcome.abandoned or server.proc.poll() is not None:
                            # Its threads would go on with what was given up, into the next run.
                            said.append(server.stop())
                            server = start_server(db, args.today)
                            pool.submit(prime, server.host, server.port, args.connections).result()
                            restarts += 1
                print(f"  repeat {r + 1}/{args.repeats} done", file=sys.stderr, flush=True)
        finally:
            said.append(server.stop())
    server_log = [line for text in said for line in text.splitlines() if line.strip()]

    print()
    print(render(rows))
    client = max(o.client_cpu_s / o.seconds for row in rows.values() for o in row.runs)
    print()
    notes = [
        f"Medians of {args.repeats} runs; errors: their total. req/s: answered with a 200 (in time).",
        "Open loop: latency from each request's scheduled time; a request not answered within "
        f"{args.grace:g} s of it",
        "is an error, and errors count as infinitely slow ('fail'). max: the closed loop, saturation.",
        "CPU ms: server CPU per response under that load. alone ms: the service time, one request at a",
        f"time on an idle server. x static: times {BASELINE}'s alone ms (first line) and its max",
        f"req/s (max line). The load process used at most {client:.0%} of a core.",
    ]
    cold = []
    for path in ENDPOINTS:
        mine = [row for (p, _), row in rows.items() if p == path]
        first = max((r.first_ms for r in mine if r.first_ms is not None), default=None)
        alone = _median([r.alone_ms for r in mine])
        if first is not None and alone is not None and first > max(100.0, 5 * alone):
            cold.append(f"{path} {first:.0f} ms")
    if cold:
        notes.append(f"Slowest first request of a run, far above 'alone' (a cold cache?): {', '.join(cold)}.")
    print("\n".join(notes))
    if restarts:
        print(f"The server was restarted {restarts} time(s), after runs that gave requests up (errors "
              "'abandoned'),\nso the work it still had for them did not slow the next run.")  # fmt: skip
    if server_log:
        print(f"\nthe server's log: {len(server_log)} lines; the last:\n  " + "\n  ".join(server_log[-10:]))
    print()
    print("targets (p99 at the open-loop rate):")
    for path, goal in TARGETS_MS.items():
        row = rows[(path, "open")]
        verdict = "met" if row.p99 < goal else "MISSED"
        closed = rows.get((path, "closed"))
        saturation = f"; saturation {closed.rps:.0f} requests/s" if closed else ""
        if math.isinf(row.p99):
            scheduled = sum(o.ok + o.failed for o in row.runs)
            got = f"over {args.grace:g} s ({row.errors} of {scheduled} requests failed or came late)"
        else:
            got = f"{row.p99:.1f} ms"
        print(f"  {path:<14} p99 < {goal:g} ms at {row.rate:g} requests/s: {got} {verdict}{saturation}")

    if args.json:
        doc = {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "db": str(db),
            "store": facts,
            "today": args.today,
            "seconds": args.seconds,
            "closed_seconds": args.closed_seconds,
            "warmup": args.warmup,
            "connections": args.connections,
            "grace": args.grace,
            "repeats": args.repeats,
            "server_restarts": restarts,
            "targets_p99_ms": TARGETS_MS,
            "endpoints": {
                path: {mode: rows[(path, mode)].to_json() for mode, _ in modes} for path in ENDPOINTS
            },
        }
        args.json.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
        print(f"\nfigures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
