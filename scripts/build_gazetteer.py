#!/usr/bin/env python3
"""Build the project's gazetteer of Chinese administrative divisions.

Reads three pinned PyPI packages (never imported, only unpacked) and writes
``src/extract/data/gazetteer/gazetteer.tsv.gz`` and ``suffixes.tsv``:

* jionlp ``jionlp/dictionary/china_location.zip`` (Apache-2.0): the five-level
  tree (province, city, county, township, village) with codes down to county.
* cpca ``cpca/resources/adcodes.csv`` (MIT): coordinates for codes, former
  county names (same code, older name) and the list of the 56 ethnic groups,
  used to cut autonomous-area names down to their short form.
* jieba ``jieba/dict.txt`` and ``jieba/analyse/idf.txt`` (MIT): part-of-speech
  tags and inverse document frequencies, used only to refuse county short
  forms that are common words (新华, 和平, 公安, 前进 ...).

Usage::

    python scripts/build_gazetteer.py            # download, build, write
    python scripts/build_gazetteer.py --report   # also print the measurements

The output is deterministic: sorted records and a gzip stream without
timestamp, so a rebuild from the same pins gives the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import gzip
import hashlib
import io
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from collections import Counter
from pathlib import Path

JIONLP_VERSION = "1.5.31"
CPCA_VERSION = "0.5.5"
JIEBA_VERSION = "0.42.1"
# The archives the committed data was built from; a different file under the
# same version (a re-upload, another wheel tag) stops the build.
PINNED_ARCHIVES = {
    "jionlp": (JIONLP_VERSION, "688ba3793c5c0888b166ae1b11aaf6161db661a162019e77ffcf5951427e528f"),
    "cpca": (CPCA_VERSION, "1635b589506b3e28424032bce61d2488e1f6fac1034a736014e70e043f824fe6"),
    "jieba": (JIEBA_VERSION, "055ca12f62674fafed09427f176506079bc135638a14e23e25be909131928db2"),
}

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT_DIR = REPO_ROOT / "src" / "extract" / "data" / "gazetteer"
FORMAT_VERSION = "1"

LEVELS = ("province", "city", "county", "township", "village")
RECORD_TAG = {"province": "P", "city": "C", "county": "D", "township": "T"}

# Candidate suffix vocabulary per level.  The
# build keeps the ones that occur and writes their counts to suffixes.tsv; for
# townships and villages a name must end with one of them to be kept (the
# source also lists prisons, forestry bureaus, companies and hotels there).
CANDIDATE_SUFFIXES = {
    "province": ("特别行政区", "自治区", "省", "市"),
    "city": ("自治州", "地区", "盟", "市"),
    "county": ("自治县", "自治旗", "林区", "特区", "县", "旗", "区", "市"),
    "township": (
        "民族苏木", "民族乡", "区公所", "办事处", "经营所", "生活区",
        "街道", "苏木", "农场", "林场", "牧场", "渔场", "社区",
        "镇", "乡", "团", "场", "区",
    ),
    "village": (
        "村民委员会", "居民委员会", "居委会", "村委会", "渔委会", "生活区",
        "办事处", "社区", "嘎查", "连队", "分场", "农场", "林场", "牧场",
        "村", "屯", "队", "连", "场", "区",
    ),
}

# Suffixes stripped from a full name to get its short alias ("宁夏回族自治区" ->
# "宁夏"); the ethnic group names in between come from cpca's 56_nations.csv.
SHORT_FORM_SUFFIXES = {
    "province": ("特别行政区", "自治区", "省", "市"),
    "city": ("自治州", "地区", "盟", "市"),
    "county": ("自治县", "自治旗", "林区", "特区", "矿区", "新区", "县", "旗", "区", "市"),
}
AUTONOMOUS_MARK = "自治"
ETHNIC_MARK = "族"
# 龙胜各族自治县: "all nationalities", not one of the 56 but cut the same way.
EXTRA_ETHNIC_FORMS = ("各族",)
MIN_SHORT_FORM_LENGTH = 2

# NBS gives development and other function zones county-level statistical
# codes whose fifth digit is 7 (130171 石家庄高新技术产业开发区); GB/T 2260 has
# none there.  Their names are written in full, so they get no short form.
FUNCTION_ZONE_CODE_DIGIT = (4, "7")

# jionlp writes a few Inner Mongolia banners in their usual abbreviated form
# (察右中旗, 科左后旗); abbreviations of two characters (阿旗, 扎旗) each stand
# for several banners, so only longer ones are kept.
BANNER_ABBREVIATION_MIN_LENGTH = 3

# A county short form is a common word when jieba does not tag it as a place
# ("ns") and it occurs in many documents, i.e. its IDF is below this bound
# (公安 8.29, 和平 6.66, 新华 7.36, 平和 8.51 are refused; 仙桃 10.68, 石首 10.81,
# 恩施 10.53 are kept).  Raw dictionary frequency does not separate the two:
# jieba tags 仙桃 and 石首 as nouns with frequencies above 和平's.  The bound
# was chosen by reading the refused list that --report prints.
COMMON_WORD_MAX_IDF = 9.0
JIEBA_PLACE_TAG = "ns"

# Names in the source that stand for "no unit at this level" (市直辖行政区划)
# or for statistical placeholders (XX虚拟社区): their children move up.
PLACEHOLDER_MARK = "直辖"
VIRTUAL_MARK = "虚拟"

# Some Inner Mongolia and Yunnan township names repeat their county's name
# (化德县朝阳镇); the official name is the part after it, if that part is a
# name and not just a suffix (芒市镇 in 芒市 stays).
TOWNSHIP_SUFFIXES_AFTER_COUNTY_PREFIX = ("街道", "苏木", "镇", "乡")
MIN_TOWNSHIP_NAME_AFTER_PREFIX = 3

# Errata in the source, checked against GB/T 2260 / official spellings.
NAME_CORRECTIONS = {
    "奎青区": "葵青区",  # Hong Kong, Kwai Tsing
    "苗粟县": "苗栗县",  # Taiwan, Miaoli
}
# "XX嘎查委会" is the committee of the gacha (Mongolian village) XX嘎查.
VILLAGE_NAME_REWRITES = (("嘎查委会", "嘎查"),)

# GB/T 2260 has one code each for Taiwan, Hong Kong and Macao; the codes jionlp
# gives below them are its own, so they are not kept.
PROVINCES_WITHOUT_SUBCODES = ("71", "81", "82")

# cpca names that are code placeholders, not former names of a county.
FORMER_NAME_EXCLUDED_MARKS = ("辖",)


@dataclasses.dataclass
class Division:
    name: str
    level: str
    code: str | None = None
    aliases: list[str] = dataclasses.field(default_factory=list)
    longitude: str = ""
    latitude: str = ""
    source_short: str | None = None  # jionlp's short form, a hint only
    children: list["Division"] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class SourceNode:
    depth: int
    name: str
    code: str | None
    short: str | None
    children: list["SourceNode"] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Sources:
    china_location: str
    adcodes: list[dict[str, str]]
    nations: list[str]
    jieba_tags: dict[str, str]
    jieba_idf: dict[str, float]
    archives: dict[str, tuple[str, str]]  # package -> (file name, sha256)


# ---------------------------------------------------------------- sources


def download_packages(cache_dir: Path) -> dict[str, Path]:
    wanted = [f"{name}=={version}" for name, (version, _digest) in PINNED_ARCHIVES.items()]
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
         "--dest", str(cache_dir), *wanted],
        check=True,
    )
    archives = {}
    for name, (version, digest) in PINNED_ARCHIVES.items():
        matches = [p for p in sorted(cache_dir.glob(f"{name}-{version}[-.]*")) if sha256_of(p) == digest]
        if not matches:
            raise FileNotFoundError(
                f"no archive of {name}=={version} with sha256 {digest} in {cache_dir}; "
                "if the sources changed on purpose, update PINNED_ARCHIVES and review --report"
            )
        archives[name] = matches[0]
    return archives


def read_member(archive: Path, member_suffix: str) -> bytes:
    """Read the one member of a wheel or sdist whose path ends with member_suffix."""
    if archive.suffix == ".whl" or archive.suffix == ".zip":
        with zipfile.ZipFile(archive) as wheel:
            names = [n for n in wheel.namelist() if n.endswith(member_suffix)]
            if len(names) != 1:
                raise KeyError(f"{member_suffix} in {archive.name}: {names}")
            return wheel.read(names[0])
    with tarfile.open(archive) as sdist:
        members = [m for m in sdist.getmembers() if m.name.endswith(member_suffix)]
        if len(members) != 1:
            raise KeyError(f"{member_suffix} in {archive.name}: {[m.name for m in members]}")
        extracted = sdist.extractfile(members[0])
        if extracted is None:
            raise KeyError(f"{member_suffix} in {archive.name} is not a regular file")
        return extracted.read()


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_sources(cache_dir: Path) -> Sources:
    archives = download_packages(cache_dir)
    inner_zip = read_member(archives["jionlp"], "jionlp/dictionary/china_location.zip")
    with zipfile.ZipFile(io.BytesIO(inner_zip)) as location_zip:
        china_location = location_zip.read("china_location.txt").decode("utf-8")
    adcodes_text = read_member(archives["cpca"], "cpca/resources/adcodes.csv").decode("utf-8")
    nations_text = read_member(archives["cpca"], "cpca/resources/56_nations.csv").decode("utf-8")
    jieba_dict = read_member(archives["jieba"], "jieba/dict.txt").decode("utf-8")
    jieba_idf = read_member(archives["jieba"], "jieba/analyse/idf.txt").decode("utf-8")

    jieba_tags = {}
    for line in jieba_dict.splitlines():
        word, _frequency, tag = line.split(" ")
        jieba_tags[word] = tag
    idf = {}
    for line in jieba_idf.splitlines():
        word, value = line.split(" ")
        idf[word] = float(value)
    return Sources(
        china_location=china_location,
        adcodes=list(csv.DictReader(io.StringIO(adcodes_text))),
        nations=[line.strip() for line in nations_text.splitlines() if line.strip()],
        jieba_tags=jieba_tags,
        jieba_idf=idf,
        archives={name: (path.name, sha256_of(path)) for name, path in archives.items()},
    )


def parse_china_location(text: str) -> list[SourceNode]:
    """Parse jionlp's tab-indented tree: depth = leading tabs, fields name[, code, short]."""
    roots: list[SourceNode] = []
    open_nodes: list[SourceNode] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        depth = len(line) - len(line.lstrip("\t"))
        fields = line.strip("\t").split("\t")
        node = SourceNode(
            depth=depth,
            name=fields[0].strip(),
            code=fields[1] if len(fields) > 1 else None,
            short=fields[2] if len(fields) > 2 else None,
        )
        del open_nodes[depth:]
        if depth == 0:
            roots.append(node)
        else:
            open_nodes[depth - 1].children.append(node)
        open_nodes.append(node)
    return roots


