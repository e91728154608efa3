"""Knowledge files (lexicons, actor tables, ontology) and their loader."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from ..errors import DataFileError


@cache
def load_data(name: str) -> Any:
    """Load a bundled JSON data file by relative name, checking its schema tag."""
    path = resources.files(__package__).joinpath(name)
    try:
        with path.open("r", encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError as exc:
        raise DataFileError(f"bundled data file {name} is missing", code="E020") from exc
    except json.JSONDecodeError as exc:
        raise DataFileError(f"{name}: invalid JSON at line {exc.lineno}: {exc.msg}") from exc
    schema = data.get("schema", "") if isinstance(data, dict) else ""
    if not str(schema).startswith("eventwire."):
        raise DataFileError(f"{name}: missing or unknown 'schema' tag {schema!r}")
    return data
