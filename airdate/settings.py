"""One Settings object, built once at the CLI and passed down."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    max_bytes: int = 10 * 1024 * 1024  # larger inputs are refused, not truncated
    fetch_timeout: float = 15.0  # seconds, for http(s) sources
    user_agent: str = "airdate/0.1 (+https://example.invalid/airdate)"
