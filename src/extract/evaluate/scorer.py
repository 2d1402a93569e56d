"""Scoring predictions against gold (guidelines §4).

Entities and policies: exact span and type, and overlapping span with the
type ignored. Claims: overlapping span with value (within 0.01%) and unit
agreeing. Matching is one-to-one: pairs are taken largest overlap first.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

CLAIM_FIELDS = ("qualifier", "kind", "change", "value_max", "subject", "time")
VALUE_TOLERANCE = 1e-4


@dataclass
class Counts:
    gold: int = 0
    predicted: int = 0
    matched: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else (1.0 if not self.predicted else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.matched += other.matched

    def as_dict(self) -> dict:
        return {"gold": self.gold, "predicted": self.predicted, "matched": self.matched,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class LayerScore:
    exact: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    overlap: Counts = field(default_factory=Counts)
    fields: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    rules: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    misses: list[dict] = field(default_factory=list)
    false_positives: list[dict] = field(default_factory=list)

    def total(self) -> Counts:
        total = Counts()
        for counts in self.exact.values():
            total.add(counts)
        return total


def normalize_unit(unit: str | None) -> str | None:
    return unicodedata.normalize("NFKC", unit) if unit else None


def _overlap(a: dict, b: dict) -> int:
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def values_agree(gold: float, predicted: float) -> bool:
    return abs(gold - predicted) <= VALUE_TOLERANCE * max(1.0, abs(gold))


def claims_compatible(gold: dict, predicted: dict) -> bool:
    return values_agree(gold["value"], predicted["value"]) and normalize_unit(gold["unit"]) == normalize_unit(predicted["unit"])


def match_one_to_one(
    gold: list[dict], predicted: list[dict], compatible: Callable[[dict, dict], bool]
) -> list[tuple[int, int]]:
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            size = _overlap(g, p)
            if size and compatible(g, p):
                pairs.append((size, gi, pi))
    pairs.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_gold, used_pred, matched = set(), set(), []
    for _, gi, pi in pairs:
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        matched.append((gi, pi))
    return matched


def _type_of(layer: str, record: dict) -> str:
    return record["kind"] if layer in ("claims", "policies") else record["type"]


def score_layer(layer: str, gold: list[dict], predicted: list[dict], score: LayerScore, article: str) -> None:
    if layer == "claims":
        pairs = match_one_to_one(gold, predicted, claims_compatible)
        for record in gold:
            score.exact[record["kind"]].gold += 1
        for record in predicted:
            score.exact[record["kind"]].predicted += 1
        for gi, pi in pairs:
            g, p = gold[gi], predicted[pi]
            score.exact[g["kind"]].matched += 1  # counted under the gold kind
            for name in CLAIM_FIELDS:
                agree = g.get(name) == p.get(name) if name != "value_max" else (
                    (g["value_max"] is None and p.get("value_max") is None)
                    or (g["value_max"] is not None and p.get("value_max") is not None and values_agree(g["value_max"], p["value_max"])))
                score.fields[name][0] += int(agree)
                score.fields[name][1] += 1
        overlap_pairs = pairs
    else:
        exact_pairs = match_one_to_one(
            gold, predicted,
            lambda g, p: g["start"] == p["start"] and g["end"] == p["end"] and _type_of(layer, g) == _type_of(layer, p),
        )
        for record in gold:
            score.exact[_type_of(layer, record)].gold += 1
        for record in predicted:
            score.exact[_type_of(layer, record)].predicted += 1
        for gi, _ in exact_pairs:
            score.exact[_type_of(layer, gold[gi])].matched += 1
        pairs = exact_pairs
        overlap_pairs = match_one_to_one(gold, predicted, lambda g, p: True)
    score.overlap.gold += len(gold)
    score.overlap.predicted += len(predicted)
    score.overlap.matched += len(overlap_pairs)
    matched_gold = {gi for gi, _ in pairs}
    matched_pred = {pi for _, pi in pairs}
    for pi, record in enumerate(predicted):
        rule = score.rules[record.get("rule", "?")]
        rule.predicted += 1
        rule.matched += int(pi in matched_pred)
    for gi, record in enumerate(gold):
        if gi not in matched_gold:
            score.misses.append({"article": article, **_brief(layer, record)})
    for pi, record in enumerate(predicted):
        if pi not in matched_pred:
            score.false_positives.append({"article": article, **_brief(layer, record)})


def _brief(layer: str, record: dict) -> dict:
    keep = ["text", "start", "end", "sentence", "rule"]
    keep += ["value", "unit", "kind"] if layer == "claims" else ["type"] if layer == "entities" else ["kind"]
    return {k: record[k] for k in keep if k in record}


def score_articles(pairs: Iterable[tuple[str, dict, dict]]) -> dict[str, LayerScore]:
    """pairs: (article id, gold document, predicted document)."""
    scores = {layer: LayerScore() for layer in ("claims", "entities", "policies")}
    for article, gold, predicted in pairs:
        for layer, score in scores.items():
            score_layer(layer, gold[layer], predicted[layer], score, article)
    return scores


def report_dict(scores: dict[str, LayerScore]) -> dict:
    report = {}
    for layer, score in scores.items():
        report[layer] = {
            "exact": {"all": score.total().as_dict(), **{k: v.as_dict() for k, v in sorted(score.exact.items())}},
            "overlap_type_ignored": score.overlap.as_dict(),
            "field_agreement": {k: round(v[0] / v[1], 4) if v[1] else None for k, v in sorted(score.fields.items())},
            "rules": {k: {"predicted": v.predicted, "matched": v.matched,
                          "precision": round(v.matched / v.predicted, 4) if v.predicted else None}
                      for k, v in sorted(score.rules.items())},
            "misses": score.misses,
            "false_positives": score.false_positives,
        }
    return report