# ---------------------------------------------------------------- names


def longest_suffix(name: str, suffixes: tuple[str, ...]) -> str | None:
    """The longest suffix name ends with; None if none, or if the name is only that suffix (社区)."""
    matching = [s for s in suffixes if name.endswith(s)]
    if not matching:
        return None
    longest = max(matching, key=len)
    return None if longest == name else longest


def short_form(name: str, level: str, ethnic_names: tuple[str, ...]) -> str | None:
    """宁夏回族自治区 -> 宁夏, 大理白族自治州 -> 大理, 利通区 -> 利通, 碑林区 -> 碑林.

    None when nothing of at least two characters is left, or when what is left
    is an ethnic group (鄂温克族自治旗).
    """
    # Longest suffix first, but fall back to a shorter one when the stem would
    # be too short: 神农架林区 -> 神农架, yet 碑林区 -> 碑林 rather than 碑.
    suffixes = sorted(SHORT_FORM_SUFFIXES[level], key=len, reverse=True)
    for suffix in suffixes:
        if not name.endswith(suffix) or len(name) - len(suffix) < MIN_SHORT_FORM_LENGTH:
            continue
        stem = name[: -len(suffix)]
        autonomous = suffix.startswith(AUTONOMOUS_MARK) or stem.endswith(AUTONOMOUS_MARK)
        stem = stem.removesuffix(AUTONOMOUS_MARK)
        if stem in ethnic_names:
            return None
        # Bare group names (蒙古, 维吾尔) are cut only from autonomous areas;
        # 族 marks one anywhere (顺河回族区 -> 顺河).
        while autonomous or stem.endswith(ETHNIC_MARK):
            ethnic = next(
                (e for e in ethnic_names  # longest first: 土家族 before 土族
                 if stem.endswith(e) and len(stem) - len(e) >= MIN_SHORT_FORM_LENGTH
                 and (autonomous or e.endswith(ETHNIC_MARK))),
                None,
            )
            if ethnic is None:
                break
            stem = stem[: -len(ethnic)]
        return stem
    return None


