"""Turn raw bytes into article text, or say exactly why they cannot be.

Every check raises :class:`~eventwire.errors.InputError` with a catalogue code and a
one-line reason that names the problem and, where it helps, what to do about it.
Size is checked from the file system *before* reading, so a 50 MB file costs a
``stat`` call, not 50 MB of memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError

BINARY_SAMPLE = 8192
# Bytes that never occur in text files: C0 controls other than \t \n \v \f \r and ESC.
_CONTROL = frozenset(range(32)) - {9, 10, 11, 12, 13, 27}
_MAX_CONTROL_SHARE = 0.1
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_SKIP_CHUNK = 1 << 16


def human_size(n: int) -> str:
    """``52428800`` -> ``'52.4 MB'`` (decimal units, as file managers show)."""
    if n < 1000:
        return f"{n} bytes"
    if n < 1_000_000:
        return f"{n / 1000:.1f} kB"
    return f"{n / 1_000_000:.1f} MB"


def read_bounded(path: Path, name: str, max_bytes: int) -> bytes:
    """Read a whole file after checking from its size that it is within ``max_bytes``."""
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(name, f"file is {human_size(size)}, over the {human_size(max_bytes)} "
                               "limit; split it or raise max_bytes", code="E004")
    if size == 0:
        raise InputError(name, "file is empty (0 bytes)", code="E001")
    return path.read_bytes()


def check_not_binary(data: bytes, name: str) -> None:
    """Reject data that is not text: NUL bytes or many control bytes near the start."""
    if data.startswith(_UTF16_BOMS):
        raise InputError(name, "file is UTF-16, not UTF-8; re-save it as UTF-8", code="E003")
    sample = data[:BINARY_SAMPLE]
    nul = sample.find(b"\x00")
    if nul >= 0:
        raise InputError(name, f"file looks binary, not text (NUL byte at offset {nul})",
                         code="E002")
    controls = sum(1 for byte in sample if byte in _CONTROL)
    if sample and controls / len(sample) > _MAX_CONTROL_SHARE:
        raise InputError(name, f"file looks binary, not text ({controls} control bytes in "
                               f"the first {len(sample)})", code="E002")


def decode_utf8(data: bytes, name: str) -> str:
    """Decode strict UTF-8, drop a BOM and turn ``\\r\\n`` into ``\\n``.

    Offsets in a decoding error are byte offsets into ``data`` (BOM included), so a
    person can find the bad byte with ``xxd -s OFFSET``.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start:exc.start + 1].hex()
        raise InputError(name, f"file is not valid UTF-8 (byte 0x{bad} at offset {exc.start}); "
                               "re-save it as UTF-8", code="E003") from exc
    return normalise_text(text.removeprefix("\ufeff"))


_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f"), " ")


def normalise_text(text: str) -> str:
    """The only changes made to article text, before any offset is taken: Windows line
    ends become ``\\n``, invisible characters (zero-width spaces, soft hyphens) go, and
    no-break spaces become spaces, so that the parser sees the words a reader sees."""
    return text.replace("\r\n", "\n").translate(_INVISIBLE).translate(_SPACES)


def decode_article(data: bytes, name: str) -> str:
    """All checks for a one-article input: not empty, not binary, UTF-8, not blank."""
    if not data:
        raise InputError(name, "file is empty (0 bytes)", code="E001")
    check_not_binary(data, name)
    text = decode_utf8(data, name)
    if not text.strip():
        raise InputError(name, f"file has no text, only {len(data)} bytes of whitespace",
                         code="E001")
    return text


def bounded_lines(stream: BinaryIO, max_bytes: int, *,
                  first_number: int = 1) -> Iterator[tuple[int, bytes | None]]:
    """Yield ``(line_number, line)`` from a binary stream, one line in memory at a time.

    A line longer than ``max_bytes`` is skipped in chunks and yielded as ``None`` so
    the caller can report it without ever holding it whole.
    """
    number = first_number - 1
    while line := stream.readline(max_bytes + 1):
        number += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while (rest := stream.readline(_SKIP_CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield number, None
        else:
            yield number, line
