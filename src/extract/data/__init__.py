"""Language data (units, qualifiers, numerals, suffixes, gazetteers) as files, loaded once."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

_PACKAGE = "extract.data"


def data_path(name: str):
    return resources.files(_PACKAGE).joinpath(name)


@cache
def load_yaml(name: str) -> Any:
    with data_path(name).open("r", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@cache
def load_lines(name: str) -> tuple[str, ...]:
    """A list file: one entry a line, `#` starts a comment."""
    with data_path(name).open("r", encoding="utf-8") as handle:
        entries = (line.split("#", 1)[0].strip() for line in handle)
        return tuple(entry for entry in entries if entry)
