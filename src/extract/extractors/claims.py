"""Numeric claims: which quantities in a sentence are claims, and their context.

Finding quantities is `extractors.quantities`; values come from
`resolve.quantities`. This module decides what counts as a claim (guidelines
§1: not dates, names, idioms, list numbers) and attaches change, subject and
time from the clause.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

import regex

from extract.data import load_yaml
from extract.extractors.brackets import Bracketed
from extract.extractors.dates import DateMatch
from extract.extractors.quantities import QuantityMatch, find_quantities
from extract.records.models import Change, ClaimKind, Qualifier
from extract.resolve.numerals import NumeralError, parse_numeral
from extract.resolve.quantities import Quantity, QuantityError, resolve_quantity

_CLAUSE_BREAK = regex.compile(r"[，,；;。！？!?：:\n（(）)]")
_LIST_JOINER = regex.compile(r"^\s*(?:、|和|及|以及|与|,|，)\s*(?:分别)?\s*$")
_LATIN = regex.compile(r"[A-Za-z]")
_CN_ONE = frozenset("一壹")
_BARE_MULTIPLIERS = frozenset("百千万亿佰仟")
_YEAR_NUMERAL = regex.compile(r"^(?:1[6-9]|20)\d\d$|^[〇零○一二三四五六七八九]{4}$")
_RANK = regex.compile(r"第(?P<n>[一二三四五六七八九十百]+|\d+)(?P<unit>名|位)?")
_TOP_N = regex.compile(r"前(?P<n>[一二三四五六七八九十]+|\d+)(?P<unit>名|位)")
_SHORT_QUOTE = 20  # a quoted stretch this short is a name or slogan, not speech
_CONTEXT = 12  # characters read before a figure for its change verb
_SUBJECT_MAX = 16


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
) -> list[ClaimCandidate]:
    """Claims in `text` (the article's view), sentence by sentence."""
    protected = [b for b in brackets if _protects(text, b)]
    claims: list[ClaimCandidate] = []
    for start, end in sentences:
        sentence_dates = [d for d in dates if start <= d.start < end]
        found: list[ClaimCandidate] = []
        for quantity in find_quantities(text, start, end):
            candidate = _claim_from_quantity(text, quantity, start, protected, sentence_dates)
            if candidate is not None:
                found.append(candidate)
        found.extend(_ranks(text, start, end, protected, found))
        found.sort(key=lambda c: c.start)
        claims.extend(_attach_context(text, start, found, sentence_dates))
    return claims


def _protects(text: str, bracket: Bracketed) -> bool:
    if bracket.mark in "《〈":
        return True
    return bracket.end - bracket.start - 2 <= _SHORT_QUOTE


def _inside(start: int, end: int, spans: Sequence[Bracketed]) -> bool:
    return any(b.start < end and start < b.end for b in spans)


def _claim_from_quantity(
    text: str,
    quantity: QuantityMatch,
    sentence_start: int,
    protected: Sequence[Bracketed],
    dates: Sequence[DateMatch],
) -> ClaimCandidate | None:
    words = _context_words()
    before = text[max(sentence_start, quantity.start - 1) : quantity.start]
    after = text[quantity.end : quantity.end + 6]
    if _inside(quantity.start, quantity.end, protected):
        return None
    if _LATIN.match(after) or (before and _LATIN.match(before)) or before == "第":
        return None
    if any(d.start <= quantity.numeral_start < d.end for d in dates):
        return None
    if after.startswith(words["name_followers"]):
        return None
    try:
        resolved = resolve_quantity(quantity)
    except QuantityError:
        return None
    rule = "claim.quantity"
    if resolved.unit is None and quantity.fraction is None:
        resolved = _implied_money(text, quantity, sentence_start, resolved)
        if resolved is None:
            return None
        rule = "claim.money_verb"
    if quantity.numeral in _CN_ONE and resolved.kind is not ClaimKind.RATIO:
        return None  # 一 as an article or in idioms: 一张身份证, 一件件
    if quantity.numeral in _BARE_MULTIPLIERS:
        return None  # 千家万户, 百花齐放: a multiplier alone is an idiom
    if resolved.unit == "年" and _is_year_or_period(text, quantity, sentence_start):
        return None
    if resolved.unit == "成" and not _is_ratio_cheng(quantity):
        return None
    return ClaimCandidate(
        start=quantity.start,
        end=quantity.end,
        value=resolved.value,
        value_max=resolved.value_max,
        unit=resolved.unit,
        kind=resolved.kind,
        qualifier=resolved.qualifier,
        change=None,
        subject=None,
        time=None,
        rule=rule,
    )


def _implied_money(text: str, quantity: QuantityMatch, sentence_start: int, resolved: Quantity) -> Quantity | None:
    """`投入5000多万` -> 元: a bare 万/亿 figure governed by a money verb."""
    if not regex.search(r"[万亿]$", quantity.numeral):
        return None
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
    if clause.endswith(_context_words()["period_markers"]):
        return True
    # 5年来 frames the narration; 实施10多年来 measures how long something ran.
    return following.startswith("来") and clause.strip() == ""


def _is_ratio_cheng(quantity: QuantityMatch) -> bool:
    try:
        return parse_numeral(quantity.numeral) <= 10
    except NumeralError:
        return False


def _clause_before(text: str, position: int, sentence_start: int) -> str:
    clause_start = sentence_start
    for match in _CLAUSE_BREAK.finditer(text, sentence_start, position):
        clause_start = match.end()
    return text[clause_start:position]


def _ranks(
    text: str, start: int, end: int, protected: Sequence[Bracketed], found: Sequence[ClaimCandidate]
) -> list[ClaimCandidate]:
    words = _context_words()
    ranks: list[ClaimCandidate] = []
    taken = [(c.start, c.end) for c in found]
    for match in _RANK.finditer(text, start, end):
        after = text[match.end() : match.end() + 4]
        if not match.group("unit") and after.startswith(_ordinal_not_rank()):
            continue
        if _inside(match.start(), match.end(), protected) or any(s < match.end() and match.start() < e for s, e in taken):
            continue
        clause = _clause_before(text, match.start(), start)
        continues_list = bool(ranks) and _LIST_JOINER.match(text[ranks[-1].end : match.start()])
        cued = any(cue in clause[-8:] for cue in words["rank_cues"]) or clause.endswith(("全国", "全省", "全区", "全市"))
        followed_by_name = bool(regex.match(r"[\u4e00-\u9fff]", after)) and not after.startswith(("的", "名", "位", "、", "和"))
        if not (cued or continues_list or match.group("unit")) or (followed_by_name and not match.group("unit")):
            continue
        try:
            value = parse_numeral(match.group("n"))
        except NumeralError:
            continue
        ranks.append(_rank(match.start(), match.end(), value, match.group("unit"), Qualifier.EXACT))
    for match in _TOP_N.finditer(text, start, end):
        if _inside(match.start(), match.end(), protected):
            continue
        try:
            value = parse_numeral(match.group("n"))
        except NumeralError:
            continue
        ranks.append(_rank(match.start(), match.end(), value, match.group("unit"), Qualifier.AT_MOST))
    return [r for r in ranks if not any(s < r.end and r.start < e for s, e in taken)]


def _rank(start: int, end: int, value: float, unit: str | None, qualifier: Qualifier) -> ClaimCandidate:
    return ClaimCandidate(
        start=start, end=end, value=value, value_max=None, unit=unit, kind=ClaimKind.RANK,
        qualifier=qualifier, change=None, subject=None, time=None, rule="claim.rank",
    )


def _attach_context(
    text: str, sentence_start: int, claims: list[ClaimCandidate], dates: Sequence[DateMatch]
) -> list[ClaimCandidate]:
    attached: list[ClaimCandidate] = []
    previous: ClaimCandidate | None = None
    for claim in claims:
        in_list = previous is not None and bool(_LIST_JOINER.match(text[previous.end : claim.start]))
        change = previous.change if in_list and previous else _change(text, claim, sentence_start)
        subject = _subject(text, claim, sentence_start)
        if subject is None and previous is not None and not in_list:
            subject = previous.subject if _same_clause_chain(text, previous, claim) else None
        if subject is None and in_list and previous is not None:
            subject = previous.subject
        claim = replace(claim, change=change, subject=subject, time=_time(text, claim, dates))
        attached.append(claim)
        previous = claim
    return attached


def _same_clause_chain(text: str, previous: ClaimCandidate, claim: ClaimCandidate) -> bool:
    between = text[previous.end : claim.start]
    return len(between) <= _CONTEXT and not regex.search(r"[。；;]", between)


def _change(text: str, claim: ClaimCandidate, sentence_start: int) -> Change | None:
    if claim.kind is ClaimKind.RANK:
        return None
    words = _context_words()
    before = _clause_before(text, claim.start, sentence_start)[-_CONTEXT:]
    stripped = before
    changed = True
    while changed:
        changed = False
        for filler in words["change_fillers"]:
            if stripped.endswith(filler) and len(filler) < len(stripped) + 1:
                stripped = stripped[: -len(filler)]
                changed = True
    for marker in words["level_markers"]:
        if before.endswith(marker) and not stripped.endswith(words["change_up"] + words["change_down"]):
            return None
    if stripped.endswith(words["change_up"]):
        return Change.UP
    if stripped.endswith(words["change_down"]):
        return Change.DOWN
    clause = _clause_before(text, claim.start, sentence_start)
    if clause.startswith(("新增", "净增")) or "新增" in clause[-_CONTEXT:]:
        return Change.UP
    return None


def _subject(text: str, claim: ClaimCandidate, sentence_start: int) -> str | None:
    if claim.kind is ClaimKind.RANK:
        return None
    following = regex.match(r"的([\u4e00-\u9fff()（）]{1,8}?)(?=[，,、；;。和与及\s]|$)", text[claim.end : claim.end + 12])
    if following:
        return following.group(1)
    clause = _clause_before(text, claim.start, sentence_start)
    cut_words = _context_words()["subject_cut"]
    subject = clause
    for _ in range(4):
        best = -1
        best_word = ""
        for word in cut_words:
            index = subject.rfind(word)
            if index >= 0 and index + len(word) > best + len(best_word):
                best, best_word = index, word
        if best < 0:
            break
        remainder = subject[best + len(best_word) :]
        if remainder.strip():
            subject = remainder
            break
        subject = subject[:best]
    subject = subject.strip(" 、的")
    if not subject or len(subject) > _SUBJECT_MAX or regex.search(r"\d", subject):
        return None
    return subject


def _time(text: str, claim: ClaimCandidate, dates: Sequence[DateMatch]) -> str | None:
    before = [d for d in dates if d.end <= claim.start]
    if not before:
        return None
    date = before[-1]
    lead = text[max(0, date.start - 2) : date.start]
    prefix = "截至" if lead.endswith("截至") else "截止" if lead.endswith("截止") else ""
    tail = text[date.end : date.end + 1]
    return prefix + date.text + (tail if tail in "起" and tail else "")