def ethnic_name_forms(nations: list[str]) -> tuple[str, ...]:
    """Both 蒙古族 and 蒙古 (巴音郭楞蒙古自治州); one-character bare forms are too risky."""
    forms = set(nations) | set(EXTRA_ETHNIC_FORMS)
    for nation in nations:
        bare = nation.removesuffix("族")
        if len(bare) >= 2:
            forms.add(bare)
    return tuple(sorted(forms, key=lambda f: (-len(f), f)))


def is_common_word(word: str, sources: Sources) -> bool:
    if sources.jieba_tags.get(word, JIEBA_PLACE_TAG) == JIEBA_PLACE_TAG:
        return False
    # Words missing from idf.txt are rare; treat them as not common.
    return sources.jieba_idf.get(word, COMMON_WORD_MAX_IDF) < COMMON_WORD_MAX_IDF


# ---------------------------------------------------------------- build


MAX_REPORT_EXAMPLES = 30


@dataclasses.dataclass
class BuildReport:
    dropped: Counter = dataclasses.field(default_factory=Counter)
    examples: dict[str, list[str]] = dataclasses.field(default_factory=dict)

    def note(self, reason: str, example: str) -> None:
        self.dropped[reason] += 1
        self.examples.setdefault(reason, [])
        if len(self.examples[reason]) < MAX_REPORT_EXAMPLES:
            self.examples[reason].append(example)


