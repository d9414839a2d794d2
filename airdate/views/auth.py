"""Who may write from the web (issue 12, item 7): nobody, unless the server was given a token.

`airdate serve` reads a token from AIRDATE_TOKEN or `--token-file`. Without one the app is
read-only as before: no buttons, and every write route answers 403 saying how to enable
writes. With one:

- the page: `/login` takes the token once and sets a session cookie signed by Starlette's
  SessionMiddleware (itsdangerous) with a key derived from the token, so changing the token
  signs everybody out. Each session holds a random CSRF token that every form carries in a
  hidden field and that each POST must send back (compared in constant time); the cookie is
  HttpOnly and SameSite=Lax besides.
- the JSON API: `Authorization: Bearer TOKEN` on every write; browsers never send that header
  by themselves, so the API needs no CSRF token (and takes no cookie).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.exceptions import HTTPException
from starlette.middleware.sessions import SessionMiddleware

from airdate.errors import UsageError
from airdate.settings import TOKEN_ENV

MIN_TOKEN = 16  # characters: a token is a password that never expires; short ones are guessed
SESSION_COOKIE = "airdate_session"
SESSION_DAYS = 14
WHO = "web"  # what curation from the page or the API records as its author
READ_ONLY = (
    f"this server is read-only: start `airdate serve` with {TOKEN_ENV} set (or --token-file FILE) to allow writes"
)
NEEDS_TOKEN = "this write needs the server's token: send the header `Authorization: Bearer TOKEN`"
WRONG_TOKEN = "the token is wrong: send the one the server was started with (AIRDATE_TOKEN or --token-file)"
BAD_FORM = "this form has expired or did not come from this site (no valid CSRF token); reload the page and try again"
NO_COOKIE = "no session cookie came with the form: allow cookies for this site, reload /login and try again"


def check_token(token: str, where: str) -> str:
    """The token with surrounding space removed; UsageError if it is too short to be one."""
    token = token.strip()
    if len(token) < MIN_TOKEN or any(c.isspace() for c in token):
        raise UsageError(
            f"{where} must be at least {MIN_TOKEN} characters without spaces; make one with "
            "`python -c 'import secrets; print(secrets.token_urlsafe())'`"
        )
    return token


def read_token(token_file: Path | None) -> str | None:
    """The write token: from `token_file` if given, else from AIRDATE_TOKEN; None for a read-only server."""
    if token_file is not None:
        try:
            text = token_file.read_text(encoding="utf-8")
        except OSError as e:
            raise UsageError(f"cannot read --token-file {token_file} ({e.strerror}); give a readable text file") from None
        except UnicodeDecodeError:
            raise UsageError(f"--token-file {token_file} is not UTF-8 text; put the token in a text file") from None
        return check_token(text, f"the token in {token_file}")
    value = os.environ.get(TOKEN_ENV, "")
    return check_token(value, TOKEN_ENV) if value.strip() else None


@dataclass(frozen=True)
class Access:
    """The server's write token, if it has one."""

    token: str | None = None

    @property
    def writable(self) -> bool:
        return self.token is not None

    def matches(self, given: str) -> bool:
        """Constant-time comparison, so the time taken says nothing about how much of a guess was right."""
        return self.token is not None and hmac.compare_digest(given.encode(), self.token.encode())

    def session_key(self) -> str:
        """The cookie-signing key: derived from the token (never the token itself), so a new token signs all out."""
        assert self.token is not None
        return hmac.new(self.token.encode(), b"airdate session cookie", hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Viewer:
    """What a page needs to know about who is looking: the buttons show only when `signed_in`."""

    writable: bool = False  # the server has a token: a "Sign in" link shows
    signed_in: bool = False
    csrf: str = ""  # the session's CSRF token, for the forms' hidden field
    flash: str = ""  # one line about the last write, shown once


ANONYMOUS = Viewer()


def install(app: FastAPI, token: str | None) -> None:
    app.state.access = Access(token)
    if token is not None:
        app.add_middleware(
            SessionMiddleware,
            secret_key=Access(token).session_key(),
            session_cookie=SESSION_COOKIE,
            max_age=SESSION_DAYS * 24 * 3600,
            same_site="lax",
        )


def access_of(request: Request) -> Access:
    access: Access = request.app.state.access
    return access


def _session(request: Request) -> dict[str, Any] | None:
    return request.session if "session" in request.scope else None


def viewer_of(request: Request, *, take_flash: bool = False) -> Viewer:
    """The viewer of this request; `take_flash` shows the last write's line once and forgets it."""
    if not access_of(request).writable:
        return ANONYMOUS
    session = _session(request)
    if not session or not session.get("signed_in"):
        return Viewer(writable=True, csrf=str(session.get("csrf", "")) if session else "")
    flash = str(session.pop("flash", "")) if take_flash else ""
    return Viewer(writable=True, signed_in=True, csrf=str(session.get("csrf", "")), flash=flash)


def login_form_csrf(request: Request) -> str:
    """The CSRF token for the login form: the session's, made now if the visitor has none yet."""
    session = request.session
    if not session.get("csrf"):
        session["csrf"] = secrets.token_urlsafe(32)
    return str(session["csrf"])


def check_csrf(request: Request, sent: str) -> None:
    """403 unless the form sent back its session's CSRF token."""
    session = _session(request)
    if session is None or not session.get("csrf"):
        raise HTTPException(403, NO_COOKIE)
    if not sent or not hmac.compare_digest(sent.encode(), str(session["csrf"]).encode()):
        raise HTTPException(403, BAD_FORM)


def sign_in(request: Request) -> None:
    """A fresh session for a right token: a new CSRF token, so one seen before the login is worth nothing."""
    request.session.clear()
    request.session.update({"signed_in": True, "csrf": secrets.token_urlsafe(32)})


def require_writable(request: Request) -> Access:
    access = access_of(request)
    if not access.writable:
        raise HTTPException(403, READ_ONLY)
    return access


_bearer = HTTPBearer(auto_error=False, description="The token `airdate serve` was started with (AIRDATE_TOKEN).")


async def require_bearer(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> None:
    """A dependency of every API write: 403 on a read-only server, 401 without the right Bearer token."""
    access = require_writable(request)
    challenge = {"www-authenticate": "Bearer"}
    if credentials is None:
        raise HTTPException(401, NEEDS_TOKEN, headers=challenge)
    if not access.matches(credentials.credentials):
        raise HTTPException(401, WRONG_TOKEN, headers={"www-authenticate": 'Bearer error="invalid_token"'})


def safe_next(target: str | None, fallback: str = "/") -> str:
    """Where to go after a form: a path on this site only (never `//elsewhere` or a full URL)."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")) or len(target) > 2000:
        return fallback
    if any(ord(c) < 32 for c in target):
        return fallback
    return target
