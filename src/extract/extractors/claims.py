"""Numeric claims: which quantities in a sentence are claims, and their context.

Finding quantities is `extractors.quantities`; values come from
`resolve.quantities`. This module decides what counts as a claim (guidelines
§1: not dates, names, idioms, list numbers), adds the claims the quantity
grammar does not cover (ranks, 翻番, colon ratios), and attaches change,
subject and time from the clause.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

import regex

from extract.data import load_yaml
from extract.extractors.brackets import Bracketed
from extract.extractors.clause import Tokens
from extract.extractors.dates import DateMatch
from extract.extractors.quantities import QuantityMatch, find_quantities
from extract.records.models import Change, ClaimKind, Qualifier
from extract.resolve.numerals import NumeralError, parse_numeral
from extract.resolve.quantities import Quantity, QuantityError, resolve_quantity

_CLAUSE_BREAK = regex.compile(r"[，,；;。！？!?：:\n]")
_LIST_JOINER = regex.compile(r"^\s*(?:、|和|及|以及|与|,|，)\s*(?:分别)?\s*$")
_LATIN = regex.compile(r"[A-Za-z]")
_CN_ONE = frozenset("一壹")
_BARE_MULTIPLIERS = frozenset("百千万亿佰仟")
_LARGE_MULTIPLIER = regex.compile(r"[万亿]$")
_YEAR_NUMERAL = regex.compile(r"^(?:1[6-9]|20)\d\d$|^[〇零○一二三四五六七八九]{4}$")
_NUMBER = r"(?:[一二三四五六七八九十百两]+|\d+)"
_RANK = regex.compile(rf"第(?P<n>{_NUMBER})(?P<unit>名|位)?")
_TOP_N = regex.compile(rf"前(?P<n>{_NUMBER})(?P<unit>名|位)?")
_DOUBLING = regex.compile(r"翻(?:了)?(?P<n>[一两二三四五六七八九十]|\d+)?番")
_COLON_RATIO = regex.compile(r"(?<![\d.:])\d+(?:\.\d+)?(?::\d+(?:\.\d+)?)+(?![\d.:])")
_RATIO_CUES = ("结构", "比例", "之比", "比为", "比值", "比调整为", "比")
_SHORT_QUOTE = 20  # a quoted stretch this short is a name or slogan, not speech
_CONTEXT = 12  # characters read before a figure for its change verb
_SUBJECT_MAX = 16
_COMPARISON_LEAD = ("比", "较", "与", "同", "相比", "较之")
_TIME_PREFIXES = ("截至", "截止", "截止到", "到", "至")


@dataclass(frozen=True, slots=True)
class ClaimCandidate:
    start: int  # view offsets
    end: int
    value: float
    value_max: float | None
    unit: str | None
    kind: ClaimKind
    qualifier: Qualifier
    change: Change | None
    subject: str | None
    time: str | None
    rule: str


@cache
def _context_words() -> dict[str, tuple[str, ...]]:
    data = load_yaml("claim_context.yaml")
    return {key: tuple(sorted(words, key=len, reverse=True)) for key, words in data.items()}


@cache
def _ordinal_not_rank() -> tuple[str, ...]:
    return tuple(sorted(load_yaml("units.yaml")["ordinal_not_rank"], key=len, reverse=True))


def extract_claims(
    text: str,
    sentences: Sequence[tuple[int, int]],
    brackets: Sequence[Bracketed],
    dates: Sequence[DateMatch],
    tokens: Tokens,
) -> list[ClaimCandidate]:
    """Claims in `text` (the article's view), sentence by sentence."""
    protected = [b for b in brackets if _protects(b)]
    parenthesized = [b for b in brackets if b.mark in "(（"]
    claims: list[ClaimCandidate] = []
    for start, end in sentences:
        sentence_dates = [d for d in dates if start <= d.start < end]
        found: list[ClaimCandidate] = []
        for quantity in find_quantities(text, start, end):
            candidate = _claim_from_quantity(text, quantity, start, protected, sentence_dates, tokens)
            if candidate is not None:
                found.append(candidate)
        found.extend(_special_claims(text, start, end, protected, found))
        found.sort(key=lambda c: c.start)
        claims.extend(_attach_context(text, start, found, sentence_dates, tokens, parenthesized))
    return claims


def _protects(bracket: Bracketed) -> bool:
    if bracket.mark in "《〈":
        return True
    return bracket.mark == "“" and bracket.end - bracket.start - 2 <= _SHORT_QUOTE


def _inside(start: int, end: int, spans: Sequence[Bracketed]) -> bool:
    return any(b.start < end and start < b.end for b in spans)


def _claim_from_quantity(
    text: str,
    quantity: QuantityMatch,
    sentence_start: int,
    protected: Sequence[Bracketed],
    dates: Sequence[DateMatch],
    tokens: Tokens,
) -> ClaimCandidate | None:
    words = _context_words()
    before = text[max(sentence_start, quantity.start - 1) : quantity.start]
    after = text[quantity.end : quantity.end + 6]
    if _inside(quantity.start, quantity.end, protected):
        return None
    if _LATIN.match(after) or (before and _LATIN.match(before)) or before in ("第", "前", "翻") or text.endswith("翻了", 0, quantity.start):
        return None
    if tokens.starts_inside_word(quantity.start):
        return None  # 成千上万, 一五一十: the figure is part of an idiom
    if any(d.start <= quantity.numeral_start < d.end for d in dates):
        return None
    if after.startswith(words["name_followers"]):
        return None
    if quantity.unit and quantity.unit != "年" and tokens.glues_unit(quantity.end - len(quantity.unit) - len(quantity.suffix or ""), quantity.end - len(quantity.suffix or "")):
        return None  # 五台山, 两位数, 100周年: the classifier is part of a word
    try:
        resolved = resolve_quantity(quantity)
    except QuantityError:
        return None
    rule = "claim.quantity"
    if resolved.unit is None and quantity.fraction is None:
        if not _LARGE_MULTIPLIER.search(quantity.numeral):
            return None
        money = _implied_money(text, quantity, sentence_start, resolved)
        resolved, rule = (money, "claim.money_verb") if money else (replace(resolved, kind=ClaimKind.COUNT), "claim.bare_large_number")
    qualified = quantity.prefix or quantity.tail or quantity.suffix
    if quantity.numeral in _CN_ONE and resolved.kind is not ClaimKind.RATIO:
        return None  # 一 as an article or in idioms: 一张身份证, 一件件
    if quantity.numeral in _BARE_MULTIPLIERS and not qualified:
        return None  # 千家万户, 百花齐放: a multiplier alone is an idiom
    if resolved.unit == "年" and _is_year_or_period(text, quantity, sentence_start):
        return None
    if resolved.unit == "成" and resolved.value > 10:
        return None
    return ClaimCandidate(
        start=quantity.start, end=quantity.end, value=resolved.value, value_max=resolved.value_max,
        unit=resolved.unit, kind=resolved.kind, qualifier=resolved.qualifier,
        change=None, subject=None, time=None, rule=rule,
    )


def _implied_money(text: str, quantity: QuantityMatch, sentence_start: int, resolved: Quantity) -> Quantity | None:
    """`投入5000多万` -> 元: a bare 万/亿 figure governed by a money verb."""
    clause = _clause_before(text, quantity.start, sentence_start)
    if not any(verb in clause for verb in _context_words()["money_verbs"]):
        return None
    return replace(resolved, unit="元", kind=ClaimKind.MONEY)


def _is_year_or_period(text: str, quantity: QuantityMatch, sentence_start: int) -> bool:
    if _YEAR_NUMERAL.match(quantity.numeral):
        return True
    following = text[quantity.end : quantity.end + 2]
    if following.startswith(("代", "度", "级")):
        return True
    clause = _clause_before(text, quantity.start, sentence_start)
    if not quantity.prefix and clause.endswith(_context_words()["period_markers"]):
        return True
    # 5年来 frames the narration; 实施10多年来 measures how long something ran.
    return following.startswith(("来", "间")) and clause.strip() == ""


def _clause_before(text: str, position: int, sentence_start: int) -> str:
    clause_start = sentence_start
    for match in _CLAUSE_BREAK.finditer(text, sentence_start, position):
        clause_start = match.end()
    return text[clause_start:position]


def _special_claims(
    text: str, start: int, end: int, protected: Sequence[Bracketed], found: Sequence[ClaimCandidate]
) -> list[ClaimCandidate]:
    """Ranks, 翻番 and colon ratios: figures the quantity grammar leaves out."""
    taken = [(c.start, c.end) for c in found]
    special = _ranks(text, start, end) + _doublings(text, start, end) + _colon_ratios(text, start, end)
    kept = []
    for claim in special:
        overlaps = [(s, e) for s, e in taken if s < claim.end and claim.start < e]
        if _inside(claim.start, claim.end, protected) or overlaps:
            continue
        kept.append(claim)
        taken.append((claim.start, claim.end))
    return kept


def _ranks(text: str, start: int, end: int) -> list[ClaimCandidate]:
    words = _context_words()
    ranks: list[ClaimCandidate] = []
    for match in _RANK.finditer(text, start, end):
        after = text[match.end() : match.end() + 4]
        unit = match.group("unit")
        if not unit and after.startswith(_ordinal_not_rank()):
            continue
        clause = _clause_before(text, match.start(), start)
        continues_list = bool(ranks) and _LIST_JOINER.match(text[ranks[-1].end : match.start()])
        cued = any(cue in clause[-8:] for cue in words["rank_cues"]) or clause.endswith(("全国", "全省", "全区", "全市"))
        followed_by_name = bool(regex.match(r"\p{Han}", after)) and not after.startswith(("的", "、", "和", "大"))
        if not (cued or continues_list or unit) or (followed_by_name and not unit):
            continue
        value = _number(match.group("n"))
        if value is not None:
            ranks.append(_special(match.start(), match.end(), value, unit, ClaimKind.RANK, Qualifier.EXACT, "claim.rank"))
    for match in _TOP_N.finditer(text, start, end):
        unit = match.group("unit")
        clause = _clause_before(text, match.start(), start)
        if not unit and not any(cue in clause[-6:] for cue in words["rank_cues"]):
            continue
        value = _number(match.group("n"))
        if value is not None:
            ranks.append(_special(match.start(), match.end(), value, unit, ClaimKind.RANK, Qualifier.AT_MOST, "claim.rank_top"))
    return ranks


def _doublings(text: str, start: int, end: int) -> list[ClaimCandidate]:
    claims = []
    for match in _DOUBLING.finditer(text, start, end):
        value = _number(match.group("n")) if match.group("n") else 1.0
        if value is not None:
            claims.append(replace(_special(match.start(), match.end(), value, "番", ClaimKind.RATIO, Qualifier.EXACT,
                                           "claim.doubling"), change=Change.UP))
    return claims


def _colon_ratios(text: str, start: int, end: int) -> list[ClaimCandidate]:
    """`3.9:39.0:57.1` (a structure) gives a claim per term; `2.50:1` one claim."""
    claims = []
    for match in _COLON_RATIO.finditer(text, start, end):
        clause = _clause_before(text, match.start(), start)
        if not any(cue in clause for cue in _RATIO_CUES):
            continue  # 8:30 is a clock time
        terms = [(m.start(), m.end()) for m in regex.finditer(r"\d+(?:\.\d+)?", match.group())]
        values = [float(match.group()[s:e]) for s, e in terms]
        if len(values) == 2 and values[1] == 1:
            claims.append(_special(match.start(), match.end(), values[0], None, ClaimKind.RATIO, Qualifier.EXACT,
                                   "claim.colon_ratio"))
            continue
        for (s, e), value in zip(terms, values):
            claims.append(_special(match.start() + s, match.start() + e, value, None, ClaimKind.RATIO, Qualifier.EXACT,
                                   "claim.colon_ratio"))
    return claims


def _number(numeral: str) -> float | None:
    try:
        return parse_numeral(numeral)
    except NumeralError:
        return None


def _special(start: int, end: int, value: float, unit: str | None, kind: ClaimKind, qualifier: Qualifier, rule: str) -> ClaimCandidate:
    return ClaimCandidate(start=start, end=end, value=value, value_max=None, unit=unit, kind=kind,
                          qualifier=qualifier, change=None, subject=None, time=None, rule=rule)


def _attach_context(
    text: str,
    sentence_start: int,
    claims: list[ClaimCandidate],
    dates: Sequence[DateMatch],
    tokens: Tokens,
    parenthesized: Sequence[Bracketed],
) -> list[ClaimCandidate]:
    attached: list[ClaimCandidate] = []
    previous: ClaimCandidate | None = None
    for claim in claims:
        in_list = previous is not None and bool(_LIST_JOINER.match(text[previous.end : claim.start]))
        change = claim.change or (previous.change if in_list and previous else _change(text, claim, sentence_start))
        subject = _subject(text, claim, sentence_start, tokens)
        if subject is None and previous is not None:
            subject = previous.subject
        claim = replace(claim, change=change, subject=subject, time=_time(text, claim, dates, parenthesized))
        attached.append(claim)
        previous = claim
    return attached


def _change(text: str, claim: ClaimCandidate, sentence_start: int) -> Change | None:
    if claim.kind is ClaimKind.RANK:
        return None
    words = _context_words()
    clause = _clause_before(text, claim.start, sentence_start)
    before = clause[-_CONTEXT:]
    stripped = before
    changed = True
    while changed:
        changed = False
        for filler in words["change_fillers"]:
            if stripped.endswith(filler):
                stripped = stripped[: -len(filler)]
                changed = True
    if before.endswith(("高达", "多达", "长达")):
        return None
    for marker in words["level_markers"]:
        if before.endswith(marker) and not stripped.endswith(words["change_up"] + words["change_down"]):
            return None
    if stripped.endswith(words["change_up"]):
        return Change.UP
    if stripped.endswith(words["change_down"]):
        return Change.DOWN
    if claim.unit in ("%", "个百分点", "百分点", "倍"):
        if "高于" in clause or "高出" in clause:
            return Change.UP
        if "低于" in clause:
            return Change.DOWN
    if clause.startswith(("新增", "净增")) or "新增" in before or "净增" in before:
        return Change.UP
    return None


def _subject(text: str, claim: ClaimCandidate, sentence_start: int, tokens: Tokens) -> str | None:
    if claim.kind is ClaimKind.RANK:
        return None
    clause_end = _clause_end(text, claim.end)
    if text.startswith("的", claim.end):
        phrase = tokens.noun_phrase_after(claim.end + 1, clause_end)
        if phrase:
            return phrase
    if claim.kind is ClaimKind.COUNT:
        phrase = tokens.noun_phrase_after(claim.end, clause_end)
        if phrase:
            return phrase
    clause_start = claim.start - len(_clause_before(text, claim.start, sentence_start))
    phrase = tokens.noun_phrase_before(claim.start, clause_start)
    if phrase and len(phrase) <= _SUBJECT_MAX:
        return phrase
    return None


def _clause_end(text: str, position: int) -> int:
    match = _CLAUSE_BREAK.search(text, position)
    return match.start() if match else len(text)


def _time(text: str, claim: ClaimCandidate, dates: Sequence[DateMatch], parenthesized: Sequence[Bracketed]) -> str | None:
    """The nearest time expression before the claim in its sentence, not a comparison base."""
    for date in reversed([d for d in dates if d.end <= claim.start]):
        lead = text[max(0, date.start - 2) : date.start]
        if lead.endswith(_COMPARISON_LEAD) or _inside(date.start, date.end, parenthesized):
            continue
        prefix = next((p for p in _TIME_PREFIXES if lead.endswith(p)), "")
        tail = "起" if date.rule == "date.absolute" and text.startswith("起", date.end) else ""
        return prefix + date.text + tail
    return None