def is_function_zone(code: str | None) -> bool:
    position, digit = FUNCTION_ZONE_CODE_DIGIT
    return code is not None and code[position] == digit


def add_aliases(provinces: list[Division], sources: Sources, report: BuildReport) -> None:
    """Short forms for provinces and cities always; for counties only when safe; former county names."""
    ethnic_names = ethnic_name_forms(sources.nations)
    cpca_names = {row["adcode"][:6]: row["name"] for row in sources.adcodes}
    upper = [d for p in provinces for d in (p, *p.children) if d.level in ("province", "city")]
    for division in upper:
        short = short_form(division.name, division.level, ethnic_names)
        if short:
            division.aliases.append(short)
            if is_common_word(short, sources):
                # Kept (every province and city gets its short form); listed for review.
                report.note("city/province short form kept although a common word", f"{division.name}->{short}")
    # A bare 河南 or 长沙 means the province or the city, not 河南蒙古族自治县 or
    # 长沙市长沙县: no county takes the surface of a province or of its own city.
    # Other cities stay homonyms for context to settle (朝阳: 朝阳市, 北京市朝阳区).
    province_surfaces = {s for p in provinces for s in (p.name, *p.aliases)}

    for city_or_province in upper:
        own_surfaces = province_surfaces | {city_or_province.name, *city_or_province.aliases}
        for county in (c for c in city_or_province.children if c.level == "county"):
            add_county_aliases(county, ethnic_names, own_surfaces, cpca_names, sources, report)


