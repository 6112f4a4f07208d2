"""Find the figures a report states: tallies of attacks, death tolls, troops deployed."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from sitrep.extract.document import Document, Sentence
from sitrep.knowledge import Knowledge
from sitrep.records import Figure

_NUMBER = re.compile(
    r"(?<![\w$£€.,-])(?P<digits>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w%-]|,\d)"
    r"|\b(?P<words>(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen)\b(?!-)",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_AFTER_WINDOW = 40
_BEFORE_WINDOW = 40


@dataclass(frozen=True, slots=True)
class _Number:
    start: int
    end: int
    value: float


def extract_figures(doc: Document, kb: Knowledge, *, attack_sentences: Collection[int] = ()) -> list[Figure]:
    """Return the figures of a report; casualties of one attack stay with that attack."""
    figures: list[Figure] = []
    consumed: set[int] = set()
    for sentence in doc.sentences:
        numbers = _numbers(doc.text, sentence, kb)
        for number in numbers:
            if number.start in consumed:
                continue
            figure = _figure(doc, kb, sentence, number, numbers, consumed, sentence.index in attack_sentences)
            if figure and not any(f.metric == figure.metric and f.value == figure.value for f in figures):
                figures.append(figure)
    return figures


def _numbers(text: str, sentence: Sentence, kb: Knowledge) -> list[_Number]:
    found = []
    for match in _NUMBER.finditer(text, sentence.start, sentence.end):
        if match.group("digits"):
            raw = match.group("digits").replace(",", "")
            if _YEAR.match(raw) and "," not in match.group("digits"):
                continue
            value = float(raw)
        else:
            value = _word_value(match.group("words"), kb)
        found.append(_Number(match.start(), match.end(), value))
    return found


def _word_value(words: str, kb: Knowledge) -> float:
    total = 0
    for part in re.split(r"[- ]", words.lower()):
        total += kb.time.number_words.get(part, 0)
    return float(total)


def _figure(
    doc: Document,
    kb: Knowledge,
    sentence: Sentence,
    number: _Number,
    numbers: list[_Number],
    consumed: set[int],
    is_attack_sentence: bool,
) -> Figure | None:
    text = doc.text
    rules = kb.figure_rules
    after = text[number.end : min(sentence.end, number.end + _AFTER_WINDOW)].lower()
    before = text[max(sentence.start, number.start - _BEFORE_WINDOW) : number.start].lower()
    if _starts_with_any(after.lstrip(), rules["not_after"]) or _inside_time_or_name(doc, sentence, number):
        return None
    metric = _metric(after, before, rules)
    if metric is None:
        return None
    if metric in ("killed", "injured") and (is_attack_sentence or _tells_one_attack(sentence)):
        return None
    if metric == "troops" and not re.search(rules["troops_context"], after):
        return None
    breakdown = _breakdown(doc, kb, sentence, number, numbers, metric, consumed)
    clause_end = _clause_end(text, number.end, sentence.end)
    return Figure(
        doc=doc.report.doc,
        report_id=doc.report.id,
        metric=metric,
        value=number.value,
        evidence=text[sentence.start : sentence.end],
        span=(number.start, clause_end),
        qualifier=_qualifier(before, rules),
        subject=text[number.start : clause_end].strip(),
        breakdown=breakdown or None,
        source=None,
    )


def _tells_one_attack(sentence: Sentence) -> bool:
    """Casualties in a sentence that tells an attack belong to it, unless counted cumulatively.
    A death alone ("24,620 Palestinians have been killed") is a toll, not an attack."""
    deaths = {(h.start, h.end) for h in sentence.of("cue", "casualty_triggers")}
    triggers = [h for h in sentence.of("cue", "attack_triggers") if (h.start, h.end) not in deaths]
    return bool(triggers) and not sentence.has("cue", "campaign_cues")


def _metric(after: str, before: str, rules: Mapping[str, Any]) -> str | None:
    for metric, verbs in rules["verbs_before"].items():
        for verb in verbs:
            if re.search(rf"\b{re.escape(verb)}\s+(?:{_QUALIFIER_WORDS}\s+)?$", before):
                return str(metric)
    words = re.findall(r"[a-z%.-]+", after)[:5]
    phrase = " ".join(words)
    for metric, nouns in rules["metrics"].items():
        for noun in nouns:
            if re.match(rf"(?:[a-z.-]+\s+){{0,3}}{re.escape(noun)}\b", phrase):
                return str(metric)
    return None


_QUALIFIER_WORDS = r"(?:at least|more than|over|nearly|about|around|approximately|some|almost|roughly)"


def _qualifier(before: str, rules: Mapping[str, Any]) -> str:
    tail = before[-24:]
    for qualifier, words in rules["qualifiers"].items():
        if any(re.search(rf"\b{re.escape(w)}\s*$", tail) for w in words):
            return str(qualifier)
    return "exact"


def _breakdown(
    doc: Document,
    kb: Knowledge,
    sentence: Sentence,
    number: _Number,
    numbers: list[_Number],
    metric: str,
    consumed: set[int],
) -> dict[str, float]:
    """Parts of a total that follow it: "27 attacks in Iraq, and 28 in Syria", "including 6,000 children"."""
    parts: dict[str, float] = {}
    countries = sentence.of("country")
    for other in numbers:
        if other.start <= number.start:
            continue
        after = doc.text[other.end : other.end + 40]
        country = next((c for c in countries if 0 <= c.start - other.end <= 30), None)
        word = next(
            (w for w in kb.figure_rules["breakdown_words"] if after.lower().lstrip().startswith(w.lower())), None
        )
        if metric == "attacks" and country is not None and other.value < number.value:
            parts[country.payload[1]] = other.value
        elif word is not None and other.value <= number.value:
            parts[word] = other.value
        else:
            continue
        consumed.add(other.start)
    return parts


def _inside_time_or_name(doc: Document, sentence: Sentence, number: _Number) -> bool:
    return (
        any(
            h.start <= number.start and number.end <= h.end
            for h in sentence.hits
            if h.payload[0] in ("place", "actor", "anchor")
        )
        or bool(
            re.match(
                r"\s*(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b",
                doc.text[number.end : number.end + 12],
            )
        )
        or bool(
            re.search(
                r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s*$",
                doc.text[max(0, number.start - 12) : number.start],
            )
        )
    )


def _clause_end(text: str, start: int, limit: int) -> int:
    match = re.search(r"[,;.](?:\s|$)", text[start:limit])
    return start + match.start() if match else limit


def _starts_with_any(text: str, words: list[str]) -> bool:
    return any(re.match(rf"{re.escape(w.lower())}(?![a-z])", text) for w in words)
