"""eventwire: turn news articles into verifiable PLOVER political event data.

Library first: ``extract`` codes one text, ``extract_batch`` streams many; the CLI,
the server and the distributed runners all call these.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import DataFileError, EventwireError, InputError, ModelError, UsageError  # noqa: E402
from .model import Article, Coded, Entity, Event, Failure  # noqa: E402
from .pipeline import Pipeline, extract, extract_batch  # noqa: E402

__all__ = [
    "Article", "Coded", "DataFileError", "Entity", "Event", "EventwireError", "Failure",
    "InputError", "ModelError", "Pipeline", "UsageError", "__version__", "extract",
    "extract_batch",
]