def add_county_aliases(
    county: Division,
    ethnic_names: tuple[str, ...],
    reserved_surfaces: set[str],
    cpca_names: dict[str, str],
    sources: Sources,
    report: BuildReport,
) -> None:
    short = county_short_form(county, ethnic_names, reserved_surfaces, sources, report)
    if short:
        county.aliases.append(short)
    former = cpca_names.get(county.code or "")
    if (
        former
        and former != county.name
        and former not in county.aliases  # 沙县 is both 沙县区's short and former name
        and not any(mark in former for mark in FORMER_NAME_EXCLUDED_MARKS)
        and longest_suffix(former, CANDIDATE_SUFFIXES["county"])
    ):
        county.aliases.append(former)
        report.note("former county name kept as alias", f"{former}->{county.name}")


def county_short_form(
    county: Division,
    ethnic_names: tuple[str, ...],
    reserved_surfaces: set[str],
    sources: Sources,
    report: BuildReport,
) -> str | None:
    if is_function_zone(county.code):
        return None
    short = short_form(county.name, "county", ethnic_names)
    source_short = county.source_short
    if source_short == county.name:
        # jionlp gives no short form here (大理市, 南海区, 正蓝旗); keep its judgement.
        if short:
            report.note("county short form withheld by the source", f"{county.name}->{short}")
        return None
    if (
        source_short
        and source_short.endswith("旗")
        and not county.name.startswith(source_short)
        and len(source_short) >= BANNER_ABBREVIATION_MIN_LENGTH
    ):
        short = source_short  # 察哈尔右翼中旗 -> 察右中旗
    if short is None:
        return None
    if short in reserved_surfaces:
        report.note("county short form refused as its province's or city's", f"{county.name}->{short}")
        return None
    if is_common_word(short, sources):
        report.note("county short form refused as a common word", f"{county.name}->{short}")
        return None
    return short


