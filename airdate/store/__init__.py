"""The embedded SQLite store: articles, releases, aliases and claims; all of airdate's SQL."""

from airdate.store.errors import NotFound, StoreError
from airdate.store.keys import Identity, content_digest, release_identity
from airdate.store.store import ChangeRow, Failure, Store, StoredArticle, open_store

__all__ = [
    "ChangeRow",
    "Failure",
    "Identity",
    "NotFound",
    "Store",
    "StoreError",
    "StoredArticle",
    "content_digest",
    "open_store",
    "release_identity",
]
