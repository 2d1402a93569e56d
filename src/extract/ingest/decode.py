"""Bytes to text: detect the encoding, refuse what is not text."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from extract.errors import IngestError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Share of control characters above which decoded text is judged binary.
_MAX_CONTROL_SHARE = 0.01
_ALLOWED_CONTROLS = frozenset("\n\r\t\f\v")


@dataclass(frozen=True, slots=True)
class DecodedText:
    text: str
    encoding: str


def decode_bytes(data: bytes, source: str) -> DecodedText:
    """Decode an article's bytes: BOM first, then strict UTF-8, then GB18030."""
    if not data:
        raise IngestError(source, "file is empty", "nothing to extract")
    encoding = _encoding_from_bom(data)
    if encoding is None and b"\x00" in data:
        raise IngestError(source, "binary content (NUL bytes, no UTF-16/32 BOM)", "not a text article")
    candidates = [encoding] if encoding else ["utf-8", "gb18030"]
    for candidate in candidates:
        try:
            text = data.decode(candidate)
        except UnicodeDecodeError:
            continue
        _refuse_binary(text, source)
        if not text.strip():
            raise IngestError(source, "file has only white space", "nothing to extract")
        return DecodedText(text=text, encoding=candidate)
    tried = " or ".join(candidates)
    raise IngestError(source, f"cannot be decoded as {tried}", "convert the file to UTF-8")


def _encoding_from_bom(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def _refuse_binary(text: str, source: str) -> None:
    controls = sum(1 for ch in text if ch < " " and ch not in _ALLOWED_CONTROLS)
    if controls > max(2, len(text) * _MAX_CONTROL_SHARE):
        raise IngestError(source, f"binary content ({controls} control characters)", "not a text article")
