"""Gazetteer of Chinese administrative divisions: lookup and disambiguation.

Five levels (province, city, county, township, village) from the project's own
data file ``extract/data/gazetteer/gazetteer.tsv.gz``, built by
``scripts/build_gazetteer.py`` (sources and licences in ATTRIBUTION.md there)::

    gazetteer = Gazetteer.load()
    gazetteer.lookup("宁夏")        # (Place(name="宁夏回族自治区", code="640000", ...),)
    gazetteer.resolve_chain(["石嘴山市", "大武口区", "朝阳街道"])
    gazetteer.best("朝阳", ["110000"])   # 北京市朝阳区

A surface is a full official name at any level, or a short alias of a province
(宁夏), a prefecture city (银川) or a county whose short form is safe (利通).
Townships and villages are found only by their full names.
"""

from __future__ import annotations

import gc
import gzip
import io
import threading
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Literal

from extract.data import data_path
from extract.errors import ExtractError

Level = Literal["province", "city", "county", "township", "village"]
LEVELS: tuple[Level, ...] = ("province", "city", "county", "township", "village")

DATA_FILE = "gazetteer/gazetteer.tsv.gz"
SUFFIX_FILE = "gazetteer/suffixes.tsv"
FORMAT_HEADER = "# extract gazetteer format 1:"

# Record tags of the data file, by level rank (index into LEVELS).
_RECORD_RANKS = {"P": 0, "C": 1, "D": 2, "T": 3}
_VILLAGES_TAG = "V"
_PROVINCE_RANK = LEVELS.index("province")
_CITY_RANK = LEVELS.index("city")
_COUNTY_RANK = LEVELS.index("county")
_VILLAGE_RANK = LEVELS.index("village")
_NO_PARENT = -1
_FIELD_SEPARATOR = "\t"
_LIST_SEPARATOR = "|"
_COMMENT = "#"

# GB/T 2260 codes are three two-digit segments: province, city, county; "00"
# closes the code early (640000 is a province, 640200 a city).
_CODE_SEGMENT = 2
_CODE_LENGTH = 6
_EMPTY_SEGMENT = "00"


def packaged_data_file() -> Traversable:
    """The data file shipped with the package (the default of ``Gazetteer.load``)."""
    return data_path(DATA_FILE)


class GazetteerError(ExtractError):
    """The gazetteer data file is missing or not in the expected format."""

    stage = "resolve"


@dataclass(frozen=True, slots=True)
class Place:
    """One administrative division.

    ``code`` is the 6-digit GB/T 2260 code of provinces, cities and counties
    (None below, and for divisions the standard does not code, e.g. Hong Kong
    districts).  ``province_code``, ``city_code`` and ``county_code`` are the
    codes of the place's own province/city/county, the place itself included:
    a county has ``county_code == code``.  ``parent`` is the parent's ``key``
    (see ``Gazetteer.place``), None for provinces.
    """

    key: int
    name: str
    level: Level
    code: str | None
    parent: int | None
    province_code: str | None
    city_code: str | None
    county_code: str | None
    longitude: float | None = None
    latitude: float | None = None

    @property
    def region_code(self) -> str | None:
        """The most specific code that locates the place: its own or its nearest coded ancestor's."""
        return self.code or self.county_code or self.city_code or self.province_code


@dataclass(frozen=True, slots=True)
class _CoordinatedCode:
    code: str
    longitude: float | None
    latitude: float | None


@dataclass(slots=True)
class _Records:
    """The data file as parallel columns indexed by key (position in the file)."""

    names: list[str]
    ranks: bytearray  # index into LEVELS
    parents: array  # parent key, _NO_PARENT for provinces
    codes: dict[int, _CoordinatedCode]
    aliases: dict[str, list[int]]


