"""Loading spec files (input -> expected records) that sit beside the extractors."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
import yaml


def load_spec(name: str) -> list[dict]:
    path = resources.files("extract.extractors").joinpath(name)
    with path.open("r", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def known_gaps(name: str) -> frozenset[str]:
    """Ids listed in tests/known_gaps/<spec name>.txt (text after # is the reason)."""
    path = Path(__file__).parent / "known_gaps" / f"{name.removesuffix('.yaml')}.txt"
    if not path.exists():
        return frozenset()
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(line for line in lines if line)


def spec_params(name: str) -> list:
    """One pytest param per case, id = case id; known gaps are strict xfails."""
    params = []
    gaps = known_gaps(name)
    for case in load_spec(name):
        marks = [pytest.mark.xfail(strict=True, reason=f"known gap, listed in tests/known_gaps/{name}")] if case["id"] in gaps else []
        params.append(pytest.param(case, id=case["id"], marks=marks))
    return params
