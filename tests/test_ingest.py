"""Ingestion: decoding, the normalized view, page-break repair, layout."""

from __future__ import annotations

import codecs

import pytest

from extract.errors import IngestError
from extract.ingest.decode import decode_bytes
from extract.ingest.layout import analyse_layout
from extract.ingest.view import build_view
from extract.records.models import BlockKind

TEXT = "宁夏回族自治区2021年投入3.48亿元，建成社区服务站1219个。"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        pytest.param(TEXT.encode("utf-8"), "utf-8", id="utf-8"),
        pytest.param(codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig", id="utf-8-bom"),
        pytest.param(TEXT.encode("utf-16"), "utf-16", id="utf-16-bom"),
        pytest.param(codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16", id="utf-16-be-bom"),
        pytest.param(TEXT.encode("gb18030"), "gb18030", id="gb18030"),
        pytest.param(TEXT.encode("gbk"), "gb18030", id="gbk"),
    ],
)
def test_decodes_each_encoding(data: bytes, encoding: str) -> None:
    decoded = decode_bytes(data, "a.txt")
    assert decoded.text == TEXT
    assert decoded.encoding == encoding


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        pytest.param(b"", "file is empty", id="empty"),
        pytest.param(b"  \n\t\n ", "only white space", id="whitespace-only"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary", id="png-image"),
        pytest.param(bytes(range(1, 32)) * 20, "binary", id="control-characters"),
    ],
)
def test_refuses_bad_input_naming_the_file(data: bytes, problem: str) -> None:
    with pytest.raises(IngestError) as raised:
        decode_bytes(data, "corpus/bad.txt")
    assert "corpus/bad.txt" in str(raised.value)
    assert problem in str(raised.value)


def test_only_punctuation_is_accepted_and_yields_no_records() -> None:
    from extract.pipeline import extract_text

    records = extract_text("，。、；！？……——“”《》")
    assert (records.claims, records.entities, records.policies) == ([], [], [])


def test_view_folds_full_width_and_maps_back() -> None:
    original = "增长５．３％，投入１２３４万元"
    view = build_view(original)
    assert view.text == "增长5.3%,投入1234万元"
    start = view.text.index("1234万元")
    assert view.original_text(start, start + len("1234万元")) == "１２３４万元"


def test_view_drops_html_remnants_keeping_offsets() -> None:
    original = "<p>投入&nbsp;3亿元</p><p>建成12个</p>"
    view = build_view(original)
    assert "<p>" not in view.text and "&nbsp;" not in view.text
    start = view.text.index("3亿元")
    assert view.original_text(start, start + 3) == "3亿元"


SAMPLE_BREAKS = [
    pytest.param("自治区党委", "自治区党\n\n委", id="party-committee"),
    pytest.param("比上届分别提高", "比上届分别\n\n提高", id="respectively-raise"),
    pytest.param("24条措施", "24条\n\n措施", id="24-measures"),
    pytest.param("民主选举工作依法规范", "民主选举工作\n\n依法规范", id="election-work"),
]


@pytest.mark.parametrize(("joined", "written"), SAMPLE_BREAKS)
def test_repairs_sample_page_breaks(sample_text: str, joined: str, written: str) -> None:
    view = build_view(sample_text)
    assert written in sample_text
    start = view.text.index(joined)
    assert view.original_text(start, start + len(joined)) == written


@pytest.mark.parametrize(
    ("end_of_paragraph", "next_start"),
    [
        pytest.param("均取得第一的好成绩。", "构建“社区党委", id="full-stop-paragraph"),
        pytest.param("千家万户收获社区生活幸福感;", "10年的跨越", id="semicolon-line"),
        pytest.param("(其中“两委”成员14096人)", "村(社区)“两委”班子结构", id="data-box-item-before-heading"),
        pytest.param("牌子制度1.3万余块、上墙制度1200多项、证明事项30多类", "开展“百楼万户大走访”", id="data-box-item-before-item"),
    ],
)
def test_keeps_real_paragraph_ends_apart(sample_text: str, end_of_paragraph: str, next_start: str) -> None:
    view = build_view(sample_text)
    position = view.text.index(end_of_paragraph) + len(end_of_paragraph)
    following = view.text[position:]
    assert following.startswith("\n") and next_start in following[:80]


def test_layout_of_the_sample(sample_text: str) -> None:
    view = build_view(sample_text)
    layout = analyse_layout(view.text)
    kinds = [b.kind for b in layout.blocks]
    assert kinds[:3] == [BlockKind.CAPTION] * 3
    assert view.text[layout.title.start : layout.title.end] == "幸福生活在家门口“升级”"
    headings = [view.text[b.start : b.end] for b in layout.blocks if b.kind is BlockKind.HEADING]
    assert "统筹谋划 治理体系更加完善" in headings
    assert kinds[-1] is BlockKind.DATA_BOX
    assert BlockKind.CAPTION in kinds[4:]  # the photo caption in the middle of the article


def test_sentences_split_on_punctuation_and_line_ends() -> None:
    view = build_view("第一句。第二句！第三句？第四句；第五句\n第六句")
    layout = analyse_layout(view.text)
    assert [view.original_text(s.start, s.end) for s in layout.sentences] == [
        "第一句。", "第二句！", "第三句？", "第四句；", "第五句", "第六句",
    ]


def test_running_heads_are_marked() -> None:
    text = "一、综合\n\n全年增长3%。\n\n洛阳市统计公报\n\n二、农业\n\n全年粮食产量241.5万吨。\n\n洛阳市统计公报\n"
    layout = analyse_layout(build_view(text).text)
    assert [b.kind for b in layout.blocks].count(BlockKind.RUNNING_HEAD) == 2
