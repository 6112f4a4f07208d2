"""Find the figures a report states: tallies of attacks, death tolls, troops deployed.

A figure is a number about the conflict as a whole. A count of one day's attacks or the
casualties of one attack belong to that attack, not here; durations, distances, money
and years are not figures at all. The words are in data/figures.yaml.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sitrep.document import Document, Sentence
from sitrep.extract.anchors import is_said_day
from sitrep.knowledge import Knowledge
from sitrep.match import Hit, alternation
from sitrep.records import Figure
from sitrep.resolve.time import Published, TimePhrase, find_time_phrases, resolve_phrase

# The lookahead lists every first character of a match (digits, initials of the number
# words) so that `re` skips to them rather than trying the pattern at every position.
_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
# Every number begins a word: the boundary and the lookahead let `re` skip to such places.
_NUMBER = re.compile(
    r"\b(?=[\dtfseno])"
    r"(?:(?<![\w$£€.,-])(?P<digits>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w%-]|,\d)"
    rf"|\b(?P<words>{alternation(_TENS)}(?:[- ]{alternation(_UNITS)})?"
    rf"|{alternation(_UNITS + _TEENS)})\b(?!-))",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_MONTH_NEAR = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b\.?"
)
_QUALIFIER_WORDS = r"(?:at least|more than|over|nearly|about|around|approximately|some|almost|roughly|a total of)"
# "the 74th time US troops have been targeted": the rank of an attack counts the attacks so far.
_ORDINAL = re.compile(r"\bthe\s+(?P<digits>\d+)(?:st|nd|rd|th)\s+(?:time|attack|strike)\b", re.IGNORECASE)
# "the Pentagon said", "The Gaza health ministry says": a name, perhaps with a few lower-case
# words after it, right before a speech verb.
_SPEAKER = re.compile(
    r"(?P<who>[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|of|for|the|al-\w+|[a-z]+)){0,5}?)\s+(?:said|told|says|stated|revealed)\b"
)
_LEADING_ARTICLE = re.compile(r"^(?:The|An|A)\s+")
_ACCORDING = re.compile(r"\baccording to (?:the\s+)?(?P<who>[^,.;]+)")
_WINDOW_AFTER = 60
_WINDOW_BEFORE = 40
_NOUN_REACH_WORDS = 6


@dataclass(frozen=True, slots=True)
class _Number:
    start: int
    end: int
    value: float
    is_rank: bool = False


def extract_figures(
    doc: Document, kb: Knowledge, published: Published | None = None, *, attack_sentences: Collection[int] = ()
) -> list[Figure]:
    """Return the figures of a report; casualties of one attack stay with that attack."""
    figures: list[Figure] = []
    consumed: set[int] = set()
    published = published or Published(None)
    for sentence in doc.sentences:
        numbers = [n for n in _numbers(doc, sentence, kb) if n.start not in consumed]
        found: list[Figure] = []
        for number in numbers:
            if number.start in consumed:
                continue
            figure = _figure(
                doc, kb, sentence, number, numbers, consumed, found, sentence.index in attack_sentences, published
            )
            if figure is not None:
                found.append(figure)
        for figure in found:
            figure = _breakdown_in_next_sentence(doc, kb, sentence, figure, consumed)
            figures = _add_unique(figures, figure)
    return figures


def _add_unique(figures: list[Figure], figure: Figure) -> list[Figure]:
    """The same number told twice in a report is one figure, with the details of both."""
    twin = next((f for f in figures if f.metric == figure.metric and f.value == figure.value), None)
    if twin is None:
        return [*figures, figure]
    merged = replace(
        twin,
        breakdown=twin.breakdown or figure.breakdown,
        since=twin.since or figure.since,
        source=twin.source or figure.source,
        days=(twin.days[0] + figure.days[0], twin.days[1]),
    )
    return [merged if f is twin else f for f in figures]


def _numbers(doc: Document, sentence: Sentence, kb: Knowledge) -> list[_Number]:
    text = doc.text
    found = []
    for match in _NUMBER.finditer(text, sentence.start, sentence.end):
        if match.group("digits"):
            raw = match.group("digits").replace(",", "")
            if _YEAR.match(raw) and "," not in match.group("digits"):
                continue
            value = float(raw)
        else:
            value = float(sum(kb.time.number_words.get(w, 0) for w in re.split(r"[- ]", match.group("words").lower())))
        found.append(_Number(match.start(), match.end(), value))
    for match in _ORDINAL.finditer(text, sentence.start, sentence.end):
        found.append(_Number(match.start("digits"), match.end("digits"), float(match["digits"]), is_rank=True))
    return sorted(found, key=lambda n: n.start)


def _figure(
    doc: Document,
    kb: Knowledge,
    sentence: Sentence,
    number: _Number,
    numbers: list[_Number],
    consumed: set[int],
    found: list[Figure],
    is_attack_sentence: bool,
    published: Published,
) -> Figure | None:
    text = doc.text
    rules = kb.figure_rules
    after = text[number.end : min(sentence.end, number.end + _WINDOW_AFTER)].lower()
    before = text[max(sentence.start, number.start - _WINDOW_BEFORE) : number.start].lower()
    if (
        _starts_with_any(after.lstrip(), rules["not_after"] + rules["not_a_count_after"])
        or _ends_with_any(before.rstrip(), rules["not_a_count_before"])
        or _inside_date_or_name(doc, sentence, number)
    ):
        return None
    metric = (
        "attacks" if number.is_rank else _metric(after, before, rules) or _parallel_metric(doc, sentence, number, found)
    )
    if metric is None or not _is_whole_conflict(doc, kb, sentence, number, metric, is_attack_sentence):
        return None
    breakdown = _breakdown(doc, kb, sentence, number, numbers, metric, consumed)
    days = (_since_phrases(doc, sentence), _as_of_phrases(doc, sentence))
    since, as_of = figure_days(days, published)
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
        since=since,
        as_of=as_of,
        source=_source(text[sentence.start : sentence.end]),
        days=days,
    )


def _is_whole_conflict(
    doc: Document, kb: Knowledge, sentence: Sentence, number: _Number, metric: str, is_attack_sentence: bool
) -> bool:
    """A tally or toll, not the count of one day's attacks nor the casualties of one attack."""
    rules = kb.figure_rules
    sentence_text = doc.text[sentence.start : sentence.end]
    if metric == "troops":
        around = doc.text[max(sentence.start, number.start - 30) : number.end + _WINDOW_AFTER]
        return bool(re.search(rules["troops_context"], around, re.IGNORECASE))
    counting_text = re.sub(rules["comparing_since"], "", sentence_text, flags=re.IGNORECASE)
    is_cumulative = bool(re.search(rules["cumulative_cues"], counting_text, re.IGNORECASE))
    one_day = _names_one_day(doc, kb, sentence)
    # "24,620 people have been killed": so far; "25 had been killed overnight on Sunday": that night's.
    is_cumulative = is_cumulative or (not one_day and bool(re.search(rules["perfect_counts"], counting_text, re.I)))
    if (
        metric in ("attacks", "strikes")
        and not is_cumulative
        and (one_day or (metric == "attacks" and number.value < rules["tally_minimum"]))
    ):
        # "attacked four times in Iraq and Syria on Thursday", "11 airstrikes hit Nabatieh
        # today": this report's own attacks ("three retaliatory strikes" so far is a tally)
        return False
    if metric in ("killed", "injured") and (
        re.search(rules["attack_toll"], sentence_text, re.IGNORECASE) or (not is_cumulative and one_day)
    ):
        return False  # "the death toll from the attack rose to 16", "23 were killed on Friday night"
    if metric in ("killed", "injured"):
        is_toll = is_cumulative or number.value >= rules["toll_minimum"]
        return (
            is_toll
            and not (is_attack_sentence and not is_cumulative)
            and not (_tells_one_attack(sentence) and not is_cumulative)
        )
    return True


