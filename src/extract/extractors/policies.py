"""Policy names: 《》 documents and named programmes (guidelines §3)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import regex

from extract.data import load_yaml
from extract.extractors.brackets import Bracketed
from extract.records.models import PolicyKind

_NUMERAL_CHARS = "一二三四五六七八九十百千万两0123456789"
_SPEECH_MARKS = regex.compile(r"[，,。！？!?；;：:\s]")
_PROGRAMME_NAME_MAX = 16
_ISSUER_WINDOW = 30


@dataclass(frozen=True, slots=True)
class PolicyCandidate:
    start: int  # view offsets
    end: int
    name: str
    kind: PolicyKind
    doc_type: str | None
    rule: str
    short_form: bool = False


@cache
def _policy_data() -> dict:
    data = load_yaml("policies.yaml")
    for key in ("doc_types", "programme_heads", "programme_endings", "issuing_verbs", "work_endings", "draft_markers",
                "programme_verbs", "unquoted_heads", "unquoted_verbs", "generic_starts"):
        data[key] = tuple(sorted(data[key], key=len, reverse=True))
    return data


def document_type(name: str) -> str | None:
    data = _policy_data()
    stem = name.rstrip()
    for marker in data["draft_markers"]:
        if stem.endswith(marker):
            stem = stem[: -len(marker)]
            break
    for doc_type in data["doc_types"]:
        if stem.endswith(doc_type):
            return doc_type
    return None


def extract_policies(text: str, brackets: Sequence[Bracketed]) -> list[PolicyCandidate]:
    found: list[PolicyCandidate] = []
    outer_titles = [b for b in brackets if b.mark == "《" and not _nested_in_title(b, brackets)]
    for title in outer_titles:
        candidate = _document(text, title)
        if candidate:
            found.append(candidate)
    for quote in brackets:
        if quote.mark != "“" or _inside_any(quote, outer_titles):
            continue
        candidate = _programme(text, quote)
        if candidate:
            found.append(candidate)
    found.extend(_unquoted_schemes(text, found))
    found.sort(key=lambda p: p.start)
    return found


def _nested_in_title(bracket: Bracketed, brackets: Sequence[Bracketed]) -> bool:
    return any(o.mark == "《" and o.start < bracket.start and bracket.end <= o.end for o in brackets)


def _inside_any(bracket: Bracketed, spans: Sequence[Bracketed]) -> bool:
    return any(s.start <= bracket.start and bracket.end <= s.end for s in spans)


def _document(text: str, title: Bracketed) -> PolicyCandidate | None:
    name = text[title.start + 1 : title.end - 1].strip()
    if not name:
        return None
    doc_type = document_type(name)
    if doc_type is None or name.endswith(_policy_data()["work_endings"]):
        return None  # 《长津湖》, 《人民日报》: works and newspapers
    before = text[max(0, title.start - 6) : title.start]
    short_form = before.endswith(tuple(_policy_data()["short_form_markers"]))
    return PolicyCandidate(
        start=title.start, end=title.end, name=name, kind=PolicyKind.DOCUMENT,
        doc_type=doc_type, rule="policy.document_title", short_form=short_form,
    )


def _programme(text: str, quote: Bracketed) -> PolicyCandidate | None:
    data = _policy_data()
    inner = text[quote.start + 1 : quote.end - 1]
    if not inner or len(inner) > _PROGRAMME_NAME_MAX or _SPEECH_MARKS.search(inner):
        return None
    before = text[max(0, quote.start - 6) : quote.start]
    if before.endswith(tuple(data["short_form_markers"])) and document_type(inner):
        # 下称“指导意见”: a defined short form of a document.
        return PolicyCandidate(quote.start, quote.end, inner, PolicyKind.DOCUMENT, document_type(inner),
                               "policy.short_form_quoted", short_form=True)
    if _PLAN_PERIOD.match(inner):
        plan = _plan_document(text, quote)
        return plan  # “十四五” alone is a period (a DATE); before a 规划 name it starts a document
    head_end = _head_noun_end(text, quote.end)
    if head_end:
        return PolicyCandidate(quote.start, head_end, inner + text[quote.end : head_end], PolicyKind.PROGRAMME, None,
                               "policy.programme_head")
    before = text[max(0, quote.start - 6) : quote.start]
    if before.endswith(data["programme_verbs"]) and (inner.endswith(data["programme_endings"]) or _is_numbered_slogan(inner) or len(inner) <= 8):
        return PolicyCandidate(quote.start, quote.end, inner, PolicyKind.PROGRAMME, None, "policy.programme_object")
    if inner.endswith(data["programme_endings"]):
        return PolicyCandidate(quote.start, quote.end, inner, PolicyKind.PROGRAMME, None, "policy.programme_name")
    return None


_PLAN_PERIOD = regex.compile(r"^十[一二三四五六七八九]五$")
_HEAD_WINDOW = 12


def _head_noun_end(text: str, position: int) -> int | None:
    """End of the head noun phrase after a quote: “1235577”总体发展思路, “五社联动”机制."""
    window = regex.match(r"[\p{Han}]{0,%d}" % _HEAD_WINDOW, text[position:]).group()
    window = regex.split(r"[的和与及等在是为了将对]", window, maxsplit=1)[0]
    heads = _policy_data()["programme_heads"]
    best = 0
    for head in heads:
        index = window.find(head)
        while index >= 0:
            best = max(best, index + len(head))
            index = window.find(head, index + 1)
    if not best:
        return None
    if best > 4 and not any(window.startswith(h) for h in heads) and best != len(window):
        return None  # a long run that stops mid-phrase is not one name
    return position + best


def _plan_document(text: str, quote: Bracketed) -> PolicyCandidate | None:
    window = regex.match(r"[\p{Han}]{0,20}", text[quote.end :]).group()
    match = regex.search(r"^.*?(?:规划|计划)(?:纲要)?", window)
    if not match:
        return None
    end = quote.end + match.end()
    name = text[quote.start + 1 : quote.end - 1] + match.group()
    return PolicyCandidate(quote.start, end, name, PolicyKind.DOCUMENT, document_type(name), "policy.plan_title")


def _is_numbered_slogan(inner: str) -> bool:
    """“五社联动”, “四议两公开”, “55124”: a scheme named by its numbers."""
    numerals = sum(1 for ch in inner if ch in _NUMERAL_CHARS)
    return numerals >= 2 and len(inner) >= 3 or inner.isdigit()


@cache
def _unquoted_programme_pattern() -> regex.Pattern:
    data = _policy_data()
    verbs = "|".join(data["unquoted_verbs"])
    heads = "|".join(data["unquoted_heads"])
    return regex.compile(rf"(?<=(?:{verbs}))(?P<name>[\p{{Han}}]{{2,14}}?(?:{heads}))(?![\p{{Han}}]{{0,1}}(?:的|中|和|等))")


def _unquoted_schemes(text: str, found: Sequence[PolicyCandidate]) -> list[PolicyCandidate]:
    schemes: list[PolicyCandidate] = []
    pattern = regex.compile(_policy_data()["unquoted_scheme_pattern"])
    for match in pattern.finditer(text):
        schemes.append(PolicyCandidate(match.start(), match.end(), match.group(), PolicyKind.PROGRAMME, None,
                                       "policy.unquoted_scheme"))
    for match in _unquoted_programme_pattern().finditer(text):
        name = match.group("name")
        if regex.search(r"[“”《》的]", name) or name.startswith(_policy_data()["generic_starts"]):
            continue  # 国资国企改革, 重点领域改革: fields of work, not named programmes
        schemes.append(PolicyCandidate(match.start("name"), match.end("name"), name, PolicyKind.PROGRAMME, None,
                                       "policy.unquoted_programme"))
    return [s for s in schemes if not any(p.start < s.end and s.start < p.end for p in found)]


def find_issuer(text: str, policy: PolicyCandidate, sentence_start: int, organizations: Sequence[tuple[int, int]]) -> str | None:
    """The body named right before a title with an issuing verb (or directly: 国务院《…》)."""
    if policy.kind is not PolicyKind.DOCUMENT:
        return None
    verbs = _policy_data()["issuing_verbs"]
    window_start = max(sentence_start, policy.start - _ISSUER_WINDOW)
    for org_start, org_end in sorted(organizations, key=lambda o: -o[1]):
        if not (window_start <= org_start and org_end <= policy.start):
            continue
        between = text[org_end : policy.start]
        if between == "" or regex.search("(?:" + "|".join(verbs) + r")的?$", between):
            if not regex.search(r"[。；;]", between):
                return text[org_start:org_end]
    return None
