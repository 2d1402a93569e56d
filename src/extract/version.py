"""Pipeline version: part of every cache key, so changing rules re-extracts."""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources

PIPELINE_VERSION = "0.1.0"


@cache
def rules_fingerprint() -> str:
    """Hash of the package's code and language data: any rule change changes it."""
    digest = hashlib.sha256(PIPELINE_VERSION.encode())
    root = resources.files("extract")
    for path in sorted(_walk(root), key=str):
        digest.update(str(path.relative_to(root) if hasattr(path, "relative_to") else path).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _walk(folder):
    for entry in folder.iterdir():
        if entry.is_dir():
            if entry.name != "__pycache__":
                yield from _walk(entry)
        elif entry.name.endswith((".py", ".yaml", ".txt", ".tsv", ".gz")):
            yield entry
