"""The article's structure: title, captions, headings, paragraphs, data box, sentences.

Works on the view (page breaks already joined); offsets are view offsets.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import regex

from extract.ingest.linebreaks import ends_sentence
from extract.records.models import BlockKind

_LINE = regex.compile(r"[^\n]+")
_SENTENCE = regex.compile(r"[^。！？；!?;\n]*(?:[。！？；!?;]+[”’」』)）]?|(?=\n)|$)")
_HEADING_MAX = 40
_CAPTION_MAX = 60
_RUNNING_HEAD_MAX = 40
_DIGIT = regex.compile(r"\d")
# Data-box items may end with ； but never with a full stop.
_PARAGRAPH_END = frozenset("。！？!?")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class LayoutBlock:
    kind: BlockKind
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class LayoutSentence:
    start: int
    end: int
    block: int


@dataclass(frozen=True, slots=True)
class Layout:
    blocks: tuple[LayoutBlock, ...]
    sentences: tuple[LayoutSentence, ...]
    title: Span | None


def analyse_layout(text: str) -> Layout:
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text) if m.group().strip()]
    kinds = _classify_lines(text, lines)
    blocks = tuple(LayoutBlock(kind, *_strip(text, s, e)) for (s, e), kind in zip(lines, kinds))
    title = next((Span(b.start, b.end) for b in blocks if b.kind is BlockKind.TITLE), None)
    sentences = tuple(_split_sentences(text, blocks))
    return Layout(blocks=blocks, sentences=sentences, title=title)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _classify_lines(text: str, lines: list[tuple[int, int]]) -> list[BlockKind]:
    stripped = [text[s:e].strip() for s, e in lines]
    repeats = Counter(stripped)
    kinds: list[BlockKind] = []
    seen_paragraph = False
    for index, ((start, _end), line) in enumerate(zip(lines, stripped)):
        blank_lines_before = _blank_lines_before(text, start)
        if repeats[line] > 1 and len(line) <= _RUNNING_HEAD_MAX and not ends_sentence(line):
            kind = BlockKind.RUNNING_HEAD
        elif _is_heading(line):
            kind = BlockKind.HEADING
            if not seen_paragraph and BlockKind.TITLE not in kinds and BlockKind.HEADING not in kinds:
                kind = BlockKind.TITLE
        elif blank_lines_before >= 2 and len(line) <= _CAPTION_MAX and _single_sentence(line):
            kind = BlockKind.CAPTION
        else:
            kind = BlockKind.PARAGRAPH
            seen_paragraph = True
        kinds.append(kind)
    _mark_data_box(stripped, kinds)
    return kinds


def _blank_lines_before(text: str, start: int) -> int:
    index = start
    while index > 0 and text[index - 1] in " \t\n":
        index -= 1
    return text.count("\n", index, start) - 1 if index > 0 else 2


def _is_heading(line: str) -> bool:
    return len(line) <= _HEADING_MAX and not ends_sentence(line) and not regex.search(r"[，,；;。]", line)


def _single_sentence(line: str) -> bool:
    return ends_sentence(line) and len(regex.findall(r"[。！？!?]", line)) == 1


def _mark_data_box(lines: list[str], kinds: list[BlockKind]) -> None:
    """A closing section of bare, figure-dense items under a heading is a data box."""
    start = None
    for index in range(len(kinds) - 1, -1, -1):
        if kinds[index] is BlockKind.PARAGRAPH and lines[index][-1] in _PARAGRAPH_END:
            break
        if kinds[index] is BlockKind.HEADING:
            start = index
    if start is None:
        return
    items = [i for i in range(start, len(kinds)) if kinds[i] is BlockKind.PARAGRAPH]
    with_figures = [i for i in items if _DIGIT.search(lines[i])]
    if len(items) >= 2 and len(with_figures) * 2 >= len(items):
        for index in range(start, len(kinds)):
            if kinds[index] in (BlockKind.PARAGRAPH, BlockKind.HEADING):
                kinds[index] = BlockKind.DATA_BOX


def _split_sentences(text: str, blocks: tuple[LayoutBlock, ...]):
    for block_index, block in enumerate(blocks):
        for match in _SENTENCE.finditer(text, block.start, block.end):
            start, end = _strip(text, match.start(), match.end())
            if end > start:
                yield LayoutSentence(start, end, block_index)
