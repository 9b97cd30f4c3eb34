"""Time helpers, so that every timestamp kgraph writes has one format."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now_iso() -> str:
    """Now, in UTC, as ISO 8601 with seconds: ``2026-11-29T13:05:00Z``."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