class Gazetteer:
    """Places by key, with an index from surface (full name or alias) to keys.

    Get one with ``Gazetteer.load()``; ``Place`` objects are created on
    demand, so loading only reads names, levels and parent links.
    """

    _cache: dict[str, Gazetteer] = {}
    _cache_lock = threading.Lock()

    def __init__(self, records: _Records) -> None:
        self._names = records.names
        self._ranks = records.ranks
        self._parents = records.parents
        self._codes = records.codes
        self._index = _build_index(records.names, records.ranks, records.aliases)
        self._key_by_code = {coded.code: key for key, coded in records.codes.items()}
        self._places: dict[int, Place] = {}

    # ------------------------------------------------------------ loading

    @classmethod
    def load(cls, path: str | Path | None = None) -> Gazetteer:
        """The gazetteer in ``path`` (default: the packaged data file), read once per path."""
        cache_key = str(path) if path is not None else DATA_FILE
        with cls._cache_lock:
            cached = cls._cache.get(cache_key)
            if cached is None:
                cached = cls._cache[cache_key] = cls.read(path)
            return cached

    @classmethod
    def read(cls, path: str | Path | None = None) -> Gazetteer:
        """Read the data file afresh, bypassing the cache (``load`` is what callers want)."""
        source = str(path) if path is not None else f"extract/data/{DATA_FILE}"
        try:
            if path is None:
                with packaged_data_file().open("rb") as raw:
                    payload = raw.read()
            else:
                payload = Path(path).read_bytes()
        except FileNotFoundError as missing:
            raise GazetteerError(source, "gazetteer data file not found",
                                 "run scripts/build_gazetteer.py") from missing
        try:
            text = gzip.decompress(payload).decode("utf-8")
        except (gzip.BadGzipFile, EOFError, UnicodeDecodeError) as unreadable:
            raise GazetteerError(source, f"not a gzip-compressed UTF-8 file: {unreadable}",
                                 "rebuild it with scripts/build_gazetteer.py") from unreadable
        # The load allocates hundreds of thousands of objects, none in cycles;
        # pausing the cyclic collector saves it rescanning them (~15% of the load).
        collector_was_enabled = gc.isenabled()
        gc.disable()
        try:
            return cls(_parse_records(text, source))
        finally:
            if collector_was_enabled:
                gc.enable()

    # ------------------------------------------------------------ places

    def __len__(self) -> int:
        return len(self._names)

    def place(self, key: int) -> Place:
        """The place with this key (keys are positions in the data file, stable per build)."""
        place = self._places.get(key)
        if place is None:
            place = self._places[key] = self._make_place(key)
        return place

    def by_code(self, code: str) -> Place | None:
        """The province, city or county with this 6-digit code (longer codes are cut to 6)."""
        key = self._key_by_code.get(code[:_CODE_LENGTH])
        return None if key is None else self.place(key)

    def parent_of(self, place: Place) -> Place | None:
        return None if place.parent is None else self.place(place.parent)

    def ancestors(self, place: Place) -> tuple[Place, ...]:
        """Parent first, province last."""
        chain = []
        key = self._parents[place.key]
        while key != _NO_PARENT:
            chain.append(self.place(key))
            key = self._parents[key]
        return tuple(chain)

    def count_by_level(self) -> dict[Level, int]:
        return {level: self._ranks.count(rank) for rank, level in enumerate(LEVELS)}

    def _make_place(self, key: int) -> Place:
        if not 0 <= key < len(self._names):
            raise KeyError(key)
        codes_by_rank: dict[int, str] = {}
        ancestor = key
        while ancestor != _NO_PARENT:
            coded = self._codes.get(ancestor)
            if coded is not None:
                codes_by_rank.setdefault(self._ranks[ancestor], coded.code)
            ancestor = self._parents[ancestor]
        own = self._codes.get(key)
        parent = self._parents[key]
        return Place(
            key=key,
            name=self._names[key],
            level=LEVELS[self._ranks[key]],
            code=own.code if own else None,
            parent=None if parent == _NO_PARENT else parent,
            province_code=codes_by_rank.get(_PROVINCE_RANK),
            city_code=codes_by_rank.get(_CITY_RANK),
            county_code=codes_by_rank.get(_COUNTY_RANK),
            longitude=own.longitude if own else None,
            latitude=own.latitude if own else None,
        )

    # ------------------------------------------------------------ surfaces

    def lookup(self, surface: str) -> tuple[Place, ...]:
        """Every place whose full name or safe alias is ``surface``, highest level first."""
        keys = self._index.get(surface.strip())
        if keys is None:
            return ()
        if isinstance(keys, int):
            return (self.place(keys),)
        return tuple(self.place(key) for key in keys)

    def is_place(self, surface: str) -> bool:
        return surface.strip() in self._index

    def surfaces(self, levels: Iterable[Level] = LEVELS) -> Iterator[tuple[str, Level]]:
        """Each surface once per level it names, for building a matcher (342,000 pairs in all).

        ``levels`` limits the pairs to those levels, e.g. ``("province", "city", "county")``.
        """
        wanted = {LEVELS.index(level) for level in levels}
        for surface, keys in self._index.items():
            if isinstance(keys, int):
                if self._ranks[keys] in wanted:
                    yield surface, LEVELS[self._ranks[keys]]
                continue
            seen: set[int] = set()
            for key in keys:
                rank = self._ranks[key]
                if rank in wanted and rank not in seen:
                    seen.add(rank)
                    yield surface, LEVELS[rank]

    # ------------------------------------------------------------ disambiguation

    def best(self, surface: str, context_codes: Iterable[str] = ()) -> Place | None:
        """The place ``surface`` most likely means, given codes already resolved in the article.

        Candidates are ranked by how many code segments (province, city,
        county) their region code shares with any context code.  Remaining
        ties go to the single highest-level candidate if it is a county or
        above (吉林 -> 吉林省); a tie among townships or villages gives None.
        """
        return _pick(self.lookup(surface), _normalize_codes(context_codes))

    def resolve_chain(self, surfaces: Sequence[str]) -> list[Place | None]:
        """Resolve names written in order from large to small (石嘴山市, 大武口区, 朝阳街道).

        Picks, for each element, the candidate on a reading where as many
        neighbouring pairs as possible are ancestor and descendant; elements
        still ambiguous are settled by ``best`` with the codes of the others,
        or left None.  Unknown surfaces give None and are skipped over.
        """
        candidates = [self.lookup(surface) for surface in surfaces]
        present = [i for i, found in enumerate(candidates) if found]
        on_best_reading = self._best_readings([candidates[i] for i in present])

        resolved: list[Place | None] = [None] * len(surfaces)
        for position, choices in zip(present, on_best_reading):
            if len(choices) == 1:
                resolved[position] = choices[0]
        context = _normalize_codes(
            place.region_code for place in resolved if place is not None and place.region_code
        )
        for position, choices in zip(present, on_best_reading):
            if resolved[position] is None:
                resolved[position] = _pick(choices, context)
        return resolved

    def _best_readings(self, columns: list[tuple[Place, ...]]) -> list[tuple[Place, ...]]:
        """For each column, the candidates that lie on some reading with the most links.

        A reading picks one candidate per column; a link is a neighbouring
        pair where the later candidate is the earlier one or its descendant.
        Forward and backward passes give, per candidate, the best number of
        links before and after it; candidates whose sum is the maximum lie on
        a best reading.
        """
        if not columns:
            return []
        lineage = [
            {place.key: self._lineage(place.key) for place in column} for column in columns
        ]
        forward: list[dict[int, int]] = [{place.key: 0 for place in columns[0]}]
        for i in range(1, len(columns)):
            previous = forward[-1]
            floor = max(previous.values())
            forward.append({
                key: max([floor] + [previous[a] + 1 for a in lineage[i][key] if a in previous])
                for key in lineage[i]
            })
        backward: list[dict[int, int]] = [{place.key: 0 for place in columns[-1]}]
        for i in range(len(columns) - 2, -1, -1):
            following = backward[0]
            scores = dict.fromkeys(lineage[i], max(following.values()))
            for key, score in following.items():
                for ancestor in lineage[i + 1][key]:
                    if ancestor in scores and score + 1 > scores[ancestor]:
                        scores[ancestor] = score + 1
            backward.insert(0, scores)
        best_total = max(f + backward[0][key] for key, f in forward[0].items())
        return [
            tuple(place for place in column
                  if forward[i][place.key] + backward[i][place.key] == best_total)
            for i, column in enumerate(columns)
        ]

    def _lineage(self, key: int) -> tuple[int, ...]:
        """The key itself and its ancestors' keys."""
        keys = [key]
        parent = self._parents[key]
        while parent != _NO_PARENT:
            keys.append(parent)
            parent = self._parents[parent]
        return tuple(keys)


