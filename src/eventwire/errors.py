"""Errors are part of the interface.

Exception tree::

    EventwireError                 base; every error carries a stable ``code``
    ├── InputError                 one input could not be read or coded (batch goes on)
    ├── UsageError                 the caller asked for something impossible (exit 2)
    ├── DataFileError              a bundled or user data file is malformed
    └── ModelError                 the spaCy model or classifier cannot be loaded

Every message says which input was wrong and, where it helps, what to do.
The catalogue below keeps the codes stable across releases.
"""

from __future__ import annotations

CATALOGUE: dict[str, str] = {
    "E001": "file is empty",
    "E002": "file looks binary, not text",
    "E003": "file is not valid UTF-8",
    "E004": "file is larger than the size limit",
    "E005": "HTML page has no extractable article text",
    "E006": "malformed JSON record",
    "E007": "record has no text field",
    "E008": "text is not English",
    "E009": "unsupported input type",
    "E010": "input not found",
    "E011": "invalid publication date",
    "E012": "article text has no sentences to code",
    "E013": "unexpected error while coding",
    "E014": "feed is malformed or is not an RSS/Atom feed",
    "E015": "not a WARC file, or a WARC record is broken or truncated",
    "E016": "URL refused: not http(s), or its host is a private or reserved address",
    "E017": "URL could not be fetched (network error, timeout, HTTP error, redirects)",
    "E018": "URL is not an HTML page",
    "E020": "data file is malformed",
    "E030": "spaCy English model is not installed",
    "E031": "event classifier model is missing or unreadable",
    "E040": "invalid usage",
    "E050": "the event store cannot be opened or written",
}


class EventwireError(Exception):
    """Base class: ``code`` is a stable key into :data:`CATALOGUE`."""

    code = "E000"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code


class InputError(EventwireError):
    """One input (file, record, URL) could not be used; names the input."""

    def __init__(self, input_name: str, reason: str, *, code: str = "E000") -> None:
        super().__init__(f"{input_name}: {reason}", code=code)
        self.input_name = input_name
        self.reason = reason


class UsageError(EventwireError):
    code = "E040"


class DataFileError(EventwireError):
    code = "E020"


class ModelError(EventwireError):
    code = "E030"
