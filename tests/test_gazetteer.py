"""The gazetteer of administrative divisions (src/extract/resolve/gazetteer.py)."""

from __future__ import annotations

import dataclasses
import gzip
import time

import pytest

from extract.resolve.gazetteer import (
    FORMAT_HEADER,
    LEVELS,
    Gazetteer,
    GazetteerError,
    Place,
    place_suffixes,
    suffix_counts,
)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def test_load_time_is_reported(request: pytest.FixtureRequest, capsys: pytest.CaptureFixture[str]) -> None:
    started = time.perf_counter()
    fresh = Gazetteer.read()  # what the first Gazetteer.load() of a process costs
    seconds = time.perf_counter() - started
    counts = fresh.count_by_level()
    line = f"gazetteer load: {seconds:.2f} s, {len(fresh)} places {counts}"
    request.node.user_properties.append(("gazetteer_load_seconds", round(seconds, 3)))
    with capsys.disabled():  # shown in the run's output, not asserted: timings vary by machine
        print(f"\n{line}")
    assert len(fresh) == sum(counts.values())


def test_load_is_cached() -> None:
    assert Gazetteer.load() is Gazetteer.load()


SMALL_FILE = "\n".join([
    f"{FORMAT_HEADER} a made-up file",
    "P\t甲省\t910000\t甲\t100.5\t30.25",
    "D\t直属县\t910001\t直属\t\t",  # a county directly under the province
    "T\t一号镇",
    "V\t一村|二村",
    "C\t乙市\t910100\t乙\t\t",
    "T\t直属街道",  # a township directly under the city
    "D\t丙区\t910102\t丙\t\t",
    "V\t县属村",  # a village directly under the county, before its townships
    "T\t丁镇",
    "V\t一村",
    "",
])


def test_reads_the_file_format(tmp_path) -> None:
    path = tmp_path / "small.tsv.gz"
    path.write_bytes(gzip.compress(SMALL_FILE.encode("utf-8")))
    small = Gazetteer.load(path)

    def chain(surface: str) -> list[str]:
        (place,) = small.lookup(surface)
        return [place.name, *(p.name for p in small.ancestors(place))]

    assert chain("一号镇") == ["一号镇", "直属县", "甲省"]
    assert chain("直属街道") == ["直属街道", "乙市", "甲省"]
    assert chain("县属村") == ["县属村", "丙区", "乙市", "甲省"]
    assert [small.ancestors(p)[0].name for p in small.lookup("一村")] == ["一号镇", "丁镇"]
    assert small.count_by_level() == {"province": 1, "city": 1, "county": 2, "township": 3, "village": 4}
    (jia,) = small.lookup("甲")
    assert (jia.code, jia.longitude, jia.latitude) == ("910000", 100.5, 30.25)
    (bing,) = small.lookup("丙")
    assert (bing.province_code, bing.city_code, bing.county_code) == ("910000", "910100", "910102")


def test_missing_or_foreign_file_is_refused(tmp_path) -> None:
    with pytest.raises(GazetteerError, match="not found"):
        Gazetteer.load(tmp_path / "missing.tsv.gz")
    foreign = tmp_path / "foreign.tsv.gz"
    foreign.write_bytes(gzip.compress(b"name\tcode\n"))
    with pytest.raises(GazetteerError, match="not a gazetteer data file"):
        Gazetteer.load(foreign)


def test_every_level_is_present(gazetteer: Gazetteer) -> None:
    counts = gazetteer.count_by_level()
    assert counts["province"] == 34
    assert all(counts[level] > 0 for level in LEVELS)
    assert counts["village"] > 600_000


# surface, full name, level, code
NAMES_AND_ALIASES = [
    ("宁夏", "宁夏回族自治区", "province", "640000"),
    ("宁夏回族自治区", "宁夏回族自治区", "province", "640000"),
    ("银川", "银川市", "city", "640100"),
    ("银川市", "银川市", "city", "640100"),
    ("西夏区", "西夏区", "county", "640105"),
    ("吴忠市", "吴忠市", "city", "640300"),
    ("利通区", "利通区", "county", "640302"),
    ("利通", "利通区", "county", "640302"),
    ("石嘴山市", "石嘴山市", "city", "640200"),
    ("大武口区", "大武口区", "county", "640202"),
    ("广东省", "广东省", "province", "440000"),
    ("广东", "广东省", "province", "440000"),
    ("洛阳市", "洛阳市", "city", "410300"),
    ("洛阳", "洛阳市", "city", "410300"),
    ("广西", "广西壮族自治区", "province", "450000"),
    ("内蒙古", "内蒙古自治区", "province", "150000"),
    ("新疆", "新疆维吾尔自治区", "province", "650000"),
    ("香港", "香港特别行政区", "province", "810000"),
    ("北京", "北京市", "province", "110000"),
    ("延边", "延边朝鲜族自治州", "city", "222400"),
    ("察右中旗", "察哈尔右翼中旗", "county", "150927"),
    ("神农架", "神农架林区", "county", "429021"),
    ("横县", "横州市", "county", "450127"),  # former name, same code
]


