"""Where articles come from: paths, directories, standard input and http(s) URLs.

:func:`read_inputs` is the one entry point. It never raises for a bad input: every
problem becomes a :class:`~eventwire.model.Failure` naming the input (and line, for
record files), and reading goes on with the next record or input.
"""

from __future__ import annotations

import io
import itertools
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO, cast

from ..errors import InputError
from ..model import Article, Failure
from .decode import bounded_lines, decode_article, human_size
from .readers import (
    Result,
    article_from_text,
    as_failure,
    read_csv_file,
    read_html,
    read_jsonl,
    read_jsonl_file,
    read_txt,
)

STDIN_NAME = "<stdin>"
DEFAULT_MAX_BYTES = 20_000_000


# feedparser, warcio and httpx cost ~0.3 s to import together: only load them for
# the inputs that need them.
def _read_feed(path: Path, name: str, **options: Any) -> Iterator[Result]:
    from .feeds import read_feed

    return read_feed(path, name, **options)


def _read_xml(path: Path, name: str, **options: Any) -> Iterator[Result]:
    from .feeds import read_xml

    return read_xml(path, name, **options)


def _read_warc(path: Path, name: str, **options: Any) -> Iterator[Result]:
    from .warc import read_warc

    return read_warc(path, name, **options)


Reader = Callable[..., Iterator[Result]]
READERS: dict[str, Reader] = {
    ".txt": read_txt,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": read_jsonl_file,
    ".csv": read_csv_file,
    ".rss": _read_feed,
    ".atom": _read_feed,
    ".xml": _read_xml,
    ".warc": _read_warc,
    ".warc.gz": _read_warc,
}
SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(READERS)


def read_inputs(inputs: Iterable[str], *, published: date | None = None,
                max_bytes: int = DEFAULT_MAX_BYTES,
                allow_private: bool = False) -> Iterator[Article | Failure]:
    """Stream articles from paths, directories, ``"-"`` (stdin) or http(s) URLs, in order.

    ``published`` (the CLI's ``--published``) replaces every per-article date.
    ``max_bytes`` caps a one-article file, one line of a JSONL/CSV file, one feed
    file, one WARC record's payload, or one fetched page. URLs whose host is a
    private, loopback or otherwise non-public address are refused unless
    ``allow_private`` (the CLI's ``--allow-private``).
    """
    for given in inputs:
        if given == "-":
            yield from _guarded(STDIN_NAME, read_stdin(_stdin_bytes(), published=published,
                                                       max_bytes=max_bytes))
        elif is_url(given):
            from .urls import read_url

            yield from read_url(given, published=published, max_bytes=max_bytes,
                                allow_private=allow_private)
        else:
            yield from read_path(Path(given), given, published=published, max_bytes=max_bytes)


def read_path(path: Path, name: str, *, published: date | None,
              max_bytes: int) -> Iterator[Result]:
    """A file by its suffix, or every supported file under a directory."""
    if not path.exists():
        yield Failure(name, "input not found: no such file or directory", "E010")
    elif path.is_dir():
        found = False
        for child in walk(path):
            found = True
            yield from read_file(child, str(child), published=published, max_bytes=max_bytes)
        if not found:
            yield Failure(name, "directory has no input files; expected "
                                f"{_expected()} files", "E009")
    else:
        yield from read_file(path, name, published=published, max_bytes=max_bytes)


def walk(root: Path) -> Iterator[Path]:
    """Every non-hidden file under ``root``, recursively, in sorted order."""
    for path in sorted(root.rglob("*")):
        if any(part.startswith(".") for part in path.relative_to(root).parts):
            continue  # hidden files and folders (.git, .DS_Store) are not inputs
        if path.is_file():
            yield path


def read_file(path: Path, name: str, *, published: date | None,
              max_bytes: int) -> Iterator[Result]:
    """One file, by suffix; an unsupported suffix is a Failure (E009)."""
    reader = READERS.get(suffix(path))
    if reader is None:
        kind = f"'{path.suffix}'" if path.suffix else "(no suffix)"
        yield Failure(name, f"unsupported input type {kind}; expected {_expected()}", "E009")
        return
    yield from _guarded(name, reader(path, name, published=published, max_bytes=max_bytes))


def suffix(path: Path) -> str:
    """``'.warc.gz'`` for a gzipped WARC, otherwise the last suffix, lower-cased."""
    if path.name.lower().endswith(".warc.gz"):
        return ".warc.gz"
    return path.suffix.lower()


def is_url(given: str) -> bool:
    """True for inputs that are http(s) URLs rather than paths."""
    return given[:8].lower().startswith(("http://", "https://"))


def _guarded(name: str, results: Iterator[Result]) -> Iterator[Result]:
    """Turn an input-level error into a Failure; records already read are kept."""
    try:
        yield from results
    except InputError as err:
        yield as_failure(err)
    except OSError as exc:
        yield Failure(name, f"cannot read: {exc.strerror or exc}", "E010")


def read_stdin(stream: BinaryIO, *, published: date | None,
               max_bytes: int) -> Iterator[Result]:
    """JSONL if the first non-space character is ``{``, otherwise one text article."""
    head: list[bytes] = []
    while line := stream.readline(max_bytes + 1):
        head.append(line)
        if line.strip(b" \t\r\n\xef\xbb\xbf"):
            break
    if head and head[-1].lstrip(b" \t\r\n\xef\xbb\xbf").startswith(b"{"):
        lines = itertools.chain(
            enumerate(head, start=1),
            bounded_lines(stream, max_bytes, first_number=len(head) + 1),
        )
        yield from read_jsonl(lines, STDIN_NAME, published=published, max_bytes=max_bytes)
        return
    data = b"".join(head)
    data += stream.read(max(0, max_bytes + 1 - len(data)))
    if len(data) > max_bytes:
        raise InputError(STDIN_NAME, f"standard input is over the {human_size(max_bytes)} "
                                     "limit; save it to files or raise max_bytes", code="E004")
    text = decode_article(data, STDIN_NAME)
    yield article_from_text(text, STDIN_NAME, published=published)


def _stdin_bytes() -> BinaryIO:
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        return cast(BinaryIO, buffer)
    # A text-only stand-in (some test runners): re-encode what it holds.
    return io.BytesIO(sys.stdin.read().encode("utf-8"))


def _expected() -> str:
    return ", ".join(SUPPORTED_SUFFIXES)
