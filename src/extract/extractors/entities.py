"""Entities: LOCATION, ORGANIZATION, PERSON and DATE (guidelines §2).

Places come from the project gazetteer (resolve.gazetteer) matched on jieba
tokens, and from chains (a named 社区/村/街道 right after a known place).
Organizations come from suffix rules (data/organizations.yaml) anchored on a
place, a level word or a department stem. People come from surnames with
context (titles, honorifics, roles). Dates come from extractors.dates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

import regex

from extract.data import load_lines, load_yaml
from extract.extractors.brackets import Bracketed
from extract.extractors.dates import DateMatch
from extract.records.models import EntityType
from extract.extractors.clause import Tokens, word_frequency, word_tag
from extract.resolve.gazetteer import Gazetteer, Place

_MAX_TOKENS_PER_PLACE = 3
_ROAD_AFTER = regex.compile(r"[东西南北中]?(?:路|街|大道|大街|巷|胡同|道(?!办)|桥|机场|火车站|站|口岸|大学|日报|晚报)")
_NAMED_ORG_MAX = 12  # longest name written before an organization suffix
_COMMON_WORD = 200  # jieba frequency above which a name is also an everyday word
_RARE_WORD = 100  # a county's short form must be rarer than this to stand alone (新建, 富民 are not)
_CHAIN_SUFFIX = regex.compile(r"\p{Han}{1,6}?(?:社区|村|街道|乡|镇|嘎查|苑|小区|花园|家园|新村)(?!\p{Han}{0,2}(?:办事处|委员会|党委|居委会|村委会|服务站))")
_HAN = regex.compile(r"\p{Han}")
_NAME_BOUNDARY = regex.compile(r"[^\p{Han}]")
_GENERIC_AREAS = frozenset("全国 全省 全区 全市 全县 我国 我区 我省 我市 各地 自治区 本市 本省 本区".split())


@dataclass(frozen=True, slots=True)
class EntityCandidate:
    start: int  # view offsets
    end: int
    type: EntityType
    rule: str
    name: str | None = None
    code: str | None = None
    level: str | None = None
    iso: str | None = None


@cache
def _org_data() -> dict:
    data = load_yaml("organizations.yaml")
    return {key: tuple(sorted(set(value), key=len, reverse=True)) for key, value in data.items()}


@cache
def _person_data() -> dict:
    data = load_yaml("persons.yaml")
    return {key: tuple(sorted(set(value), key=len, reverse=True)) for key, value in data.items()}


@cache
def _countries() -> dict[str, str]:
    return dict(load_yaml("countries.yaml"))


@cache
def _surnames() -> tuple[frozenset[str], frozenset[str]]:
    names = [name for line in load_lines("surnames.txt") for name in line.split()]
    return frozenset(n for n in names if len(n) == 1), frozenset(n for n in names if len(n) == 2)


@cache
def _geography() -> dict[str, str]:
    data = load_yaml("geography.yaml")
    names = {name: name for key, names in data.items() if key != "zone_suffixes" for name in names}
    names.update(_countries())
    return names


@cache
def _geography_pattern() -> regex.Pattern:
    return regex.compile(_alternation(sorted(_geography(), key=len, reverse=True)))


@cache
def _major_place_pattern() -> regex.Pattern:
    """Province and prefecture-city names and short forms, matched anywhere (舟山 in 宁波舟山港)."""
    names = {surface for surface, _ in Gazetteer.load().surfaces(levels=("province", "city")) if len(surface) >= 2}
    return regex.compile(_alternation(sorted(names, key=len, reverse=True)))


@cache
def _zone_pattern() -> regex.Pattern:
    suffixes = _alternation(sorted(load_yaml("geography.yaml")["zone_suffixes"], key=len, reverse=True))
    return regex.compile(rf"[\p{{Han}}\-]{{0,12}}?(?:{suffixes})")


def _alternation(words: Sequence[str]) -> str:
    return "|".join(regex.escape(w) for w in words)


_TERM = r"(?:第?[一二三四五六七八九十]{1,3}届)?"  # 第十届, 十四届: a body's term number stays in its name


@cache
def _national_pattern() -> regex.Pattern:
    data = _org_data()
    names = sorted(set(data["national_bodies"] + data["enterprises"] + data["international"] + data["abbreviations"]),
                   key=len, reverse=True)
    return regex.compile(rf"{_TERM}(?:{_alternation(names)})")


@cache
def _level_body_pattern() -> regex.Pattern:
    data = _org_data()
    levels = _alternation(data["level_prefixes"])
    stems = _alternation(data["department_stems"])
    dept = _alternation(data["department_suffixes"])
    bodies = _alternation(data["place_body_suffixes"])
    return regex.compile(
        rf"(?<![\p{{Han}}])(?:{levels}){_TERM}(?:(?:{stems})(?:{dept})|(?:{bodies}))"
        rf"|(?<![区市县乡镇省州])(?:自治区|省|市|县|州){_TERM}(?:(?:{stems})(?:{dept})|(?:{bodies}))"
    )


@cache
def _after_place_body_pattern() -> regex.Pattern:
    data = _org_data()
    stems = _alternation(data["department_stems"])
    dept = _alternation(data["department_suffixes"])
    bodies = _alternation(data["place_body_suffixes"])
    return regex.compile(rf"{_TERM}(?:(?:{stems})(?:{dept})|(?:{bodies}))")


@cache
def _stem_body_pattern() -> regex.Pattern:
    data = _org_data()
    stems = _alternation(data["department_stems"])
    return regex.compile(rf"(?<![\p{{Han}}])(?:{stems})(?:厅|局|委员会|委|办公室|署)(?![\p{{Han}}]{{0,1}}(?:长|员|门))")


@cache
def _named_suffix_pattern() -> regex.Pattern:
    return regex.compile(_alternation(_org_data()["named_suffixes"]))


def extract_entities(
    text: str,
    tokens: Sequence[tuple[int, int]],
    brackets: Sequence[Bracketed],
    dates: Sequence[DateMatch],
    gazetteer: Gazetteer,
) -> list[EntityCandidate]:
    titles = [b for b in brackets if b.mark in "《〈" and b.depth == 0]
    places = _places(text, tokens, gazetteer)
    organizations = _organizations(text, tokens, places)
    places = _chained_places(text, tokens, places, organizations)
    people = _people(text, tokens)
    date_entities = [
        EntityCandidate(d.start, d.end, EntityType.DATE, d.rule, iso=d.iso) for d in dates
    ]
    ordered = organizations + people + places + date_entities
    chosen: list[EntityCandidate] = []
    for entity in ordered:
        if any(t.start <= entity.start and entity.end <= t.end for t in titles):
            continue
        if any(c.start < entity.end and entity.start < c.end for c in chosen):
            continue
        chosen.append(entity)
    chosen.sort(key=lambda e: (e.start, e.end))
    return chosen


# ---------------------------------------------------------------- places


def _places(text: str, tokens: Sequence[tuple[int, int]], gazetteer: Gazetteer) -> list[EntityCandidate]:
    token_index = Tokens(text, tokens)
    found: list[tuple[int, int, tuple[Place, ...] | str, str]] = []
    for match in _major_place_pattern().finditer(text):
        if not token_index.starts_inside_word(match.start()) and not _inside_real_word(token_index, match.start(), match.end()):
            found.append((match.start(), match.end(), gazetteer.lookup(match.group()), "location.gazetteer"))
    for match in _geography_pattern().finditer(text):
        surface = match.group()
        rule = "location.country" if surface in _countries() else "location.geography"
        found.append((match.start(), match.end(), _geography()[surface], rule))
    found.extend(_token_places(text, tokens, gazetteer))
    found = _leftmost_longest_spans(found)
    found = [f for f in found if not _ROAD_AFTER.match(text, f[1])]
    context = [
        c[0].region_code for _, _, c, _ in found
        if isinstance(c, tuple) and len(c) == 1 and c[0].region_code and c[0].level in ("province", "city", "county")
    ]
    places: list[EntityCandidate] = []
    previous_end = -1
    for start, end, candidates, rule in found:
        surface = text[start:end]
        if isinstance(candidates, str):
            places.append(EntityCandidate(start, end, EntityType.LOCATION, rule, name=candidates))
            previous_end = end
            continue
        chained = start == previous_end or text[previous_end:start] == "的"
        place = gazetteer.best(surface, context)
        if place is None:
            if not chained:
                continue
            place = candidates[0]
        if not chained and not _plausible_unchained(surface, place, context):
            continue
        places.append(
            EntityCandidate(start, end, EntityType.LOCATION, rule, name=place.name, code=place.code, level=place.level)
        )
        previous_end = end
        if place.region_code:
            context.append(place.region_code)
    return _zones(text, places)


def _token_places(text: str, tokens: Sequence[tuple[int, int]], gazetteer: Gazetteer):
    """County-and-below names, looked up on runs of up to three whole tokens."""
    index = 0
    while index < len(tokens):
        match = None
        for width in range(min(_MAX_TOKENS_PER_PLACE, len(tokens) - index), 0, -1):
            start, end = tokens[index][0], tokens[index + width - 1][1]
            surface = text[start:end]
            if surface in _GENERIC_AREAS or not _HAN.match(surface) or len(surface) < 2:
                continue
            candidates = gazetteer.lookup(surface)
            if candidates and candidates[0].level not in ("province", "city"):
                match = (start, end, candidates, "location.gazetteer")
                break
        if match is None:
            index += 1
            continue
        yield match
        index += width


def _leftmost_longest_spans(found):
    chosen = []
    for item in sorted(found, key=lambda f: (f[0], -(f[1] - f[0]))):
        if chosen and item[0] < chosen[-1][1]:
            continue
        chosen.append(item)
    return chosen


def _inside_real_word(tokens: Tokens, start: int, end: int) -> bool:
    """宁夏 is a place, 大同小异 is not: a match inside one longer dictionary word is refused."""
    return tokens.covering_word_frequency(start, end) >= _COMMON_WORD


def _plausible_unchained(surface: str, place: Place, context: Sequence[str]) -> bool:
    """Without a chain, refuse short forms and small places whose names are everyday words."""
    if surface == place.name and place.level in ("province", "city", "county"):
        return True
    frequency, tag = word_frequency(surface), word_tag(surface)
    if place.level in ("province", "city"):
        # 宁夏, 深圳 are places first; 大同 (d), 白银 (nr) are words first.
        return tag in ("ns", None) or frequency < _COMMON_WORD
    if place.level == "county":
        return tag in ("ns", None) and frequency < _RARE_WORD
    stem = _strip_place_suffix(surface)
    return (_in_region(place, context) and len(stem) >= 2
            and word_frequency(stem) < _COMMON_WORD and frequency < _COMMON_WORD)


def _strip_place_suffix(name: str) -> str:
    for suffix in ("社区", "街道", "村", "乡", "镇", "嘎查"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _zones(text: str, places: list[EntityCandidate]) -> list[EntityCandidate]:
    """A zone named by a place is one LOCATION: 衢州综保区, 哈大齐国家自主创新示范区."""
    zone = _zone_pattern()
    result: list[EntityCandidate] = []
    skip_until = -1
    for place in places:
        if place.start < skip_until:
            continue
        match = zone.match(text, place.start)
        if match and match.end() > place.end:
            result.append(EntityCandidate(place.start, match.end(), EntityType.LOCATION, "location.zone",
                                          name=match.group()))
            skip_until = match.end()
            continue
        result.append(place)
    return result


def _in_region(place: Place, context: Sequence[str]) -> bool:
    """A township or village counts only inside a city the article already names."""
    return bool(place.city_code) and any(code[:4] == place.city_code[:4] for code in context)


def _chained_places(
    text: str, tokens: Sequence[tuple[int, int]], places: list[EntityCandidate], organizations: list[EntityCandidate]
) -> list[EntityCandidate]:
    """A named 社区/村/街道/小区 written right after a place or a 街道办事处 is a place too."""
    anchors = sorted(places + [o for o in organizations if text[o.start : o.end].endswith("办事处")], key=lambda e: e.start)
    token_ends = {end for _, end in tokens}
    added: list[EntityCandidate] = []
    for anchor in anchors:
        match = _CHAIN_SUFFIX.match(text, anchor.end)
        if not match or match.end() not in token_ends and not text.startswith(("社区", "村"), match.end() - 2):
            continue
        if any(p.start < match.end() and anchor.end < p.end for p in places + organizations + added):
            continue
        added.append(EntityCandidate(anchor.end, match.end(), EntityType.LOCATION, "location.chain",
                                     name=match.group(), level=_chain_level(match.group())))
    return places + added


def _chain_level(name: str) -> str:
    if name.endswith(("乡", "镇", "街道")):
        return "township"
    if name.endswith(("社区", "村", "嘎查")):
        return "village"
    return "estate"


# ---------------------------------------------------------------- organizations


def _organizations(text: str, tokens: Sequence[tuple[int, int]], places: list[EntityCandidate]) -> list[EntityCandidate]:
    orgs: list[EntityCandidate] = []
    for match in _national_pattern().finditer(text):
        orgs.append(EntityCandidate(match.start(), match.end(), EntityType.ORGANIZATION, "org.national_body"))
    after_place = _after_place_body_pattern()
    for place in places:
        if place.level not in ("province", "city", "county", "township", None) and place.rule != "location.country":
            continue
        match = after_place.match(text, place.end)
        if match:
            orgs.append(EntityCandidate(place.start, match.end(), EntityType.ORGANIZATION, "org.place_body"))
    for match in _level_body_pattern().finditer(text):
        orgs.append(EntityCandidate(match.start(), match.end(), EntityType.ORGANIZATION, "org.level_body"))
    for match in _stem_body_pattern().finditer(text):
        orgs.append(EntityCandidate(match.start(), match.end(), EntityType.ORGANIZATION, "org.department"))
    orgs.extend(_named_organizations(text, tokens, places, orgs))
    orgs = _merge_sub_units(text, _longest_first(orgs))
    return orgs


def _named_organizations(
    text: str, tokens: Sequence[tuple[int, int]], places: list[EntityCandidate], orgs: list[EntityCandidate]
) -> list[EntityCandidate]:
    """Name + suffix (海澜集团, 朔方社区新时代文明实践站, 北京西路街道办事处)."""
    boundaries = _org_data()["boundary_words"]
    anchors = {p.end for p in places} | {o.end for o in orgs}
    token_starts = sorted(start for start, _ in tokens)
    found: list[EntityCandidate] = []
    place_starts = {p.end: p.start for p in places}
    for match in _named_suffix_pattern().finditer(text):
        start = match.start()
        # Walk left over whole tokens until a place, punctuation or a function word.
        for token_start in reversed([s for s in token_starts if s < match.start()][-5:]):
            piece = text[token_start:start]
            if start in anchors or _NAME_BOUNDARY.search(piece) or piece in boundaries or piece[:1] in boundaries:
                break
            if match.start() - token_start > _NAMED_ORG_MAX:
                break
            start = token_start
        if start == match.start():
            if start not in place_starts:
                continue
            start = place_starts[start]  # 洛阳调查队: a place and a suffix, nothing between
        elif match.start() - start < 2:
            continue
        found.append(EntityCandidate(start, match.end(), EntityType.ORGANIZATION, "org.named_suffix"))
    return found


def _longest_first(entities: list[EntityCandidate]) -> list[EntityCandidate]:
    chosen: list[EntityCandidate] = []
    for entity in sorted(entities, key=lambda e: (-(e.end - e.start), e.start)):
        if not any(c.start < entity.end and entity.start < c.end for c in chosen):
            chosen.append(entity)
    return sorted(chosen, key=lambda e: e.start)


def _merge_sub_units(text: str, orgs: list[EntityCandidate]) -> list[EntityCandidate]:
    """A body written right after another is its sub-unit: 国家统计局洛阳调查队 stays whole."""
    merged: list[EntityCandidate] = []
    for org in orgs:
        if merged and merged[-1].end == org.start and org.rule == "org.named_suffix":
            merged[-1] = replace(merged[-1], end=org.end)
            continue
        merged.append(org)
    return merged


# ---------------------------------------------------------------- people


@cache
def _person_pattern() -> regex.Pattern:
    data = _person_data()
    single, double = _surnames()
    surname = _alternation(sorted(double) + sorted(single))
    honorifics = _alternation(data["honorifics"])
    before = _alternation(data["titles_before"])
    after = _alternation(data["titles_after"] + data["verbs_after"])
    figures = _alternation(data["public_figures"])
    return regex.compile(
        rf"(?P<figure>{figures})"
        rf"|(?P<honorific>(?:{surname})(?:{honorifics}))(?![\p{{Han}}]{{0,1}}(?:们))"
        rf"|(?<=(?:{before})\s?)(?P<after_title>(?:{surname})\p{{Han}}{{1,2}}?)(?=[、，,。；;\s（(）)]|(?:{after})|等|$)"
        rf"|(?P<before_title>(?:{surname})\p{{Han}}{{1,2}}?)(?=(?:{after}))"
    )


def _people(text: str, tokens: Sequence[tuple[int, int]]) -> list[EntityCandidate]:
    stop = frozenset(_person_data()["not_given_name"])
    people: list[EntityCandidate] = []
    token_index = Tokens(text, tokens)
    for match in _person_pattern().finditer(text):
        kind = match.lastgroup
        name = match.group(kind)
        if kind in ("after_title", "before_title"):
            if any(ch in stop for ch in name[1:]) or word_frequency(name) >= _COMMON_WORD:
                continue
            if not token_index.is_boundary(match.start(kind)):
                continue  # 我区实现: 区 starts no word here
        people.append(EntityCandidate(match.start(kind), match.end(kind), EntityType.PERSON, f"person.{kind}"))
    return people
