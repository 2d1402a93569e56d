"""Clause context around a span: part-of-speech tags and noun phrases.

Tags come from jieba's dictionary (the tokens are already segmented), so
reading context costs no second segmentation pass.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import cache

import regex

_NOUN_TAGS = ("n", "nz", "ns", "nt", "nr", "j", "zg", "ng", "an")
_MODIFIER_TAGS = ("a", "b", "i", "l")
_HAN_WORD = regex.compile(r"^\p{Han}{2,}$")
_STOP_WORDS = frozenset("全部 其中 全区 全市 全省 全国 全县 累计 合计 总计 共计 全年 年末 年底 当年 分别 每年 每个 各类 平均数".split())


_REAL_WORD_FREQUENCY = 100  # jieba frequency above which a glued token is a real word (周年, 单元)


def word_frequency(word: str) -> int:
    import jieba

    return jieba.dt.FREQ.get(word) or 0


_word_frequency = word_frequency


@cache
def _tag_table() -> dict[str, str]:
    import jieba.posseg

    return jieba.posseg.dt.word_tag_tab


def tag_of(word: str) -> str | None:
    return _tag_table().get(word)


word_tag = tag_of


def is_nounish(word: str) -> bool:
    if word in _STOP_WORDS:
        return False
    tag = tag_of(word)
    if tag is None:
        return bool(_HAN_WORD.match(word))  # out-of-vocabulary words are mostly names and terms
    return tag.startswith(_NOUN_TAGS)


def is_modifier(word: str) -> bool:
    tag = tag_of(word)
    return tag is not None and tag.startswith(_MODIFIER_TAGS) and word not in _STOP_WORDS


class Tokens:
    """Token spans of a text, with lookups by offset."""

    def __init__(self, text: str, spans: Sequence[tuple[int, int]]) -> None:
        self.text = text
        self.spans = list(spans)
        self.starts = [s for s, _ in self.spans]
        self.ends = [e for _, e in self.spans]
        self._end_set = frozenset(self.ends)
        self._start_set = frozenset(self.starts)

    def is_boundary(self, position: int) -> bool:
        return position in self._end_set or position in self._start_set

    def glues_unit(self, unit_start: int, unit_end: int) -> bool:
        """True when the unit is part of a longer word: 五台山, 两位数, 100周年, 2单元."""
        index = bisect_right(self.starts, unit_start) - 1
        if index < 0 or self.ends[index] <= unit_start:
            return False
        token_start, token_end = self.spans[index]
        if token_start < unit_start < token_end and token_end > unit_end:
            return True  # one token runs through the unit and on: 五台山, 两位数
        if token_start == unit_start and token_end > unit_end:
            word = self.text[token_start:token_end]
            return _word_frequency(word) >= _REAL_WORD_FREQUENCY
        return False

    def starts_inside_word(self, position: int) -> bool:
        """True when `position` falls inside a real word (上万 in 成千上万)."""
        index = bisect_right(self.starts, position) - 1
        if index < 0 or self.starts[index] == position or self.ends[index] <= position:
            return False
        return _word_frequency(self.word(index)) >= _REAL_WORD_FREQUENCY

    def covering_word_frequency(self, start: int, end: int) -> int:
        """Frequency of the single token that strictly contains [start, end), else 0."""
        index = bisect_right(self.starts, start) - 1
        if index < 0 or self.ends[index] < end:
            return 0
        if (self.starts[index], self.ends[index]) == (start, end):
            return 0
        return _word_frequency(self.word(index))

    def word(self, index: int) -> str:
        start, end = self.spans[index]
        return self.text[start:end]

    def noun_phrase_after(self, position: int, limit: int, max_tokens: int = 4) -> str | None:
        index = bisect_left(self.starts, position)
        if index >= len(self.spans) or self.starts[index] != position:
            return None
        words: list[str] = []
        end = position
        while index < len(self.spans) and len(words) < max_tokens and self.ends[index] <= limit:
            word = self.word(index)
            if is_nounish(word) or (is_modifier(word) and index + 1 < len(self.spans) and is_nounish(self.word(index + 1))):
                words.append(word)
                end = self.ends[index]
                index += 1
                continue
            break
        if not words or not any(is_nounish(w) for w in words):
            return None
        return self.text[position:end]

    def noun_phrase_before(self, position: int, floor: int, skip: int = 3, max_tokens: int = 5) -> str | None:
        """The noun phrase that ends before `position`, skipping up to `skip` function words."""
        index = bisect_right(self.ends, position) - 1
        skipped = 0
        while index >= 0 and self.starts[index] >= floor and skipped < skip:
            word = self.word(index)
            if is_nounish(word) or word == ")":
                break
            if regex.search(r"\d", word):
                return None
            skipped += 1
            index -= 1
        start = end = None
        taken = 0
        depth = 0
        while index >= 0 and self.starts[index] >= floor and taken < max_tokens + depth * 2:
            word = self.word(index)
            if word in (")", "）"):
                depth += 1
            elif word in ("(", "（") and depth:
                depth -= 1
            elif not depth and not (is_nounish(word) or (is_modifier(word) and start is not None)):
                break
            end = end if end is not None else self.ends[index]
            start = self.starts[index]
            taken += 1
            index -= 1
        if start is None or depth:
            return None
        phrase = self.text[start:end]
        return phrase if any(is_nounish(w) for w in regex.findall(r"\p{Han}+", phrase)) or phrase else None
