"""The size limit, shared by files, stdin and downloads."""

from __future__ import annotations

from airdate.errors import SourceTooLarge


def check_size(label: str, size: int, limit: int, *, known: bool = True) -> None:
    """Raise SourceTooLarge when size is over limit; known=False when reading stopped at the limit."""
    if size > limit:
        what = f"is {_human(size)}, over" if known else "is over"
        raise SourceTooLarge(
            f"{label} {what} the {_human(limit)} limit; pass a smaller article or raise --max-bytes"
        )


def _human(size: int) -> str:
    for unit, scale in (("MB", 1024**2), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} bytes"
