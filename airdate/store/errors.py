"""Store errors. They belong in airdate/errors.py's tree (under AirdateError); they live
here until that module takes them:

    AirdateError
    ├── StoreError      the database could not be opened, migrated or written
    └── NotFound        no release, alias or article matches what was asked for
"""

from __future__ import annotations

from airdate.errors import AirdateError


class StoreError(AirdateError):
    """The database could not be opened, migrated or written."""


class NotFound(AirdateError):
    """No release, alias or article matches what was asked for."""
