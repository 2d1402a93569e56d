"""Which line breaks are page breaks inside a sentence, to be joined.

A break is joined when the line before it is running prose that stops
without closing punctuation, the text around it is prose (the paragraph before
ended properly), and the line after it continues a sentence rather than
starting a heading, a list item or a data line, and closes its paragraph. A line that is only a
fragment of Latin letters and digits (`PM` / `2.5`) is joined to both sides.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

_SENTENCE_END = frozenset("。！？；!?;…：:")
_CLOSERS = frozenset("”’」』）)")
_LINE_BREAK_RUN = regex.compile(r"[ \t]*\n(?:[ \t]*\n)*[ \t]*")
_LIST_ITEM_START = regex.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.]|第[一二三四五六七八九十百\d]+条|——|[①-⑳])"
)
_ASCII_FRAGMENT = regex.compile(r"^[A-Za-z0-9.+\-/]{1,12}$")
_PROSE_PUNCTUATION = regex.compile(r"[，,、；;。：:]")
_CLAUSE_PUNCTUATION = regex.compile(r"[，,；;。]")

# A line shorter than this with no sentence punctuation reads as a heading.
MIN_PROSE_LINE = 30
MIN_CONTINUATION_LINE = 15


def ends_sentence(line: str) -> bool:
    line = line.rstrip()
    if not line:
        return True
    if line[-1] in _SENTENCE_END:
        return True
    return line[-1] in _CLOSERS and len(line) > 1 and line[-2] in _SENTENCE_END


def joinable_breaks(text: str) -> Iterator[tuple[int, int]]:
    """Yield [start, end) of each break run to remove from the view."""
    breaks = list(_LINE_BREAK_RUN.finditer(text))
    line_starts = [0] + [m.end() for m in breaks]
    line_ends = [m.start() for m in breaks] + [len(text)]
    lines = [text[s:e] for s, e in zip(line_starts, line_ends)]
    for index, match in enumerate(breaks):
        before, after = lines[index], lines[index + 1]
        previous = lines[index - 1] if index > 0 else ""
        if _is_fragment_join(before, after) or _is_page_break(previous, before, after):
            yield match.start(), match.end()


def _is_fragment_join(before: str, after: str) -> bool:
    before_fragment = bool(_ASCII_FRAGMENT.match(before.strip()))
    after_fragment = bool(_ASCII_FRAGMENT.match(after.strip()))
    if after_fragment and not ends_sentence(before) and before.strip()[-1:].isascii():
        return before.strip()[-1:].isalnum()
    return before_fragment and bool(after.strip()) and not ends_sentence(before) and not _LIST_ITEM_START.match(after)


def _is_page_break(previous: str, before: str, after: str) -> bool:
    before = before.strip()
    after = after.strip()
    if len(before) < MIN_PROSE_LINE or ends_sentence(before):
        return False
    if not _CLAUSE_PUNCTUATION.search(before):
        # A long line without a single comma is a title, not cut prose.
        return False
    if previous.strip() and not ends_sentence(previous) and len(previous.strip()) >= MIN_PROSE_LINE:
        # The paragraph before also stops without punctuation: a list or
        # data box whose items end bare, not prose cut by a page break.
        return False
    if _LIST_ITEM_START.match(after):
        return False
    # The continuation closes its paragraph properly; data-box items do not.
    return (
        len(after) >= MIN_CONTINUATION_LINE
        and bool(_PROSE_PUNCTUATION.search(after))
        and ends_sentence(after)
    )