@pytest.mark.parametrize(
    ("surface", "name", "level", "code"), NAMES_AND_ALIASES, ids=[case[0] for case in NAMES_AND_ALIASES]
)
def test_full_names_and_aliases(gazetteer: Gazetteer, surface: str, name: str, level: str, code: str) -> None:
    places = gazetteer.lookup(surface)
    assert [(p.name, p.level, p.code) for p in places] == [(name, level, code)]
    assert gazetteer.is_place(surface)
    assert gazetteer.best(surface) == places[0]


def test_place_carries_its_ancestors_codes(gazetteer: Gazetteer) -> None:
    (litong,) = gazetteer.lookup("利通区")
    assert (litong.province_code, litong.city_code, litong.county_code) == ("640000", "640300", "640302")
    assert [p.name for p in gazetteer.ancestors(litong)] == ["吴忠市", "宁夏回族自治区"]
    assert gazetteer.parent_of(litong) == gazetteer.by_code("640300")
    assert litong.longitude is not None and litong.latitude is not None


def test_place_is_frozen(gazetteer: Gazetteer) -> None:
    (ningxia,) = gazetteer.lookup("宁夏")
    with pytest.raises(dataclasses.FrozenInstanceError):
        ningxia.name = "x"  # type: ignore[misc]
    assert not hasattr(ningxia, "__dict__")
    assert isinstance(ningxia, Place)


def test_by_code_accepts_twelve_digits(gazetteer: Gazetteer) -> None:
    place = gazetteer.by_code("640202000000")
    assert place is not None and place.name == "大武口区"


# chain as written, then for each element: (name, level, county or city code)
CHAINS = {
    "石嘴山市/大武口区/朝阳街道": (
        ["石嘴山市", "大武口区", "朝阳街道"],
        [("石嘴山市", "city", "640200"), ("大武口区", "county", "640202"), ("朝阳街道", "township", "640202")],
    ),
    "吴忠市/利通区/东塔寺乡/石佛寺村": (
        ["吴忠市", "利通区", "东塔寺乡", "石佛寺村"],
        [("吴忠市", "city", "640300"), ("利通区", "county", "640302"),
         ("东塔寺乡", "township", "640302"), ("石佛寺村", "village", "640302")],
    ),
    "银川市/金波路社区": (
        ["银川市", "金波路社区"],
        [("银川市", "city", "640100"), ("金波路社区", "village", "640105")],
    ),
    "银川/宝湖社区": (
        ["银川", "宝湖社区"],
        [("银川市", "city", "640100"), ("宝湖社区", "village", "640106")],
    ),
    "宁夏/朝阳街道": (
        ["宁夏", "朝阳街道"],
        [("宁夏回族自治区", "province", "640000"), ("朝阳街道", "township", "640202")],
    ),
    "吉林/朝阳区": (
        ["吉林", "朝阳区"],
        [("吉林省", "province", "220000"), ("朝阳区", "county", "220104")],
    ),
    "北京/朝阳": (
        ["北京", "朝阳"],
        [("北京市", "province", "110000"), ("朝阳区", "county", "110105")],
    ),
}


@pytest.mark.parametrize("chain_id", list(CHAINS), ids=list(CHAINS))
def test_resolve_chain(gazetteer: Gazetteer, chain_id: str) -> None:
    surfaces, expected = CHAINS[chain_id]
    resolved = gazetteer.resolve_chain(surfaces)
    assert all(place is not None for place in resolved)
    assert [(p.name, p.level, p.region_code) for p in resolved] == expected
    for parent, child in zip(resolved, resolved[1:]):
        assert parent in gazetteer.ancestors(child)


def test_resolve_chain_skips_unknown_surfaces(gazetteer: Gazetteer) -> None:
    ningxia, unknown, yinchuan = gazetteer.resolve_chain(["宁夏", "北京西路", "银川"])
    assert unknown is None
    assert (ningxia.code, yinchuan.code) == ("640000", "640100")


