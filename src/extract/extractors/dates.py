"""DATE entities: absolute dates with ISO values, relative and anchored times."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from extract.data import load_yaml
from extract.resolve.numerals import NumeralError, parse_numeral

_CN_DIGIT = "〇零○一二三四五六七八九"
_CN_NUMBER = "一二三四五六七八九十"
_YEAR = rf"(?P<year>(?:1[6-9]|20)\d\d|[{_CN_DIGIT}]{{4}})年(?!代)"
_MONTH = rf"(?P<month>1[0-2]|0?[1-9]|十[一二]?|[{_CN_NUMBER[:9]}])月(?:份)?"
_DAY = rf"(?P<day>3[01]|[12]\d|0?[1-9]|[{_CN_NUMBER}]{{1,3}})[日号]"
_QUARTER = r"(?P<quarter>(?:前|第)?[一二三四1-4])季度"
_HALF = r"(?P<half>上|下)半年"
_FIVE_YEAR_PLAN = r"“?(?P<plan>十[一二三四五六七八九]五)”?(?P<plan_tail>时期|期间|以来)?"

# First year of the N-th five-year plan: the 3rd started in 1966, then every 5.
_PLAN_BASE_YEAR = 1966
_PLAN_BASE_NUMBER = 3


@dataclass(frozen=True, slots=True)
class DateMatch:
    start: int
    end: int
    text: str
    iso: str | None
    rule: str


@cache
def _date_data() -> dict:
    return load_yaml("dates.yaml")


@cache
def _absolute_pattern() -> regex.Pattern:
    return regex.compile(
        rf"""
        {_YEAR}(?:{_MONTH}(?:{_DAY})?|{_QUARTER}|{_HALF}|度)?(?P<edge>底|末|初)?(?:以来|起)?
        | (?<![\d{_CN_NUMBER}个])(?:{_MONTH}{_DAY}|(?P<month_only>1[0-2]|[1-9])月份)
        """,
        regex.VERBOSE,
    )


@cache
def _relative_pattern() -> regex.Pattern:
    data = _date_data()
    words = sorted(set(data["relative"]), key=len, reverse=True)
    events = sorted(set(data["anchored_events"]), key=len, reverse=True)
    prefixes = "|".join(data["period_prefixes"])
    return regex.compile(
        rf"(?P<event>(?:{'|'.join(events)})以来)"
        rf"|(?P<period>(?:(?:{prefixes})(?:[{_CN_NUMBER}两]+|\d+)年(?:来)?)|(?:[{_CN_NUMBER}两]+|\d+)年来)"
        rf"|(?<![\d{_CN_NUMBER}百千万])(?P<word>{'|'.join(regex.escape(w) for w in words)})"
    )


@cache
def _plan_pattern() -> regex.Pattern:
    return regex.compile(_FIVE_YEAR_PLAN)


def find_dates(text: str) -> list[DateMatch]:
    """DATE spans in `text`, leftmost-longest, not overlapping."""
    found: list[DateMatch] = []
    for match in _absolute_pattern().finditer(text):
        found.append(DateMatch(match.start(), match.end(), match.group(), _iso(match), "date.absolute"))
    for match in _relative_pattern().finditer(text):
        rule = "date.anchored" if match.group("event") else "date.period" if match.group("period") else "date.relative"
        found.append(DateMatch(match.start(), match.end(), match.group(), None, rule))
    followers = tuple(_date_data()["plan_name_followers"])
    for match in _plan_pattern().finditer(text):
        if not match.group("plan_tail") and _names_a_plan(text, match.end(), followers):
            continue
        found.append(DateMatch(match.start(), match.end(), match.group(), _plan_iso(match.group("plan")), "date.plan_period"))
    return _leftmost_longest(found)


def _names_a_plan(text: str, position: int, followers: tuple[str, ...]) -> bool:
    """“十四五”城乡社区服务体系建设规划: the period's name starts a plan's name."""
    window = regex.match(r"\p{Han}{0,16}", text[position:]).group()
    return any(window.startswith(f) or f in window for f in followers)


def _leftmost_longest(matches: list[DateMatch]) -> list[DateMatch]:
    chosen: list[DateMatch] = []
    for match in sorted(matches, key=lambda m: (m.start, -(m.end - m.start))):
        if chosen and match.start < chosen[-1].end:
            continue
        chosen.append(match)
    return chosen


def _number(text: str) -> int:
    return int(parse_numeral(text))


def _iso(match: regex.Match) -> str | None:
    year = match.group("year")
    if not year:
        return None
    try:
        y = _number(year)
        if match.group("quarter"):
            return _quarter_iso(y, match.group("quarter"))
        if match.group("half"):
            return f"{y}-01/{y}-06" if match.group("half") == "上" else f"{y}-07/{y}-12"
        month = match.group("month")
        if not month:
            return f"{y:04d}"
        m = _number(month)
        day = match.group("day")
        if not day:
            return f"{y:04d}-{m:02d}"
        return f"{y:04d}-{m:02d}-{_number(day):02d}"
    except NumeralError:
        return None


def _quarter_iso(year: int, quarter: str) -> str:
    count = _number(quarter[-1])
    first = 1 if quarter.startswith("前") else 3 * (count - 1) + 1
    last = 3 * count
    return f"{year}-{first:02d}/{year}-{last:02d}"


def _plan_iso(plan: str) -> str:
    number = _number(plan[:-1])
    start = _PLAN_BASE_YEAR + 5 * (number - _PLAN_BASE_NUMBER)
    return f"{start}/{start + 4}"
