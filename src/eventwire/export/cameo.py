"""PLOVER to CAMEO: event codes, actor types and Goldstein-like weights.

The facts live in ``data/cameo.json`` (see its ``source`` and ``note``): for each
PLOVER category a default CAMEO code, refined by the event's first mapped mode, else
its first mapped context. The Goldstein value is one Goldstein-like weight per CAMEO
root (-10 conflict … +10 cooperation), not the published per-code scale.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..data import load_json
from ..errors import DataFileError
from ..model import CATEGORIES


@dataclass(frozen=True, slots=True)
class CameoEvent:
    """A CAMEO event code with its base (3-digit) and root (2-digit) codes."""

    code: str
    base: str
    root: str
    goldstein: float


@dataclass(frozen=True, slots=True)
class CameoTables:
    """The checked contents of ``data/cameo.json``."""

    roots: dict[str, dict[str, Any]]
    categories: dict[str, dict[str, Any]]
    sectors: dict[str, str]
    groups: dict[str, dict[str, str]]


@cache
def cameo_tables() -> CameoTables:
    """Load and check ``data/cameo.json``: every PLOVER category mapped, every code
    under a known root, every Goldstein-like weight within -10..10."""
    data = load_json("eventwire.data", "cameo.json", "eventwire.cameo/1")
    roots, categories = data["roots"], data["categories"]
    missing = set(CATEGORIES) - set(categories)
    if missing:
        raise DataFileError(f"cameo.json: no CAMEO code for {', '.join(sorted(missing))}")
    for root, entry in roots.items():
        if not -10 <= entry["goldstein"] <= 10:
            raise DataFileError(f"cameo.json: goldstein of root {root} is outside -10..10")
    for name, entry in categories.items():
        codes = [entry["default"], *entry["modes"].values(), *entry["contexts"].values()]
        for code in codes:
            if not (code.isdigit() and 3 <= len(code) <= 4 and code[:2] in roots):
                raise DataFileError(f"cameo.json: {name} maps to malformed code {code!r}")
    return CameoTables(roots, categories, data["sectors"], data["groups"])


def cameo_event(category: str, modes: Sequence[str] = (),
                contexts: Sequence[str] = ()) -> CameoEvent | None:
    """The CAMEO code of a PLOVER event, or None for a category PLOVER does not have."""
    tables = cameo_tables()
    entry = tables.categories.get(category)
    if entry is None:
        return None
    code = next((entry["modes"][m] for m in modes if m in entry["modes"]),
                next((entry["contexts"][c] for c in contexts if c in entry["contexts"]),
                     entry["default"]))
    return CameoEvent(code, code[:3], code[:2], float(tables.roots[code[:2]]["goldstein"]))


def actor_type(sector: str | None) -> str:
    """The CAMEO actor type of a PLOVER sector ('' when CAMEO has none)."""
    return cameo_tables().sectors.get(sector or "", "")


def actor_group(code: str | None) -> dict[str, str] | None:
    """``{type, known_group}`` for a group code (IGO, UNO, NGO…); None for a country."""
    return cameo_tables().groups.get(code or "")
