"""Imported by the fork server before it forks ingest workers, so every worker starts
with spaCy and the English model already loaded (shared copy-on-write) instead of
loading its own."""

from ..nlp.spacy_model import load_model

load_model()
