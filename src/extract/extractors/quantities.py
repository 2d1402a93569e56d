"""Find quantity spans: numeral (or range) with qualifiers and a unit.

Extraction only: this module finds where a quantity is written and which
part is which; `extract.resolve.quantities` turns the parts into values.
The grammar is built from the data files (numerals, units, qualifiers).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from extract.data import load_yaml
from extract.resolve.numerals import numeral_table

# 千/百/兆 start units too (千瓦, 百分点, 兆瓦): as multipliers they must not.
_MULTIPLIER = r"(?:万|亿|千(?![瓦米克卡伏帕])|百(?!分)|兆(?![瓦帕赫]))"
_ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
_RANGE_SEPARATOR = r"(?:—{1,2}|–|-|~|至|到)"


@dataclass(frozen=True, slots=True)
class QuantityMatch:
    """One quantity as written; offsets are into the searched string."""

    start: int
    end: int
    text: str
    prefix: str | None  # qualifier word in front (约, 近, 超过 …)
    numeral: str  # first numeral as written (3.48亿, 三千二百万, 百分之四十)
    numeral_max: str | None  # second numeral of a range
    tail: str | None  # 多/余/来 right after the numeral
    unit: str | None
    suffix: str | None  # qualifier word behind (左右, 以上, 以内 …)
    fraction: tuple[str, str] | None  # 三分之二 -> (三, 二)
    percent_words: bool  # 百分之…
    numeral_start: int


@cache
def unit_kinds() -> dict[str, str]:
    data = load_yaml("units.yaml")
    return {unit: kind for kind, units in data.items() if kind != "ordinal_not_rank" for unit in units}


@cache
def qualifier_words() -> dict[str, dict[str, str]]:
    data = load_yaml("qualifiers.yaml")
    return {
        place: {word: qualifier for qualifier, words in groups.items() for word in words}
        for place, groups in data.items()
    }


def _alternation(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))


@cache
def quantity_pattern() -> regex.Pattern:
    table = numeral_table()
    cn_chars = regex.escape("".join(table.digits) + "".join(table.small_units))
    cn_digits = regex.escape("".join(table.digits))
    approximate = _alternation(table.approximate)
    chinese = rf"(?:[{cn_chars}]+{_MULTIPLIER}+)*[{cn_chars}]+(?:点[{cn_digits}]+)?{_MULTIPLIER}*"
    arabic = rf"(?:(?<![\d%.])-)?{_ARABIC}(?:{_MULTIPLIER}+(?:{_ARABIC}{_MULTIPLIER}+)*)?"
    numeral = rf"(?:{approximate}|{arabic}|{chinese})"
    qualifiers = qualifier_words()
    units = _alternation(unit_kinds())
    tail = _alternation(qualifiers["tail"])
    prefix = _alternation(qualifiers["before"])
    suffix = _alternation(qualifiers["after"])
    one_side = rf"(?:{numeral})(?:{tail})?(?:{_MULTIPLIER}+)?"
    pattern = rf"""
        (?:均(?={prefix}))?(?P<prefix>{prefix})?
        (?:
            (?P<percent_words>百分之)(?P<pw_numeral>{numeral})(?:{_RANGE_SEPARATOR}(?:百分之)?(?P<pw_numeral_max>{numeral}))?
          | (?P<fraction>(?P<denominator>[{cn_chars}]+|{_ARABIC})分之(?P<numerator>[{cn_chars}]+|{_ARABIC}))
          | (?P<numeral>{one_side})
            (?:(?P<range_unit>{units})?{_RANGE_SEPARATOR}(?P<numeral_max>{one_side}))?
            (?P<unit>{units})?
        )
        (?P<suffix>{suffix})?
    """
    return regex.compile(pattern, regex.VERBOSE)


def find_quantities(text: str, start: int = 0, end: int | None = None):
    """Yield every quantity in text[start:end], leftmost-longest, not overlapping."""
    pattern = quantity_pattern()
    position = start
    stop = len(text) if end is None else end
    while True:
        match = pattern.search(text, position, stop)
        if match is None:
            return
        if match.end() == match.start():
            position = match.end() + 1
            continue
        yield _to_quantity(match)
        position = match.end()


def _to_quantity(match: regex.Match) -> QuantityMatch:
    fraction = None
    if match.group("fraction"):
        fraction = (match.group("denominator"), match.group("numerator"))
    percent_words = bool(match.group("percent_words"))
    numeral = match.group("pw_numeral") if percent_words else match.group("numeral")
    numeral_max = match.group("pw_numeral_max") if percent_words else match.group("numeral_max")
    tail = None
    if numeral:
        numeral, tail = _split_tail(numeral)
    if numeral_max:
        numeral_max, _ = _split_tail(numeral_max)
    numeral_start = match.start("fraction") if fraction else match.start("pw_numeral" if percent_words else "numeral")
    unit = match.group("unit") or (match.group("range_unit") if not percent_words and not fraction else None)
    if percent_words:
        unit = "%"
    return QuantityMatch(
        start=match.start(),
        end=match.end(),
        text=match.group(),
        prefix=match.group("prefix"),
        numeral=numeral or match.group("fraction"),
        numeral_max=numeral_max,
        tail=tail,
        unit=unit,
        suffix=match.group("suffix"),
        fraction=fraction,
        percent_words=percent_words,
        numeral_start=numeral_start,
    )


def _split_tail(numeral: str) -> tuple[str, str | None]:
    """`1.3万多` -> (`1.3万`, `多`); `30余` -> (`30`, `余`)."""
    table = numeral_table()
    if numeral in table.approximate:
        return numeral, None
    tails = qualifier_words()["tail"]
    for word in sorted(tails, key=len, reverse=True):
        index = numeral.find(word)
        if index > 0:
            return numeral[:index] + numeral[index + len(word) :], word
    return numeral, None
