"""`airdate notify add|list|remove|test|log|send`: where alerts go, and what was sent.

Registered on the main group by airdate.cli; the option helpers are airdate.watch.commands'
(this module, like that one, does not import airdate.cli).
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from airdate.errors import NotifyError, UsageError
from airdate.options import db_option, echo_json, json_option, open_db, say
from airdate.settings import Settings
from airdate.store.alerts import Delivery, Target


@click.group("notify")
def notify_group() -> None:
    """Alerts: each change to a followed release (or any, with --all), sent as it is found.

    A change is a date announced, a window moved or confirmed, a delay, a renewal,
    a cancellation, a premiere, or sources that disagree (the Atom feed's entries).
    `airdate watch` and `serve --watch` send them after each poll; `notify send` does
    it from cron. Each change goes to each target once: a restarted or killed
    watcher resends at most what it had not marked sent, under the same id.

    \b
    Examples:
      airdate notify add 'ntfy://ntfy.sh/my-airdate-topic'       any Apprise URL
      airdate notify add 'mailto://me:app-password@gmail.com' --all
      airdate notify add webhook+https://example.com/hooks/airdate --secret S3CRET
      airdate notify list
      airdate notify test 1                  send a test alert now
      airdate notify send                    send what is due (for cron)
      airdate notify log                     what was sent, when, and how it went
    """


@notify_group.command("add")
@click.argument("url")
@click.option("--all", "every_release", is_flag=True, help="Alert changes to every release, not only followed ones.")
@click.option("--webhook", is_flag=True, help="URL is a plain http(s) address for a signed JSON webhook.")
@click.option("--secret", metavar="S", help="The webhook's HMAC-SHA256 key (default: a new random one, printed once).")
@click.option("--allow-private", is_flag=True,
              help="Let a webhook be on loopback, private and link-local addresses (your own network).")
@db_option
def notify_add(url: str, every_release: bool, webhook: bool, secret: str | None, allow_private: bool, db: Path) -> None:
    """Send alerts to URL: an Apprise URL (ntfy://, discord://, mailto://, json:// …) or a webhook.

    A webhook (webhook+https://… or --webhook https://…) gets each change as a JSON
    POST signed with X-Airdate-Signature: sha256=HMAC(secret, body) and carrying
    Idempotency-Key: the change's id. Alerts start with the changes found from now
    on; adding a URL already there changes its settings.

    \b
    Examples:
      airdate notify add 'ntfy://ntfy.sh/my-airdate-topic'
      airdate notify add 'discord://WEBHOOK_ID/WEBHOOK_TOKEN' --all
      airdate notify add webhook+https://example.com/hooks/airdate --secret S3CRET
      airdate notify add --webhook http://127.0.0.1:9000/hook --allow-private
    """
    from airdate.notify.send import check_apprise, check_webhook, shown, webhook_url
    from airdate.store.alerts import add_target

    address = webhook_url(url) or (url if webhook else None)
    if address is not None:
        kind, target_url = "webhook", check_webhook(address, allow_private=allow_private)
        made_secret = secret is None
        secret = secret or secrets.token_hex(32)
    else:
        if secret is not None:
            raise UsageError("--secret is for webhooks: use webhook+https://… or --webhook with it")
        kind, target_url, made_secret = "apprise", check_apprise(url), False
    scope = "all" if every_release else "following"
    with open_db(db, create=True) as store:
        target, new = add_target(
            store, target_url, kind, secret=secret, scope=scope, allow_private=allow_private, at=datetime.now(UTC)
        )
    what = "every release" if scope == "all" else "followed releases (`airdate follow TITLE`)"
    name = f"{'webhook' if kind == 'webhook' else 'alerts'} #{target.id} {shown(target.url, kind)}"
    say(f"added {name}: changes to {what}" if new else f"{name} was already there; now changes to {what}")
    if made_secret and new:
        say(f"secret (check X-Airdate-Signature with it; shown only now): {secret}")


@notify_group.command("list")
@json_option
@db_option
def notify_list(as_json: bool, db: Path) -> None:
    """Every alert target: what it gets, and its alerts pending, delivered and failed.

    \b
    Examples:
      airdate notify list
      airdate notify list --json
    """
    from airdate.store.alerts import targets

    with open_db(db, read_only=True) as store:
        found = targets(store)
    if as_json:
        echo_json([_target_json(t) for t in found])
        return
    if not found:
        say("no alert targets; add one with `airdate notify add URL`")
    from airdate.notify.send import shown

    for t in found:
        what = "every release" if t.scope == "all" else "followed releases"
        say(f"#{t.id} {t.kind} {shown(t.url, t.kind)}  {what}; {t.delivered} delivered, {t.pending} pending, "
             f"{t.failed} failed")  # fmt: skip


@notify_group.command("remove")
@click.argument("target_id", metavar="ID", type=int)
@db_option
def notify_remove(target_id: int, db: Path) -> None:
    """Stop sending alerts to a target (by id, see `notify list`); its delivery log goes too.

    \b
    Example:
      airdate notify remove 2
    """
    from airdate.notify.send import shown
    from airdate.store.alerts import remove_target

    with open_db(db) as store:
        gone = remove_target(store, target_id)
    say(f"removed alert target #{gone.id} {shown(gone.url, gone.kind)}")


@notify_group.command("test")
@click.argument("target_id", metavar="ID", type=int)
@db_option
def notify_test(target_id: int, db: Path) -> None:
    """Send a test alert to a target now, and say how it went (exit 1 if it did not get through).

    \b
    Example:
      airdate notify test 1
    """
    from airdate.notify.deliver import send_test
    from airdate.notify.send import shown
    from airdate.store.alerts import target

    with open_db(db, read_only=True) as store:
        found = target(store, target_id)
    outcome = send_test(found, Settings(db=db))
    if not outcome.ok:
        raise NotifyError(f"the test alert to #{found.id} {shown(found.url, found.kind)} failed: {outcome.status}")
    say(f"test alert sent to #{found.id} {shown(found.url, found.kind)} ({outcome.status})")


@notify_group.command("log")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True, help="Show at most this many.")
@click.option("--state", type=click.Choice(["pending", "delivered", "failed"]), help="Only alerts in this state.")
@json_option
@db_option
def notify_log(limit: int, state: str | None, as_json: bool, db: Path) -> None:
    """The delivery log, the latest first: each alert, its target, attempts, and how it went.

    \b
    Examples:
      airdate notify log
      airdate notify log --state failed
      airdate notify log --json
    """
    from airdate.store.alerts import deliveries

    with open_db(db, read_only=True) as store:
        found = deliveries(store, limit=limit, state=state)
    if as_json:
        echo_json([_delivery_json(d) for d in found])
        return
    if not found:
        say("no alerts yet; see `airdate notify list`")
    for d in found:
        when = {"delivered": d.delivered_at, "pending": f"next try {d.next_attempt}"}.get(d.state, d.last_attempt)
        tries = f"{d.attempts} attempt{'s' * (d.attempts != 1)}"
        say(f"{d.state:9}  #{d.target_id}  {d.title}  ({tries}, {d.status or 'not tried yet'}; {when})")


@notify_group.command("send")
@click.option("--retry", is_flag=True, help="Also retry failed-but-pending alerts now, without waiting for their backoff.")
@db_option
def notify_send(retry: bool, db: Path) -> None:
    """Queue the changes found since the last run and send every alert that is due (for cron).

    Exit code 1 if some alert failed (it is tried again later; see `notify log`).

    \b
    Examples:
      airdate notify send
      */10 * * * *  airdate notify send --db /srv/airdate.db
    """
    from airdate.notify.deliver import deliver

    with open_db(db) as store:
        report = deliver(store, Settings(db=db), retry=retry)
    for line in report.errors:
        say(line, err=True)
    say(report.summary())
    if report.failed or report.gave_up:
        click.get_current_context().exit(1)


def _target_json(t: Target) -> dict[str, Any]:
    from airdate.notify.send import shown

    return {
        "id": t.id, "kind": t.kind, "url": shown(t.url, t.kind), "scope": t.scope, "allow_private": t.allow_private,
        "added_at": t.added_at, "pending": t.pending, "delivered": t.delivered, "failed": t.failed,
    }  # fmt: skip


def _delivery_json(d: Delivery) -> dict[str, Any]:
    return {
        "id": d.id, "target": d.target_id, "change": d.change_id, "release": d.release_id, "kind": d.kind,
        "title": d.title, "message": d.message, "state": d.state, "attempts": d.attempts, "queued_at": d.queued_at,
        "last_attempt": d.last_attempt, "next_attempt": d.next_attempt if d.state == "pending" else None,
        "delivered_at": d.delivered_at, "status": d.status,
    }  # fmt: skip


COMMANDS = (notify_group,)