def build_tree(sources: Sources, report: BuildReport) -> list[Division]:
    coordinates = {row["adcode"][:6]: (row["longitude"], row["latitude"]) for row in sources.adcodes}

    def coded_division(node: SourceNode, level: str, keep_code: bool) -> Division:
        name = NAME_CORRECTIONS.get(node.name, node.name)
        code = node.code if keep_code else None
        division = Division(name=name, level=level, code=code, source_short=node.short)
        if code in coordinates:
            division.longitude, division.latitude = coordinates[code]
        return division

    def villages(node: SourceNode, township_or_county: Division, county_name: str) -> list[Division]:
        kept: dict[str, Division] = {}
        for child in node.children:
            name = child.name
            for old, new in VILLAGE_NAME_REWRITES:
                if name.endswith(old):
                    name = name[: -len(old)] + new
            if VIRTUAL_MARK in name:
                report.note("virtual village dropped", f"{county_name}/{name}")
                continue
            if longest_suffix(name, CANDIDATE_SUFFIXES["village"]) is None:
                report.note("village without a place suffix dropped", f"{county_name}/{name}")
                continue
            if name in kept:
                report.note("duplicate village under one parent merged", f"{township_or_county.name}/{name}")
                continue
            kept[name] = Division(name=name, level="village")
        return list(kept.values())

    def townships(county_node: SourceNode, parent: Division) -> None:
        """Attach the townships (and villages) of county_node's source subtree to parent."""
        by_name: dict[str, Division] = {}
        for node in county_node.children:
            name = node.name
            if PLACEHOLDER_MARK in name or longest_suffix(name, CANDIDATE_SUFFIXES["township"]) is None:
                reason = "placeholder township elided" if PLACEHOLDER_MARK in name else \
                    "township without a place suffix elided (villages kept)"
                report.note(reason, f"{parent.name}/{name}")
                direct = {c.name for c in parent.children if c.level == "village"}
                parent.children.extend(v for v in villages(node, parent, parent.name) if v.name not in direct)
                continue
            if VIRTUAL_MARK in name:
                report.note("virtual township dropped", f"{parent.name}/{name}")
                continue
            remainder = name[len(parent.name):] if name.startswith(parent.name) else ""
            if (
                longest_suffix(remainder, TOWNSHIP_SUFFIXES_AFTER_COUNTY_PREFIX)
                and len(remainder) >= MIN_TOWNSHIP_NAME_AFTER_PREFIX
            ):
                report.note("county prefix removed from township", f"{name}->{remainder}")
                name = remainder
            township = by_name.get(name)
            if township is None:
                township = by_name[name] = Division(name=name, level="township")
                parent.children.append(township)
            else:
                report.note("duplicate township under one county merged", f"{parent.name}/{name}")
            known = {v.name for v in township.children}
            township.children.extend(v for v in villages(node, township, parent.name) if v.name not in known)

    provinces = []
    for province_node in source_provinces(sources):
        keep_subcodes = province_node.code[:2] not in PROVINCES_WITHOUT_SUBCODES
        province = coded_division(province_node, "province", keep_code=True)
        provinces.append(province)
        for city_node in province_node.children:
            # Municipalities and SARs repeat themselves as a city; 省直辖 groups
            # counties directly under the province.  Both are elided.
            city_is_placeholder = (
                PLACEHOLDER_MARK in city_node.name or city_node.code == province_node.code
            )
            if city_is_placeholder:
                report.note("placeholder city elided", f"{province.name}/{city_node.name}")
                city = province
            else:
                city = coded_division(city_node, "city", keep_code=keep_subcodes)
                province.children.append(city)
            for county_node in city_node.children:
                if PLACEHOLDER_MARK in county_node.name:
                    report.note("placeholder county elided", f"{city.name}/{county_node.name}")
                    townships(county_node, city)
                    continue
                county = coded_division(
                    county_node, "county",
                    keep_code=keep_subcodes and county_node.code != city_node.code,
                )
                city.children.append(county)
                townships(county_node, county)
    return provinces


def source_provinces(sources: Sources) -> list[SourceNode]:
    return sorted(parse_china_location(sources.china_location), key=lambda n: n.code or "")


# ---------------------------------------------------------------- output

LEVEL_RANK = {level: rank for rank, level in enumerate(LEVELS)}


def sort_key(division: Division) -> tuple:
    # Deepest level first: the reader attaches a record to the nearest open
    # record of a higher level, so a county's direct villages must come before
    # its townships, and a city's direct townships before its counties.
    return (-LEVEL_RANK[division.level], division.code or "", division.name)


def write_records(division: Division, out: list[str]) -> None:
    fields = [RECORD_TAG[division.level], division.name]
    if division.level in ("province", "city", "county"):
        fields += [division.code or "", "|".join(division.aliases), division.longitude, division.latitude]
    out.append("\t".join(fields))
    villages = sorted(c.name for c in division.children if c.level == "village")
    if villages:
        out.append("V\t" + "|".join(villages))
    for child in sorted((c for c in division.children if c.level != "village"), key=sort_key):
        write_records(child, out)


