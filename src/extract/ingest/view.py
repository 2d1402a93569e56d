"""The normalized view of an article: what the extractors match on.

The view folds full-width forms, drops HTML remnants and joins lines broken
mid-sentence by page breaks. Every view character keeps the index of the
original character it came from, so a span found in the view maps back to
exact offsets in the original text.
"""

from __future__ import annotations

import html
from array import array
from dataclasses import dataclass

import regex

from extract.ingest.linebreaks import joinable_breaks

# Full-width ASCII variants fold to ASCII; a few CJK marks that play the role
# of ASCII punctuation in figures fold too (ratio colon, wave dash).
_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: 0x20, 0x2236: 0x3A, 0x301C: 0x7E, 0xFE6A: 0x25, 0x00A0: 0x20})

_HTML_TAG = regex.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>|<!--.*?-->", regex.DOTALL)
_HTML_BLOCK_TAGS = frozenset("p br div li ul ol h1 h2 h3 h4 h5 h6 tr table section article".split())
_HTML_ENTITY = regex.compile(r"&(?:#\d{1,7}|#x[0-9A-Fa-f]{1,6}|[A-Za-z]{2,8});")


@dataclass(frozen=True, slots=True)
class TextView:
    original: str
    text: str
    to_original: array  # view index -> original index; one extra slot for the end

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of view span [start, end)."""
        return self.to_original[start], self.to_original[end - 1] + 1

    def original_text(self, start: int, end: int) -> str:
        orig_start, orig_end = self.original_span(start, end)
        return self.original[orig_start:orig_end]


def build_view(original: str) -> TextView:
    chars: list[str] = []
    positions = array("i")
    skipped = _html_replacements(original)
    index = 0
    length = len(original)
    while index < length:
        replacement = skipped.get(index)
        if replacement is not None:
            end, text = replacement
            for ch in text:
                chars.append(ch)
                positions.append(index)
            index = end
            continue
        ch = original[index]
        if ch == "\r":
            # CRLF and lone CR read as one line end; the LF (if any) is kept.
            if index + 1 < length and original[index + 1] == "\n":
                index += 1
                continue
            ch = "\n"
        chars.append(chr(_FOLD.get(ord(ch), ord(ch))))
        positions.append(index)
        index += 1
    folded = "".join(chars)
    keep = _drop_repaired_breaks(folded)
    text = "".join(ch for ch, kept in zip(folded, keep) if kept)
    to_original = array("i", (pos for pos, kept in zip(positions, keep) if kept))
    to_original.append(length)
    return TextView(original=original, text=text, to_original=to_original)


def _html_replacements(original: str) -> dict[int, tuple[int, str]]:
    """Start index -> (end index, view text) for HTML tags and entities."""
    if "<" not in original and "&" not in original:
        return {}
    replacements: dict[int, tuple[int, str]] = {}
    for match in _HTML_TAG.finditer(original):
        name = regex.match(r"</?([A-Za-z0-9]+)", match.group())
        is_block = bool(name) and name.group(1).lower() in _HTML_BLOCK_TAGS
        replacements[match.start()] = (match.end(), "\n" if is_block else "")
    for match in _HTML_ENTITY.finditer(original):
        decoded = html.unescape(match.group())
        if decoded != match.group():
            replacements[match.start()] = (match.end(), decoded.replace("\xa0", " "))
    return replacements


def _drop_repaired_breaks(text: str) -> list[bool]:
    keep = [True] * len(text)
    for start, end in joinable_breaks(text):
        for index in range(start, end):
            keep[index] = False
    return keep