# ---------------------------------------------------------------- suffixes


@cache
def place_suffixes() -> Mapping[Level, tuple[str, ...]]:
    """Place-name suffixes by level, longest first (省 自治区 …, 县 自治县 旗 …, 村 社区 嘎查 …).

    Measured on the gazetteer by the build; a suffix is listed when at least
    one name of that level ends with it (see ``suffix_counts`` for how many).
    """
    by_level: dict[Level, list[str]] = {level: [] for level in LEVELS}
    for level, suffix, _count in _suffix_rows():
        by_level[level].append(suffix)
    return {level: tuple(suffixes) for level, suffixes in by_level.items()}


@cache
def suffix_counts() -> Mapping[tuple[Level, str], int]:
    """How many gazetteer names of a level end with a suffix, e.g. ("village", "村") -> 529285."""
    return {(level, suffix): count for level, suffix, count in _suffix_rows()}


def _suffix_rows() -> list[tuple[Level, str, int]]:
    with data_path(SUFFIX_FILE).open("r", encoding="utf-8") as handle:
        lines = [line.rstrip("\n") for line in handle if not line.startswith(_COMMENT)]
    header, *rows = lines
    if header.split(_FIELD_SEPARATOR) != ["level", "suffix", "count"]:
        raise GazetteerError(SUFFIX_FILE, f"unexpected header {header!r}", "rebuild the gazetteer")
    parsed = []
    for row in rows:
        level, suffix, count = row.split(_FIELD_SEPARATOR)
        if level not in LEVELS:
            raise GazetteerError(SUFFIX_FILE, f"unknown level {level!r}", "rebuild the gazetteer")
        parsed.append((level, suffix, int(count)))
    return parsed