def header_lines(sources: Sources) -> list[str]:
    def archive(name: str) -> str:
        file_name, digest = sources.archives[name]
        return f"{file_name} sha256={digest}"

    return [
        f"# extract gazetteer format {FORMAT_VERSION}: Chinese administrative divisions, five levels",
        "# built by scripts/build_gazetteer.py from the sources below, with the changes listed in ATTRIBUTION.md; do not edit by hand",
        f"# source: jionlp=={JIONLP_VERSION} (Apache-2.0) jionlp/dictionary/china_location.zip; {archive('jionlp')}",
        f"# source: cpca=={CPCA_VERSION} (MIT) cpca/resources/adcodes.csv, 56_nations.csv; {archive('cpca')}",
        f"# source: jieba=={JIEBA_VERSION} (MIT) jieba/dict.txt, analyse/idf.txt, only to refuse common-word county short forms; {archive('jieba')}",
        "# records: P province, C city, D county: tag name code aliases longitude latitude",
        "#          T township: tag name;  V villages of the nearest open record: tag name|name|...",
        "# a record's parent is the nearest preceding open record of a higher level;",
        "# children are written deepest level first, villages first",
    ]


def suffix_counts(provinces: list[Division]) -> dict[str, Counter]:
    counts = {level: Counter() for level in LEVELS}

    def visit(division: Division) -> None:
        suffix = longest_suffix(division.name, CANDIDATE_SUFFIXES[division.level])
        if suffix:
            counts[division.level][suffix] += 1
        for child in division.children:
            visit(child)

    for province in provinces:
        visit(province)
    return counts


def write_outputs(provinces: list[Division], sources: Sources, out_dir: Path) -> str:
    """Write the data files; return the uncompressed gazetteer text."""
    out_dir.mkdir(parents=True, exist_ok=True)
    lines = header_lines(sources)
    for province in sorted(provinces, key=sort_key):
        write_records(province, lines)
    text = "\n".join(lines) + "\n"
    data_path = out_dir / "gazetteer.tsv.gz"
    with data_path.open("wb") as raw, gzip.GzipFile(
        filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0
    ) as compressed:
        compressed.write(text.encode("utf-8"))

    suffix_lines = [
        "# place-name suffixes by level, longest first, with how many names in gazetteer.tsv.gz end with each",
        "# built by scripts/build_gazetteer.py",
        "level\tsuffix\tcount",
    ]
    counts = suffix_counts(provinces)
    for level in LEVELS:
        for suffix in sorted(counts[level], key=lambda s: (-len(s), -counts[level][s], s)):
            suffix_lines.append(f"{level}\t{suffix}\t{counts[level][suffix]}")
    (out_dir / "suffixes.tsv").write_text("\n".join(suffix_lines) + "\n", encoding="utf-8")
    return text


def count_levels(provinces: list[Division]) -> Counter:
    counts: Counter = Counter()
    stack = list(provinces)
    while stack:
        division = stack.pop()
        counts[division.level] += 1
        stack.extend(division.children)
    return counts


def compressed_size(text: str) -> int:
    return len(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))


def print_report(provinces: list[Division], report: BuildReport, text: str) -> None:
    counts = count_levels(provinces)
    print("places per level:", {level: counts[level] for level in LEVELS}, "total", sum(counts.values()))
    # What each level costs on disk, to decide what to keep.
    lines = text.splitlines(keepends=True)
    without_villages = "".join(line for line in lines if not line.startswith("V\t"))
    counties_up = "".join(line for line in lines if not line.startswith(("V\t", "T\t")))
    print(
        "gzip bytes: to county", compressed_size(counties_up),
        "| to township", compressed_size(without_villages),
        "| all five levels", compressed_size(text),
        "| uncompressed", len(text.encode("utf-8")),
    )
    for reason, count in sorted(report.dropped.items()):
        print(f"{count:7d}  {reason}: {', '.join(report.examples[reason])}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT_DIR, help="output directory")
    parser.add_argument("--cache", type=Path, help="keep downloaded archives here instead of a temp dir")
    parser.add_argument("--report", action="store_true", help="print what was kept and dropped")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as temp_dir:
        cache_dir = args.cache or Path(temp_dir)
        cache_dir.mkdir(parents=True, exist_ok=True)
        sources = load_sources(cache_dir)
    report = BuildReport()
    provinces = build_tree(sources, report)
    add_aliases(provinces, sources, report)
    text = write_outputs(provinces, sources, args.out)
    if args.report:
        print_report(provinces, report, text)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
