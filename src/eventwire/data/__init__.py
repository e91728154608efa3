"""Knowledge files (lexicons, actor tables, ontology) and their loader."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from ..errors import DataFileError


@cache
def load_json(package: str, name: str, schema: str | None = None) -> Any:
    """Load a JSON data file shipped in ``package``, checking its schema tag.

    ``schema`` names the exact tag wanted; without it any ``eventwire.*`` tag will do.
    """
    path = resources.files(package).joinpath(name)
    try:
        with path.open("r", encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError as exc:
        raise DataFileError(f"bundled data file {name} is missing", code="E020") from exc
    except json.JSONDecodeError as exc:
        raise DataFileError(f"{name}: invalid JSON at line {exc.lineno}: {exc.msg}") from exc
    tag = data.get("schema", "") if isinstance(data, dict) else ""
    if (schema is not None and tag != schema) or not str(tag).startswith("eventwire."):
        raise DataFileError(f"{name}: missing or unknown 'schema' tag {tag!r}")
    return data


def load_data(name: str) -> Any:
    """Load a bundled knowledge file of ``eventwire/data`` by relative name."""
    return load_json(__package__ or "eventwire.data", name)
