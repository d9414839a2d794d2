"""One attempt to send one alert: a signed JSON webhook, or any URL Apprise knows.

A webhook is a POST of the queued JSON body with `X-Airdate-Signature: sha256=<hex>` (the
HMAC-SHA256 of the exact body bytes, keyed with the target's secret) and `Idempotency-Key:
<change id>`, so a receiver can check who sent it and drop a repeat. It goes only to http(s),
not to a loopback, private or link-local address unless the target allows it (the check of
airdate.sources.fetch), follows no redirect and is bounded by `Settings.notify_timeout`. Any
2xx is delivered; anything else is a failure the outbox tries again.

Everything else goes through Apprise (ntfy, Discord, mail, json:// … over a hundred services),
which words its own request; the outbox still sends each change to it once.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from airdate.errors import FetchError, UsageError
from airdate.settings import Settings
from airdate.sources.fetch import check_address

WEBHOOK_PREFIX = "webhook+"  # webhook+https://… names a signed JSON webhook
SIGNATURE_HEADER = "X-Airdate-Signature"
KEY_HEADER = "Idempotency-Key"
APPRISE_HELP = "https://github.com/caronc/apprise/wiki"
PRIVATE_HINT = "pass --allow-private to send alerts to your own network"

# Apprise reports each failure to our log callback; without a handler of its own, Python would
# also print its warnings on stderr, in the middle of the CLI's lines.
logging.getLogger("apprise").addHandler(logging.NullHandler())


@dataclass(frozen=True)
class Outcome:
    ok: bool
    status: str  # "HTTP 200", "HTTP 500 Internal Server Error", "timed out after 10 s" …
    reachable: bool = True  # False: the target itself is down, so its other alerts wait too


def sign(secret: str, body: bytes) -> str:
    """The signature header's value: sha256= and the hex HMAC-SHA256 of `body` keyed with `secret`."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def webhook_url(url: str) -> str | None:
    """The http(s) address a `webhook+https://…` URL names, or None if it names none."""
    if url.lower().startswith(WEBHOOK_PREFIX):
        return url[len(WEBHOOK_PREFIX) :]
    return None


def check_webhook(url: str, *, allow_private: bool) -> str:
    """The webhook's address, checked: http(s) with a host, not private unless allowed; else UsageError."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise UsageError(f"{url!r} is not an http(s) URL; a webhook needs one, like https://example.com/hooks/airdate")
    try:
        check_address(url, Settings(allow_private=allow_private), url, doing="send alerts to", hint=PRIVATE_HINT)
    except FetchError as e:
        raise UsageError(str(e)) from None
    return url


def check_apprise(url: str) -> str:
    """The URL if Apprise knows how to send to it; else UsageError naming where the formats are listed."""
    import apprise

    if apprise.Apprise.instantiate(url) is None:
        raise UsageError(
            f"{url!r} is not a notification URL Apprise knows (like ntfy://…, discord://…, mailto://…, json://…); "
            f"see {APPRISE_HELP}, or use webhook+https://… for a signed JSON webhook"
        )
    return url


def shown(url: str, kind: str) -> str:
    """The URL to show in lists and logs: Apprise's own form with tokens and passwords elided."""
    if kind != "apprise":
        return url
    import apprise

    plugin = apprise.Apprise.instantiate(url)
    return url if plugin is None else str(plugin.url(privacy=True)).split("?")[0]


def send_webhook(
    url: str, body: bytes, *, secret: str, key: str, settings: Settings, transport: httpx.BaseTransport | None = None
) -> Outcome:
    """POST the body, signed, with `key` as its idempotency key."""
    try:
        check_address(url, settings, url, resolve=transport is None, doing="send alerts to", hint=PRIVATE_HINT)
    except FetchError as e:
        return Outcome(False, str(e), reachable=False)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": settings.user_agent,
        SIGNATURE_HEADER: sign(secret, body),
        KEY_HEADER: key,
    }
    try:
        with httpx.Client(transport=transport, timeout=settings.notify_timeout, follow_redirects=False) as client:
            response = client.post(url, content=body, headers=headers)
    except httpx.TimeoutException:
        return Outcome(False, f"timed out after {settings.notify_timeout:g} s", reachable=False)
    except httpx.HTTPError as e:
        return Outcome(False, f"could not connect ({type(e).__name__}: {e})", reachable=False)
    status = f"HTTP {response.status_code} {response.reason_phrase}".strip()
    # A 5xx or 429 says the receiver is struggling: its other alerts wait for the retry too.
    busy = response.status_code >= 500 or response.status_code == 429
    return Outcome(response.is_success, status, reachable=not busy)


def send_apprise(url: str, title: str, message: str, *, settings: Settings) -> Outcome:
    """Send through Apprise; its warnings become the status of a failure."""
    import apprise

    sender = apprise.Apprise()
    if not sender.add(url):
        return Outcome(False, "Apprise no longer accepts this URL; remove it and add it again", reachable=False)
    problems: list[str] = []

    def note(entry: object, plugin: object) -> None:
        if getattr(entry, "level", 0) >= logging.WARNING:
            problems.append(str(getattr(entry, "message", entry)))

    try:
        result = sender.notify(body=message, title=title, timeout=settings.notify_timeout, log_callback=note)
    except Exception as e:  # noqa: BLE001 - a bug in one of Apprise's plugins is this alert's failure
        return Outcome(False, f"Apprise failed ({type(e).__name__}: {e})", reachable=False)
    if result:
        return Outcome(True, "sent")
    return Outcome(False, "; ".join(problems[-2:]) or "Apprise could not send it", reachable=False)