def _names_one_day(doc: Document, kb: Knowledge, sentence: Sentence) -> bool:
    """The sentence names the day of something other than its own saying ("on Thursday")."""
    return any(
        p.kind in ("weekday", "relative", "date") and not p.is_since and not is_said_day(doc.text, p)
        for p in find_time_phrases(doc.text, kb, sentence.start, sentence.end)
    )


def _tells_one_attack(sentence: Sentence) -> bool:
    """Casualties in a sentence that tells an attack belong to it, unless counted cumulatively.
    A death alone ("24,620 Palestinians have been killed") is a toll, not an attack."""
    deaths = {(h.start, h.end) for h in sentence.of("cue", "casualty_triggers")}
    triggers = [h for h in sentence.of("cue", "attack_triggers") if (h.start, h.end) not in deaths]
    return bool(triggers) and not sentence.has("cue", "campaign_cues")


@functools.cache
def _verb_pattern(verb: str) -> re.Pattern[str]:
    return re.compile(rf"\b{re.escape(verb)}\s+(?:{_QUALIFIER_WORDS}\s+)?$")


@functools.cache
def _noun_pattern(noun: str) -> re.Pattern[str]:
    return re.compile(rf"((?:[a-z.-]+\s+){{0,{_NOUN_REACH_WORDS}}}?){re.escape(noun)}\b")


