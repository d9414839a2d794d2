"""The exception tree. Every failure airdate reports is one of these.

    AirdateError
    ├── SourceError            reading an article failed
    │   ├── SourceNotFound     a path that does not exist
    │   ├── SourceEmpty        nothing to read (empty file, no article in the HTML)
    │   ├── SourceBinary       bytes that are not text
    │   ├── SourceTooLarge     over the size limit (file or download)
    │   ├── FetchError         an http(s) URL could not be fetched (timeout, status, network)
    │   │   └── HTTPStatusError  the server answered 4xx or 5xx (status and Retry-After travel with it)
    │   └── OpmlError          a subscription list that is no OPML, or has an unusable feed
    ├── ExtractionError        the extractor could not process an article
    ├── StoreError             the database could not be opened, migrated or written
    ├── NotifyError            an alert could not be sent (`notify test`; the outbox records the rest)
    ├── NotFound               no release, alias or article matches what was asked for
    ├── AmbiguousTitle         a title names several releases (they travel with the error)
    └── UsageError             a bad option value (date format, …)

The CLI turns any AirdateError into one line on stderr and a non-zero exit.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


class AirdateError(Exception):
    """Base of every error airdate raises on purpose."""

    exit_code = 1


class SourceError(AirdateError):
    """Reading an article failed."""


class SourceNotFound(SourceError):
    """The path does not exist."""


class SourceEmpty(SourceError):
    """The source holds no article text."""


class SourceBinary(SourceError):
    """The source is binary data, not text."""


class SourceTooLarge(SourceError):
    """The source is over the size limit."""


class FetchError(SourceError):
    """An http(s) URL could not be fetched."""


class HTTPStatusError(FetchError):
    """The server answered with an error status; `retry_after` is its Retry-After in seconds, if any."""

    def __init__(self, message: str, status: int, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


class OpmlError(SourceError):
    """A file given as an OPML subscription list is not one, or lists an unusable feed."""


class ExtractionError(AirdateError):
    """The extractor could not process an article."""


class StoreError(AirdateError):
    """The database could not be opened, migrated or written."""


class NotifyError(AirdateError):
    """An alert could not be sent."""


class NotFound(AirdateError):
    """No release, alias or article matches what was asked for."""


class AmbiguousTitle(AirdateError):
    """A title names several releases; `candidates` holds them so the caller can list them."""

    exit_code = 2

    def __init__(self, message: str, candidates: Sequence[Any] = ()) -> None:
        super().__init__(message)
        self.candidates = tuple(candidates)


class UsageError(AirdateError):
    """A bad option value."""

    exit_code = 2
