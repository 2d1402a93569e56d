"""Numeral resolution: the value of a numeral as written (Arabic, Chinese, mixed).

`parse_numeral("三千二百万")` -> 32000000.0; `parse_numeral("1.3万")` -> 13000.0;
`parse_numeral("12亿5千万")` -> 1250000000.0; `parse_numeral("二〇二六")` -> 2026.0.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from extract.data import load_yaml

_ARABIC = regex.compile(r"\d+(?:[,，]\d{3})*(?:\.\d+)?")


@dataclass(frozen=True, slots=True)
class NumeralTable:
    digits: dict[str, int]
    small_units: dict[str, int]
    large_units: dict[str, int]
    approximate: dict[str, tuple[float, str]]

    @property
    def chinese_chars(self) -> str:
        return "".join(self.digits) + "".join(self.small_units) + "".join(self.large_units)


@cache
def numeral_table() -> NumeralTable:
    data = load_yaml("numerals.yaml")
    return NumeralTable(
        digits=dict(data["digits"]),
        small_units=dict(data["small_units"]),
        large_units=dict(data["large_units"]),
        approximate={k: (float(v[0]), v[1]) for k, v in data["approximate"].items()},
    )


class NumeralError(ValueError):
    pass


def parse_numeral(text: str) -> float:
    """Value of a numeral; raises NumeralError when `text` is not one."""
    text = text.strip()
    if not text:
        raise NumeralError("empty numeral")
    if text.startswith("-"):
        return -parse_numeral(text[1:])
    table = numeral_table()
    if text in table.approximate:
        return table.approximate[text][0]
    if "点" in text:
        whole, _, fraction = text.partition("点")
        fraction_digits = "".join(str(_digit(table, ch)) for ch in fraction if ch in table.digits)
        rest = fraction[len(fraction_digits) :] if len(fraction_digits) < len(fraction) else ""
        value = float(f"{int(parse_numeral(whole or '零'))}.{fraction_digits or '0'}")
        if rest:  # 三点五万 -> 3.5 × 万
            value *= parse_numeral("一" + rest)
        return value
    tokens = _tokens(text, table)
    if all(isinstance(tok, float) for tok in tokens) and len(tokens) > 1:
        # 二〇二六, 一九九五: digit by digit.
        return float("".join(str(int(tok)) for tok in tokens))
    return _combine(tokens, table)


def _digit(table: NumeralTable, ch: str) -> int:
    return table.digits[ch]


def _tokens(text: str, table: NumeralTable) -> list[float | str]:
    tokens: list[float | str] = []
    index = 0
    while index < len(text):
        match = _ARABIC.match(text, index)
        if match:
            tokens.append(float(match.group().replace(",", "").replace("，", "")))
            index = match.end()
            continue
        ch = text[index]
        if ch in table.digits:
            tokens.append(float(table.digits[ch]))
        elif ch in table.small_units or ch in table.large_units:
            tokens.append(ch)
        else:
            raise NumeralError(f"not a numeral character: {ch!r} in {text!r}")
        index += 1
    return tokens


def _combine(tokens: list[float | str], table: NumeralTable) -> float:
    total = 0.0  # finished sections above the current large unit
    section = 0.0  # finished part below the current large unit
    digit: float | None = None
    last_small_unit = 0
    for tok in tokens:
        if isinstance(tok, float):
            if tok == 0:
                last_small_unit = 0  # 一百零五: the 零 fills the place, 五 is units
            digit = tok
            continue
        if tok in table.small_units:
            unit = table.small_units[tok]
            section += (digit if digit is not None else 1.0) * unit
            last_small_unit = unit
            digit = None
            continue
        unit = table.large_units[tok]
        pending = section + (digit or 0.0)
        if pending == 0 and total == 0:
            pending = 1.0  # 万 alone, 亿元 alone
        if unit > total:
            total = (total + pending) * unit
        else:
            total += pending * unit
        section = 0.0
        digit = None
        last_small_unit = unit
    if digit is not None:
        # 一百五 reads 150, 三万五 35000: a trailing digit counts one place lower.
        section += digit * (last_small_unit // 10 if last_small_unit >= 100 else 1)
    return total + section