# ---------------------------------------------------------------- parsing


def _parse_records(text: str, source: str) -> _Records:
    """Read the data file format written by scripts/build_gazetteer.py (see its header)."""
    if not text.startswith(FORMAT_HEADER):
        raise GazetteerError(source, "not a gazetteer data file of format 1", "rebuild the gazetteer")
    names: list[str] = []
    ranks = bytearray()
    parents = array("i")
    codes: dict[int, _CoordinatedCode] = {}
    aliases: dict[str, list[int]] = {}
    open_keys: list[int] = []  # the current record's ancestors, province first

    for line_number, line in enumerate(io.StringIO(text), 1):
        if line.startswith(_COMMENT) or line == "\n":
            continue
        tag, _, rest = line.rstrip("\n").partition(_FIELD_SEPARATOR)
        if tag == _VILLAGES_TAG:
            if not open_keys:
                raise GazetteerError(source, f"line {line_number}: villages before any place")
            villages = rest.split(_LIST_SEPARATOR)
            names.extend(villages)
            ranks.extend(bytes((_VILLAGE_RANK,)) * len(villages))
            parents.extend(array("i", (open_keys[-1],)) * len(villages))
            continue
        rank = _RECORD_RANKS.get(tag)
        if rank is None:
            raise GazetteerError(source, f"line {line_number}: unknown record tag {tag!r}")
        while open_keys and ranks[open_keys[-1]] >= rank:
            open_keys.pop()
        key = len(names)
        fields = rest.split(_FIELD_SEPARATOR)
        names.append(fields[0])
        ranks.append(rank)
        parents.append(open_keys[-1] if open_keys else _NO_PARENT)
        open_keys.append(key)
        if rank <= _COUNTY_RANK:
            if len(fields) != 5:
                raise GazetteerError(source, f"line {line_number}: expected 6 fields, got {len(fields) + 1}")
            _name, code, alias_field, longitude, latitude = fields
            if code:
                codes[key] = _CoordinatedCode(
                    code=code,
                    longitude=float(longitude) if longitude else None,
                    latitude=float(latitude) if latitude else None,
                )
            for alias in alias_field.split(_LIST_SEPARATOR) if alias_field else ():
                keys = aliases.setdefault(alias, [])
                if key not in keys:
                    keys.append(key)
    return _Records(names=names, ranks=ranks, parents=parents, codes=codes, aliases=aliases)