def _metric(after: str, before: str, rules: Mapping[str, Any]) -> str | None:
    if re.search(rules["toll_pattern"], before):
        return "killed"
    reached = re.search(rules["reached_pattern"], before)
    if reached:
        return str(rules["reached_metrics"][reached["noun"]])
    for metric, verbs in rules["verbs_before"].items():
        for verb in verbs:
            if _verb_pattern(verb).search(before):
                return str(metric)
    phrase = " ".join(re.findall(r"[a-z%.-]+", after)[: _NOUN_REACH_WORDS + 2])
    # The nearest noun says what is counted: "five militiamen were killed in air strikes" counts the dead.
    found = []
    for metric, nouns in rules["metrics"].items():
        for noun in nouns:
            match = _noun_pattern(noun).match(phrase)
            if match and not _describes_weapon(phrase[match.end() :], rules):
                found.append((len(match.group(1)), -len(noun), str(metric)))
    if not found:
        return None
    nearest = min(found)[2]
    if nearest == "troops":
        # "three US soldiers were killed", "186 troops have been injured or killed": the
        # troops counted are casualties, not troops deployed.
        return min((f for f in found if f[2] in ("killed", "injured")), default=min(found))[2]
    return nearest


def _describes_weapon(rest: str, rules: Mapping[str, Any]) -> bool:
    words = rest.split(maxsplit=1)
    return bool(words) and words[0] in rules["noun_of_weapon"]


def _parallel_metric(doc: Document, sentence: Sentence, number: _Number, found: list[Figure]) -> str | None:
    """ "36 attacks in Iraq and 37 in Syria": a bare number beside a figure counts the same thing."""
    if not found or not re.match(r"\s+(?:in|for)\s+(?:the\s+)?[A-Z]", doc.text[number.end : number.end + 20]):
        return None
    return found[-1].metric


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
        if other.start <= number.start or other.value >= number.value or _in_time_phrase(doc, sentence, other):
            continue
        label = _part_label(doc, kb, other, countries)
        if label is None or (metric != "attacks" and len(label) == 2 and label.isupper()):
            continue
        parts[label] = other.value
        consumed.add(other.start)
    return parts


def _breakdown_in_next_sentence(
    doc: Document, kb: Knowledge, sentence: Sentence, figure: Figure, consumed: set[int]
) -> Figure:
    """ "... attacked approximately 66 times. Thirty-two separate times in Iraq and 34 in Syria.":
    numbers of the next sentence that add up to a figure are its parts."""
    if figure.breakdown or sentence.index + 1 >= len(doc.sentences):
        return figure
    following = doc.sentences[sentence.index + 1]
    numbers = [
        n for n in _numbers(doc, following, kb) if n.start not in consumed and not _in_time_phrase(doc, following, n)
    ]
    if len(numbers) < 2 or sum(n.value for n in numbers) != figure.value:
        return figure
    labels = [_part_label(doc, kb, n, following.of("country")) for n in numbers]
    if any(label is None for label in labels):
        return figure
    consumed.update(n.start for n in numbers)
    return replace(figure, breakdown={str(label): n.value for label, n in zip(labels, numbers, strict=True)})


def _in_time_phrase(doc: Document, sentence: Sentence, number: _Number) -> bool:
    """The 17 of "from October 17" or the two of "two days later" is no part of a tally."""
    return any(p.start <= number.start < p.end for p in doc.time_phrases_in(sentence))