def test_resolve_chain_leaves_ambiguous_element_unresolved(gazetteer: Gazetteer) -> None:
    assert gazetteer.resolve_chain(["朝阳街道"]) == [None]


def test_homonyms_are_all_listed(gazetteer: Gazetteer) -> None:
    chaoyang_codes = {p.code for p in gazetteer.lookup("朝阳")}
    assert {"110105", "211300", "220104"} <= chaoyang_codes
    streets = gazetteer.lookup("朝阳街道")
    assert len(streets) > 5
    assert {p.level for p in streets} == {"township"}
    assert "640202" in {p.county_code for p in streets}


# surface, context codes, expected (name, region code) or None
HOMONYMS = {
    "朝阳 in Beijing": ("朝阳", ["110000"], ("朝阳区", "110105")),
    "朝阳 in Beijing, 12-digit context": ("朝阳", ["110105000000"], ("朝阳区", "110105")),
    "朝阳 in Liaoning": ("朝阳", ["210000"], ("朝阳市", "211300")),
    "朝阳 in Changchun": ("朝阳", ["220100"], ("朝阳区", "220104")),
    "朝阳 without context": ("朝阳", [], ("朝阳市", "211300")),
    "朝阳街道 in Ningxia": ("朝阳街道", ["640000"], ("朝阳街道", "640202")),
    "朝阳街道 in Shizuishan": ("朝阳街道", ["640200"], ("朝阳街道", "640202")),
    "朝阳街道 among other codes": ("朝阳街道", ["110000", "640202"], ("朝阳街道", "640202")),
    "朝阳街道 without context": ("朝阳街道", [], None),
    "朝阳街道 with unrelated context": ("朝阳街道", ["460000"], None),
    "朝阳区 without context": ("朝阳区", [], None),
    "石佛寺村 in Litong": ("石佛寺村", ["640302"], ("石佛寺村", "640302")),
    "石佛寺村 without context": ("石佛寺村", [], None),
    "吉林 without context": ("吉林", [], ("吉林省", "220000")),
    "吉林 with Jilin city context": ("吉林", ["220200"], ("吉林市", "220200")),
}


@pytest.mark.parametrize("case_id", list(HOMONYMS), ids=list(HOMONYMS))
def test_best_picks_homonym_by_context(gazetteer: Gazetteer, case_id: str) -> None:
    surface, context, expected = HOMONYMS[case_id]
    place = gazetteer.best(surface, context)
    if expected is None:
        assert place is None
    else:
        assert place is not None
        assert (place.name, place.region_code) == expected


NON_PLACES = ["北京西路", "全国", "自治区", "中心", "社区", "和平", "公安", "新华", ""]


@pytest.mark.parametrize("surface", NON_PLACES, ids=[s or "<empty>" for s in NON_PLACES])
def test_non_places(gazetteer: Gazetteer, surface: str) -> None:
    assert gazetteer.lookup(surface) == ()
    assert not gazetteer.is_place(surface)
    assert gazetteer.best(surface, ["110000"]) is None


def test_surfaces_for_a_matcher(gazetteer: Gazetteer) -> None:
    pairs = set(gazetteer.surfaces())
    for pair in [("宁夏", "province"), ("银川", "city"), ("利通", "county"), ("东塔寺乡", "township"),
                 ("石佛寺村", "village"), ("金波路社区", "village"), ("朝阳", "city"), ("朝阳", "county")]:
        assert pair in pairs
    assert not any(surface == "北京西路" for surface, _level in pairs)
    upper = set(gazetteer.surfaces(("province", "city")))
    assert ("宁夏", "province") in upper and ("利通", "county") not in upper


EXPECTED_SUFFIXES = {
    "province": {"省", "自治区", "市", "特别行政区"},
    "city": {"市", "自治州", "地区", "盟"},
    "county": {"县", "自治县", "旗", "自治旗", "区", "市"},
    "township": {"镇", "乡", "街道", "苏木"},
    "village": {"村", "社区", "嘎查"},
}


@pytest.mark.parametrize("level", list(EXPECTED_SUFFIXES), ids=list(EXPECTED_SUFFIXES))
def test_place_suffixes(level: str) -> None:
    suffixes = place_suffixes()[level]
    assert EXPECTED_SUFFIXES[level] <= set(suffixes)
    assert list(suffixes) == sorted(suffixes, key=len, reverse=True)
    assert all(suffix_counts()[(level, suffix)] > 0 for suffix in suffixes)
