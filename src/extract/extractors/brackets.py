"""Bracketed stretches: 《》 titles and “” quotations, nesting-aware.

Unbalanced marks never raise: an opening mark without its closing one is
ignored past the end of its line, so one stray 《 cannot swallow an article.
"""

from __future__ import annotations

from dataclasses import dataclass

_PAIRS = {"《": "》", "“": "”", "〈": "〉", "「": "」", "『": "』", "(": ")", "（": "）"}
_CLOSERS = {close: open_ for open_, close in _PAIRS.items()}


@dataclass(frozen=True, slots=True)
class Bracketed:
    start: int  # at the opening mark
    end: int  # after the closing mark
    mark: str  # the opening mark
    depth: int  # 0 for outermost

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, self.end - 1


def find_bracketed(text: str) -> list[Bracketed]:
    found: list[Bracketed] = []
    stack: list[tuple[str, int]] = []
    for index, ch in enumerate(text):
        if ch == "\n":
            stack.clear()
        elif ch in _PAIRS and not (ch == "“" and stack and stack[-1][0] == "“"):
            stack.append((ch, index))
        elif ch in _CLOSERS:
            opener = _CLOSERS[ch]
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == opener:
                    start = stack[depth][1]
                    del stack[depth:]
                    found.append(Bracketed(start, index + 1, opener, depth))
                    break
    found.sort(key=lambda b: (b.start, -b.end))
    return found
