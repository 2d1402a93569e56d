"""Resolve a quantity span into value, value_max, unit, kind and qualifier."""

from __future__ import annotations

from dataclasses import dataclass

from extract.extractors.quantities import QuantityMatch, find_quantities, qualifier_words, unit_kinds
from extract.records.models import ClaimKind, Qualifier
from extract.resolve.numerals import NumeralError, numeral_table, parse_numeral

_MULTIPLIERS = "万亿千百兆"
_FRACTION_DIGITS = 4


@dataclass(frozen=True, slots=True)
class Quantity:
    value: float
    value_max: float | None
    unit: str | None
    kind: ClaimKind
    qualifier: Qualifier


class QuantityError(ValueError):
    pass


def resolve_quantity(match: QuantityMatch) -> Quantity:
    try:
        if match.fraction:
            denominator, numerator = (parse_numeral(part) for part in match.fraction)
            if denominator == 0:
                raise QuantityError(f"zero denominator in {match.text!r}")
            value: float = round(numerator / denominator, _FRACTION_DIGITS)
            value_max = None
        else:
            value = parse_numeral(match.numeral)
            value_max = parse_numeral(match.numeral_max) if match.numeral_max else None
    except NumeralError as error:
        raise QuantityError(str(error)) from error
    if value_max is not None:
        value = _share_multiplier(match.numeral, match.numeral_max, value)
    unit = match.unit
    if match.fraction:
        kind = ClaimKind.RATIO
    elif unit is None:
        kind = ClaimKind.OTHER
    else:
        kind = ClaimKind(unit_kinds()[unit])
    return Quantity(
        value=_tidy(value),
        value_max=_tidy(value_max) if value_max is not None else None,
        unit=unit,
        kind=kind,
        qualifier=_qualifier(match),
    )


def resolve_text(text: str) -> Quantity:
    """Resolve a whole string as one quantity (`三千二百万元`)."""
    matches = list(find_quantities(text))
    if len(matches) != 1 or matches[0].start != 0 or matches[0].end != len(text.strip()):
        raise QuantityError(f"not a single quantity: {text!r}")
    return resolve_quantity(matches[0])


def _share_multiplier(numeral: str, numeral_max: str, value: float) -> float:
    """`3—5万` means 3万 to 5万: the first side borrows the second's multiplier."""
    if numeral[-1:] in _MULTIPLIERS or numeral_max[-1:] not in "万亿":
        return value
    multiplier = parse_numeral(numeral_max[-1])
    return value * multiplier


def _qualifier(match: QuantityMatch) -> Qualifier:
    words = qualifier_words()
    if match.prefix:
        return Qualifier(words["before"][match.prefix])
    if match.suffix:
        return Qualifier(words["after"][match.suffix])
    if match.tail:
        return Qualifier(words["tail"][match.tail])
    approximate = numeral_table().approximate.get(match.numeral)
    if approximate:
        return Qualifier(approximate[1])
    return Qualifier.EXACT


def _tidy(value: float) -> float:
    # 3.48亿 = 348000000.00000006 in binary floating point; keep what was written.
    return float(round(value, 6))
