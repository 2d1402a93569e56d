"""Errors that name the file, the stage and what to do."""

from __future__ import annotations


class ExtractError(Exception):
    """Base class: an input the pipeline refuses, with the reason."""

    stage = "extract"

    def __init__(self, source: str, problem: str, hint: str = "") -> None:
        self.source = source
        self.problem = problem
        self.hint = hint
        message = f"{source}: {problem}"
        if hint:
            message += f" ({hint})"
        super().__init__(message)


class IngestError(ExtractError):
    """The file cannot be read as an article."""

    stage = "ingest"
