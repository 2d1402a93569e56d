"""Pydantic records: the product's output contract (see docs/gold-format.md and schemas/)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = "1.0"

Offset = Annotated[int, Field(ge=0)]


class ClaimKind(StrEnum):
    COUNT = "count"
    MONEY = "money"
    PERCENT = "percent"
    AGE = "age"
    AREA = "area"
    LENGTH = "length"
    WEIGHT = "weight"
    DURATION = "duration"
    RANK = "rank"
    RATIO = "ratio"
    OTHER = "other"


class Qualifier(StrEnum):
    EXACT = "exact"
    ABOUT = "about"
    OVER = "over"
    UNDER = "under"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"


class Change(StrEnum):
    UP = "up"
    DOWN = "down"


ChangeKinds = frozenset({"up", "down", None})


class EntityType(StrEnum):
    LOCATION = "LOCATION"
    ORGANIZATION = "ORGANIZATION"
    PERSON = "PERSON"
    DATE = "DATE"


class PolicyKind(StrEnum):
    DOCUMENT = "document"
    PROGRAMME = "programme"


class BlockKind(StrEnum):
    TITLE = "title"
    CAPTION = "caption"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    DATA_BOX = "data_box"
    RUNNING_HEAD = "running_head"


class Record(BaseModel):
    """A span of the original text; `text == original[start:end]` up to repaired line breaks."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(description="Stable id: hash of article content, layer and span")
    text: str = Field(min_length=1)
    start: Offset
    end: Offset
    sentence: str = Field(description="The sentence the record stands in, as written")
    sentence_start: Offset
    rule: str = Field(description="Name of the rule that produced the record")

    @model_validator(mode="after")
    def _span_is_ordered(self) -> Record:
        if self.end <= self.start:
            raise ValueError(f"end ({self.end}) must be greater than start ({self.start})")
        return self


class Claim(Record):
    value: float
    value_max: float | None = None
    unit: str | None
    kind: ClaimKind
    qualifier: Qualifier = Qualifier.EXACT
    change: Change | None = None
    subject: str | None = None
    time: str | None = None


class Entity(Record):
    type: EntityType
    name: str | None = Field(default=None, description="Normalized full name (LOCATION)")
    code: str | None = Field(default=None, description="GB/T 2260 code (LOCATION)")
    level: str | None = Field(default=None, description="Administrative level (LOCATION)")
    iso: str | None = Field(default=None, description="ISO 8601 value (absolute DATE)")


class Policy(Record):
    name: str
    kind: PolicyKind
    doc_type: str | None = None
    issuer: str | None = None
    refers_to: str | None = Field(
        default=None, description="Id of the full-title mention a short form abbreviates"
    )


class Block(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: BlockKind
    start: Offset
    end: Offset


class Sentence(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    start: Offset
    end: Offset
    block: int = Field(ge=0, description="Index of the block it belongs to")


class Article(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    source: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    encoding: str
    chars: int = Field(ge=0)
    title: str | None
    blocks: list[Block]
    sentences: list[Sentence]


class ArticleRecords(BaseModel):
    """One article's extraction: the JSON document written per article."""

    model_config = ConfigDict(extra="forbid")

    schema_version: str = SCHEMA_VERSION
    pipeline_version: str
    article: Article
    claims: list[Claim]
    entities: list[Entity]
    policies: list[Policy]