def _part_label(doc: Document, kb: Knowledge, number: _Number, countries: Sequence[Hit]) -> str | None:
    """What a part counts: a country named just after it, or a word such as "children"."""
    country = next((c for c in countries if 0 <= c.start - number.end <= 30), None)
    if country is not None:
        return str(country.payload[1])
    after = doc.text[number.end : number.end + 50].lower()
    for word in kb.figure_rules["breakdown_words"]:
        position = after.find(word.lower())
        if 0 <= position <= 35:
            return str(word)
    return None


def _since_phrases(doc: Document, sentence: Sentence) -> tuple[TimePhrase, ...]:
    """The phrases a tally may count from: "since October 17", "from October 17"."""
    return tuple(p for p in doc.time_phrases_in(sentence) if p.is_since or _is_from(doc.text, p.start))


def _as_of_phrases(doc: Document, sentence: Sentence) -> tuple[TimePhrase, ...]:
    """The phrases a tally may stand at: "as of Thursday", "until Wednesday"."""
    return tuple(
        p
        for p in doc.time_phrases_in(sentence)
        if re.search(r"\b(?:as of|until|by|to)\s*$", doc.text[max(0, p.start - 8) : p.start], re.IGNORECASE)
    )


def figure_days(
    days: tuple[tuple[TimePhrase, ...], tuple[TimePhrase, ...]], published: Published
) -> tuple[str | None, str | None]:
    """A tally's `since` and `as_of` under a publication day: the first of their phrases
    that resolves; a tally with no "as of" stands at the report's day."""
    since_phrases, as_of_phrases = days
    as_of = _first_day(as_of_phrases, published)
    if as_of is None and isinstance(published.day, date):
        as_of = published.day.isoformat()
    return _first_day(since_phrases, published), as_of


def _first_day(phrases: tuple[TimePhrase, ...], published: Published) -> str | None:
    for phrase in phrases:
        window = resolve_phrase(phrase, published)
        if window is not None and window.date is not None:
            return window.date.isoformat()
    return None


def _is_from(text: str, start: int) -> bool:
    return bool(re.search(r"\bfrom\s*$", text[max(0, start - 6) : start], re.IGNORECASE))


def _source(sentence_text: str) -> str | None:
    """Who states the figure: "according to X", or the speaker of "X said"."""
    according = _ACCORDING.search(sentence_text)
    if according:
        return according.group("who").strip()
    speaker = _SPEAKER.search(sentence_text)
    return _LEADING_ARTICLE.sub("", speaker.group("who").strip()) if speaker else None


def _inside_date_or_name(doc: Document, sentence: Sentence, number: _Number) -> bool:
    in_name = any(
        h.start <= number.start and number.end <= h.end
        for h in sentence.hits
        if h.payload[0] in ("place", "actor", "anchor")
    )
    next_to_month = bool(_MONTH_NEAR.match(doc.text, number.end + 1)) or bool(
        re.search(_MONTH_NEAR.pattern + r"\s*$", doc.text[max(0, number.start - 12) : number.start])
    )
    return in_name or next_to_month


def _clause_end(text: str, start: int, limit: int) -> int:
    # A full stop after a capital is an abbreviation ("U.S. forces"), not the clause's end;
    # "36 attacks in Iraq and 37 in Syria" ends before the next number.
    match = re.search(r"[,;](?:\s|$)|(?<![A-Z])\.(?:\s|$)|\s+and\s+(?=\d)", text[start:limit])
    return start + match.start() if match else limit


def _starts_with_any(text: str, words: list[str]) -> bool:
    """Whether lower-case text starts with one of the words, no letter following ("kill"
    does not start "killed")."""
    return any(text.startswith(w) and not _is_letter(text[len(w) : len(w) + 1]) for w in map(str.lower, words))


def _ends_with_any(text: str, words: list[str]) -> bool:
    """Whether lower-case text ends with one of the words, no letter before it."""
    return any(text.endswith(w) and not _is_letter(text[-len(w) - 1 : -len(w)]) for w in map(str.lower, words))


def _is_letter(char: str) -> bool:
    # A plain comparison, not a regex: these run for every number of every report.
    return "a" <= char <= "z"
