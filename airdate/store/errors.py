"""Store errors live in airdate.errors; re-exported here for the store's modules."""

from __future__ import annotations

from airdate.errors import NotFound, StoreError

__all__ = ["NotFound", "StoreError"]
