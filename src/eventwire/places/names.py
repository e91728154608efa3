"""Name keys: the one normal form used to store and look up place names."""

from __future__ import annotations

import re
import unicodedata

_DROP = re.compile(r"[.\u2019']")
_SPACE = re.compile(r"[\s\-‐–—_/,]+")
_LEADING_THE = re.compile(r"^the\s+")


def name_key(text: str) -> str:
    """Case-, accent- and punctuation-folded form: ``"the U.S."`` → ``"us"``,
    ``"Île-de-France"`` → ``"ile de france"``."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    folded = _SPACE.sub(" ", _DROP.sub("", folded)).strip()
    return _LEADING_THE.sub("", folded)


def is_latin(text: str) -> bool:
    """True when every letter is Latin script (the names worth indexing for English news)."""
    for char in text:
        if char.isalpha() and not unicodedata.name(char, "").startswith("LATIN"):
            return False
    return True
