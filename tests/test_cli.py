"""The CLI contract: `extract article` prints one JSON object per file."""

from __future__ import annotations

import json

from conftest import SAMPLE
from typer.testing import CliRunner

from extract.cli import app

runner = CliRunner()


def test_article_prints_json_lines_with_the_contract_keys(tmp_path) -> None:
    second = tmp_path / "second.txt"
    second.write_text("2021年，银川市投入3亿元。", encoding="utf-8")
    result = runner.invoke(app, ["article", str(SAMPLE), str(second)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 2
    for document in lines:
        assert {"claims", "entities", "policies"} <= set(document)
    claim = lines[1]["claims"][0]
    for key in ("text", "start", "end", "value", "value_max", "unit", "kind", "qualifier", "change", "subject", "time"):
        assert key in claim
    assert claim["value"] == 300000000 and claim["unit"] == "元"
    entity_types = {e["type"] for e in lines[1]["entities"]}
    assert {"LOCATION", "DATE"} <= entity_types


def test_article_reports_a_bad_file_and_goes_on(tmp_path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    good = tmp_path / "good.txt"
    good.write_text("建成社区服务站1219个。", encoding="utf-8")
    result = runner.invoke(app, ["article", str(bad), str(good)])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines[0]["error"]["problem"] == "file is empty"
    assert lines[1]["claims"][0]["text"] == "1219个"


def test_number_resolves_one_quantity() -> None:
    result = runner.invoke(app, ["number", "三千二百万元"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "text": "三千二百万元", "value": 32000000.0, "value_max": None, "unit": "元", "kind": "money", "qualifier": "exact",
    }