def _build_index(
    names: list[str], ranks: bytearray, aliases: dict[str, list[int]]
) -> dict[str, int | tuple[int, ...]]:
    """Surface -> key, or keys ordered by level (highest first), then by position in the file."""
    index: dict[str, int | tuple[int, ...]] = {}
    homonyms: dict[str, list[int]] = {}
    for key, name in enumerate(names):
        first = index.setdefault(name, key)
        if first != key:
            homonyms.setdefault(name, [first]).append(key)
    for alias, keys in aliases.items():
        existing = homonyms.get(alias) or ([index[alias]] if alias in index else [])
        homonyms[alias] = existing + [key for key in keys if key not in existing]
    for surface, keys in homonyms.items():
        # Keys ascend already; a stable sort by level keeps that order within a level.
        index[surface] = keys[0] if len(keys) == 1 else tuple(sorted(keys, key=ranks.__getitem__))
    return index


# ---------------------------------------------------------------- disambiguation helpers


def _normalize_codes(codes: Iterable[str]) -> tuple[str, ...]:
    """Keep the 6-digit GB/T 2260 part of each code; ignore what is not a code."""
    kept = []
    for code in codes:
        head = code.strip()[:_CODE_LENGTH]
        if len(head) == _CODE_LENGTH and head.isdigit():
            kept.append(head)
    return tuple(kept)


def _segments(code: str) -> tuple[str, ...]:
    """640202 -> ("64", "02", "02"); 640200 -> ("64", "02"); 640000 -> ("64",)."""
    parts = [code[i:i + _CODE_SEGMENT] for i in range(0, _CODE_LENGTH, _CODE_SEGMENT)]
    while parts and parts[-1] == _EMPTY_SEGMENT:
        parts.pop()
    return tuple(parts)


def _shared_segments(code: str, other: str) -> int:
    shared = 0
    for mine, theirs in zip(_segments(code), _segments(other)):
        if mine != theirs:
            break
        shared += 1
    return shared


def _pick(candidates: Sequence[Place], context_codes: tuple[str, ...]) -> Place | None:
    if not candidates:
        return None
    if len(candidates) == 1:
        return candidates[0]

    def closeness(place: Place) -> int:
        code = place.region_code
        if code is None:
            return 0
        return max((_shared_segments(code, context) for context in context_codes), default=0)

    scores = [closeness(place) for place in candidates]
    top = max(scores)
    leaders = [place for place, score in zip(candidates, scores) if score == top]
    if len(leaders) == 1:
        return leaders[0]
    highest_rank = min(LEVELS.index(place.level) for place in leaders)
    at_highest = [place for place in leaders if LEVELS.index(place.level) == highest_rank]
    # Below the county level a name alone (朝阳街道, 石佛寺村) says nothing about
    # which one is meant, so a tie there stays unresolved.
    if len(at_highest) == 1 and highest_rank <= _COUNTY_RANK:
        return at_highest[0]
    return None
