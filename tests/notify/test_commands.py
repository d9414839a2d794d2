"""`airdate notify`: teaching help, one-line refusals, and the commands over a real receiver."""

from __future__ import annotations

import hashlib
import hmac
import json
from pathlib import Path

import pytest
from watch.test_commands import as_json, invoke, one_line_error, succeeded

from airdate.store import open_store
from notify.conftest import Receiver
from notify.test_deliver import quiet_harbor

NOTIFY_COMMANDS = (("notify",), ("notify", "add"), ("notify", "list"), ("notify", "remove"), ("notify", "test"),
                   ("notify", "log"), ("notify", "send"))  # fmt: skip


@pytest.mark.parametrize("command", NOTIFY_COMMANDS, ids=" ".join)
def test_every_command_has_a_teaching_help(command: tuple[str, ...]) -> None:
    out = succeeded(invoke(*command, "--help")).stdout
    assert "Example" in out and "airdate notify " in out
    if len(command) > 1:
        assert "--db PATH" in out


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("nosuchservice://x/y",), "is not a notification URL Apprise knows"),
        (("webhook+ftp://example.com/hook",), "is not an http(s) URL"),
        (("--webhook", "https://127.0.0.1/hook"), "pass --allow-private to send alerts to your own network"),
        (("webhook+http://10.1.2.3/hook",), "is a private, loopback or link-local address"),
        (("ntfy://ntfy.sh/topic", "--secret", "x"), "--secret is for webhooks"),
    ],
)
def test_a_bad_url_is_refused_with_one_line(tmp_path: Path, args: tuple[str, ...], words: str) -> None:
    db = tmp_path / "airdate.db"
    line = one_line_error(invoke("notify", "add", *args, "--db", db), code=2)
    assert words in line
    if db.exists():
        assert as_json(invoke("notify", "list", "--json", "--db", db)) == []


def test_add_list_and_remove(tmp_path: Path) -> None:
    db = tmp_path / "airdate.db"
    out = succeeded(invoke("notify", "add", "ntfy://ntfy.sh/my-airdate-topic", "--db", db)).stdout
    assert out == "added alerts #1 ntfy://ntfy.sh/my-airdate-topic: changes to followed releases (`airdate follow TITLE`)\n"
    out = succeeded(invoke("notify", "add", "discord://1234567/abcdefTOKEN", "--all", "--db", db)).stdout
    assert "added alerts #2 discord://1...7/a...N/: changes to every release" in out and "TOKEN" not in out
    out = succeeded(invoke("notify", "add", "webhook+https://hooks.example/airdate", "--db", db)).stdout
    lines = out.splitlines()
    assert lines[0] == "added webhook #3 https://hooks.example/airdate: changes to followed releases (`airdate follow TITLE`)"
    assert lines[1].startswith("secret (check X-Airdate-Signature with it; shown only now): ") and len(lines[1]) > 70
    out = succeeded(invoke("notify", "add", "ntfy://ntfy.sh/my-airdate-topic", "--all", "--db", db)).stdout
    assert "#1 ntfy://ntfy.sh/my-airdate-topic was already there; now changes to every release" in out
    listed = as_json(invoke("notify", "list", "--json", "--db", db))
    assert [(t["id"], t["kind"], t["scope"]) for t in listed] == [(1, "apprise", "all"), (2, "apprise", "all"),
                                                                  (3, "webhook", "following")]  # fmt: skip
    assert all("TOKEN" not in t["url"] and "secret" not in t for t in listed)
    text = succeeded(invoke("notify", "list", "--db", db)).stdout
    assert "#3 webhook https://hooks.example/airdate  followed releases; 0 delivered, 0 pending, 0 failed" in text
    assert succeeded(invoke("notify", "remove", "2", "--db", db)).stdout == "removed alert target #2 discord://1...7/a...N/\n"
    assert "no alert target with id 2" in one_line_error(invoke("notify", "remove", "2", "--db", db))
    assert [t["id"] for t in as_json(invoke("notify", "list", "--json", "--db", db))] == [1, 3]


def test_send_log_and_test_over_a_local_receiver(tmp_path: Path, receiver: Receiver) -> None:
    db = tmp_path / "airdate.db"
    succeeded(invoke("follow", "Quiet Harbor", "--db", db))
    hook = receiver.url("/hook")
    succeeded(invoke("notify", "add", "--webhook", hook, "--secret", "S3CRET", "--allow-private", "--db", db))
    with open_store(db) as store:
        quiet_harbor(store)
    receiver.answers = [500]
    failed = invoke("notify", "send", "--db", db)
    assert failed.exit_code == 1 and "HTTP 500" in failed.stderr and "Traceback" not in failed.stderr
    assert failed.stdout == "0 alerts sent, 1 failed; 1 waiting (1 new)\n"
    assert succeeded(invoke("notify", "send", "--db", db)).stdout == "0 alerts sent, 0 failed; 1 waiting\n"
    assert succeeded(invoke("notify", "send", "--retry", "--db", db)).stdout == "1 alert sent, 0 failed; 0 waiting\n"
    logged = as_json(invoke("notify", "log", "--json", "--db", db))
    assert len(logged) == 1
    entry = logged[0]
    assert (entry["state"], entry["attempts"], entry["status"]) == ("delivered", 2, "HTTP 200 OK")
    assert entry["title"] == "Quiet Harbor season 2: date confirmed" and entry["change"].startswith("urn:airdate:change:")
    text = succeeded(invoke("notify", "log", "--db", db)).stdout
    assert text.startswith("delivered  #1  Quiet Harbor season 2: date confirmed  (2 attempts, HTTP 200 OK; ")
    got = receiver.received()
    assert [r.headers["idempotency-key"] for r in got] == [entry["change"]] * 2
    body = got[-1].body
    assert got[-1].headers["x-airdate-signature"] == "sha256=" + hmac.new(b"S3CRET", body, hashlib.sha256).hexdigest()

    out = succeeded(invoke("notify", "test", "1", "--db", db)).stdout
    assert out == f"test alert sent to #1 {hook} (HTTP 200 OK)\n"
    assert json.loads(receiver.received()[-1].body)["change"]["kind"] == "test"
    receiver.answers = [503]
    line = one_line_error(invoke("notify", "test", "1", "--db", db))
    assert line == f"airdate: error: the test alert to #1 {hook} failed: HTTP 503 Service Unavailable"
    assert len(as_json(invoke("notify", "log", "--json", "--db", db))) == 1  # tests are not logged
