"""Event and failure writers: JSONL, JSON, CSV and a terminal table."""

from __future__ import annotations

from .formats import CSV_COLUMNS, FORMATS, write_events, write_failures

__all__ = ["CSV_COLUMNS", "FORMATS", "write_events", "write_failures"]
