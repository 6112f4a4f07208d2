"""A report prepared for extraction: its tokens, sentences and known-phrase hits."""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

from sitrep.knowledge import UNLISTED_STATE, Knowledge
from sitrep.match import Hit, Tokens, longest_hits, tokenize
from sitrep.records import Report
from sitrep.resolve.actor import ATTACKER_KINDS
from sitrep.resolve.time import TimePhrase, find_time_phrases
from sitrep.sentences import split_sentences


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: its offsets and the hits that fall inside it."""

    index: int
    start: int
    end: int
    hits: tuple[Hit, ...]
    # The whole report's text, shared: rules look at the words between two hits.
    text: str = field(default="", repr=False, compare=False)
    # The stages ask a sentence for its hits of one category, or one category and value,
    # tens of times; group them once.
    _grouped: dict[tuple[str, str | None], tuple[Hit, ...]] = field(init=False, repr=False, compare=False)
    # Where its clauses begin, found when first asked.
    _clause_breaks: list[int] | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        grouped: dict[tuple[str, str | None], list[Hit]] = {}
        for hit in self.hits:
            grouped.setdefault((hit.payload[0], None), []).append(hit)
            grouped.setdefault(hit.payload, []).append(hit)
        object.__setattr__(self, "_grouped", {key: tuple(hits) for key, hits in grouped.items()})

    def of(self, category: str, value: str | None = None) -> tuple[Hit, ...]:
        """Return the hits of one category (and value) in this sentence."""
        return self._grouped.get((category, value), ())

    def has(self, category: str, value: str | None = None) -> bool:
        """Return whether the sentence holds a hit of that category (and value)."""
        return (category, value) in self._grouped

    def clause_around(self, offset: int) -> tuple[int, int]:
        """The [start, end) of the clause that holds an offset: clauses end at ";", "while",
        ", and" (not the one before a list's last weapon), a comma before a weapon ("...,
        rockets landed near ...") and where a motive begins ("in retaliation for ...")."""
        breaks = self._clause_breaks
        if breaks is None:
            weapons = self.of("weapon")
            breaks = [
                m.start()
                for m in _CLAUSE_BREAK.finditer(self.text, self.start, self.end)
                if not _ends_a_list(m, weapons) and (m.group().strip() != "," or _opens_with_a_weapon(m, weapons))
            ]
            breaks += [motive.start for motive in self.of("cue", "motive_cues")]
            object.__setattr__(self, "_clause_breaks", breaks)
        start = max((b for b in breaks if b <= offset), default=self.start)
        end = min((b for b in breaks if b > offset), default=self.end)
        return start, end


# Where one clause of a sentence ends and another, about another attack, may begin.
_CLAUSE_BREAK = re.compile(
    r";\s+|,?\s+(?:while|whereas)\s+|,\s+as\s+(?!well\b|part\b|of\b)|,\s+and\s+|,\s+", re.IGNORECASE
)
# "drones, cruise missiles, and an anti-ship ballistic missile": ", and" before the last item
# of a list of weapons joins the list; it does not start a clause.
_LIST_GAP = 12


def _opens_with_a_weapon(match: re.Match[str], weapons: tuple[Hit, ...]) -> bool:
    """ "..., rockets landed near ...": after a comma, a weapon opens another attack's clause."""
    return any(0 <= w.start - match.end() <= _LIST_GAP for w in weapons)


def _ends_a_list(match: re.Match[str], weapons: tuple[Hit, ...]) -> bool:
    return any(w.end == match.start() for w in weapons) and any(
        0 <= w.start - match.end() <= _LIST_GAP for w in weapons
    )


@dataclass(frozen=True, slots=True)
class Document:
    """A report with its tokens, its sentences and every known phrase in it; its time phrases on demand."""

    report: Report
    tokens: Tokens
    sentences: tuple[Sentence, ...]
    kb: Knowledge = field(repr=False, compare=False)
    # Every phrase of the index found in the text, before overlaps and case were settled.
    found: tuple[Hit, ...] = field(default=(), repr=False, compare=False)
    # Found when a stage first asks: only sentences that tell attacks or figures ever do.
    _time_phrases: dict[int, list[TimePhrase]] = field(default_factory=dict, repr=False, compare=False)
    # Where each sentence starts, for finding the sentence of an offset in log time.
    _starts: list[int] = field(default_factory=list, repr=False, compare=False)

    def time_phrases_in(self, sentence: Sentence) -> list[TimePhrase]:
        """The time phrases of a sentence."""
        found = self._time_phrases.get(sentence.index)
        if found is None:
            found = find_time_phrases(self.text, self.kb, sentence.start, sentence.end)
            self._time_phrases[sentence.index] = found
        return found

    def all_time_phrases(self) -> list[TimePhrase]:
        """The time phrases of the whole text, sentence by sentence (as a scan of the whole
        text finds them: no phrase runs across a sentence's end)."""
        return [phrase for sentence in self.sentences for phrase in self.time_phrases_in(sentence)]

    @property
    def text(self) -> str:
        return self.report.text

    def sentence_at(self, offset: int) -> Sentence:
        """Return the sentence holding a character offset."""
        if not self._starts:
            self._starts.extend(s.start for s in self.sentences)
        return self.sentences[max(0, bisect.bisect_right(self._starts, offset) - 1)]


def prepare_document(report: Report, kb: Knowledge) -> Document:
    """Return the Document of a report: tokens, sentences and their hits."""
    tokens = tokenize(report.text)
    abbreviations = kb.abbreviations
    spans = split_sentences(report.text, abbreviations=abbreviations)
    found = tuple(kb.index.find(tokens))
    known = longest_hits(h for h in found if _is_cased(h, tokens) and not _is_indefinite(h, report.text, kb))
    unlisted = _unlisted_groups(report.text, tokens, known, kb) + _state_forces(report.text, tokens, known, kb)
    hits = _shadow_names(known + unlisted, kb)
    hits.sort(key=lambda h: (h.start, h.end))
    sentences = []
    position = 0
    for index, (start, end) in enumerate(spans):
        inside = []
        while position < len(hits) and hits[position].start < end:
            if hits[position].start >= start:
                inside.append(hits[position])
            position += 1
        sentences.append(Sentence(index, start, end, tuple(inside), report.text))
    return Document(report, tokens, tuple(sentences), kb, found)


def _unlisted_groups(text: str, tokens: Tokens, known: list[Hit], kb: Knowledge) -> list[Hit]:
    """Armed groups actors.yaml does not list, named as groups ("JNIM militants", "the Rapid
    Support Forces") or by an acronym that claims or carries out an attack ("JNIM claimed
    responsibility", "BLA attacked"): actor hits whose name is the text's own. A known actor
    or country inside the name wins ("Russian forces" is Russia's, "Iran-backed militants" a
    description)."""
    taken = [(h.start, h.end) for h in known if h.payload[0] in ("actor", "country")]
    cues = kb.role_cues
    pattern = _group_pattern(
        cues["group_nouns_after"],
        cues["group_name_ends"],
        cues["group_name_starts"],
        (*cues["group_verbs_after"], *cues["agent_verbs"]),
    )
    actors = [(h.start, h.end) for h in known if h.payload[0] == "actor"]
    found: list[Hit] = []
    short_for: dict[str, str] = {}
    for match in pattern.finditer(text):
        kind = next(g for g in ("ending", "named", "acronym", "starting") if match.group(g))
        start, end = match.span(kind)
        start = _past_descriptions(text, start, end, cues["sponsor_after"])
        if text.startswith("The ", start):
            start += len("The ")  # "The Arakan Army" opens a sentence; the name is "Arakan Army"
        name = " ".join(text[start:end].split())
        if name.lower() in kb.role_cues["not_group_names"] or name.endswith(cues["sponsor_after"]):
            continue  # "the al Qaeda-linked group" describes the group named before
        if any(a < end and start < b for a, b in (actors if kind == "starting" else taken)):
            continue
        if text[start - 2 : start] == " (":
            # "U.S. Central Command (CENTCOM)", "the Rapid Support Forces (RSF)": an acronym in
            # brackets right after a name is that party, here and wherever the report uses it.
            if any(b == start - 2 for _, b in taken):
                continue
            if found and found[-1].end == start - 2:
                short_for[name] = found[-1].payload[1]
                continue
        name = short_for.get(name, name)
        first = bisect.bisect_left(tokens.starts, start)
        last = bisect.bisect_left(tokens.ends, end)
        if first >= len(tokens) or last >= len(tokens) or first > last:
            continue
        found.append(Hit(first, last, start, end, ("actor", name)))
    return found + _named_again(text, tokens, found, taken)


def _named_again(text: str, tokens: Tokens, found: list[Hit], taken: list[tuple[int, int]]) -> list[Hit]:
    """A group found once as a group ("Al Shabaab militants stormed ...") is that group
    wherever the report names it bare, as written ("Al Shabaab said its fighters ..."), if
    its name is no common word: two words or more, or an acronym ("JNIM"), not "Shia"."""
    spans = {(h.start, h.end) for h in found}
    again = []
    for name in dict.fromkeys(str(h.payload[1]) for h in found):
        if " " not in name and not name.isupper():
            continue
        for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            start, end = match.span()
            if any(a < end and start < b for a, b in (*taken, *spans)):
                continue
            first, last = bisect.bisect_left(tokens.starts, start), bisect.bisect_left(tokens.ends, end)
            if first < len(tokens) and last < len(tokens) and first <= last:
                again.append(Hit(first, last, start, end, ("actor", name)))
    return again


def _past_descriptions(text: str, start: int, end: int, suffixes: tuple[str, ...]) -> int:
    """Where a name starts after the describing words before it ("The al-Qaida-linked
    al-Shabab group": the name is "al-Shabab")."""
    words = list(re.finditer(r"\S+", text[start:end]))
    described = [w for w in words[:-1] if w.group().endswith(suffixes)]
    return start + words[words.index(described[-1]) + 1].start() if described else start


def _state_forces(text: str, tokens: Tokens, known: list[Hit], kb: Knowledge) -> list[Hit]:
    """States that actors.yaml does not list, named as parties: by their forces ("Russian
    troops", "Sudan's army", "Turkish warplanes"), as the agent of an attack noun ("a
    Russian drone strike", as "an Israeli strike" is Israel's), as the owner of the weapons
    ("Ukrainian drones attacked ...") or as the subject of an attack verb ("Russia fired
    ..."). Actor hits named as the country is; a listed actor over the same words wins
    ("Israeli forces" is Israel's)."""
    listed = [(h.start, h.end) for h in known if h.payload[0] == "actor"]
    forces = _after_pattern(kb.role_cues["state_force_nouns"])
    attacks = _after_pattern(kb.role_cues["attack_nouns"])
    weapons = _after_pattern(kb.role_cues["state_weapon_nouns"])
    verbs = _verb_pattern(kb.role_cues["agent_verbs"])
    led = _led_pattern(kb.role_cues["led_party_nouns"])
    found = []
    for hit in known:
        if hit.payload[0] != "country":
            continue
        state = kb.countries[hit.payload[1]]
        if (match := led.match(text, hit.end)) is not None:
            # "the Saudi-led coalition": a party of its own, unless a listed one begins with
            # the state's name ("US-led coalition"); the listed "coalition" inside it is shadowed.
            if not any(a <= hit.start < b for a, b in listed):
                last = bisect.bisect_left(tokens.ends, match.end())
                name = f"{text[hit.start : hit.end]}{' '.join(match.group().split())}"
                found.append(Hit(hit.first, last, hit.start, match.end(), ("actor", name)))
            continue
        if (match := forces.match(text, hit.end)) is not None:
            last, end = bisect.bisect_left(tokens.ends, match.end()), match.end()
        elif match := (
            attacks.match(text, hit.end)
            or weapons.match(text, hit.end)
            or (verbs.match(text, hit.end) if _may_be_subject(text, hit) else None)
        ):
            last, end = hit.last, hit.end  # the name alone, as an actor's alias would be
        else:
            continue
        if last < len(tokens) and not any(a < match.end() and hit.start < b for a, b in listed):
            found.append(Hit(hit.first, last, hit.start, end, ("actor", state)))
    return found


def _may_be_subject(text: str, hit: Hit) -> bool:
    """A name after a preposition is no subject: "A rocket fired from Lebanon hit ...",
    "Militants in western Iraq launched ..."."""
    return not _AFTER_PREPOSITION.search(text, max(0, hit.start - 40), hit.start)


_AFTER_PREPOSITION = re.compile(
    r"\b(?:from|in|at|into|inside|over|across|near|towards?|of)\s+(?:the\s+)?"
    r"(?:(?:(?:north|south)-?(?:east|west)?|east|west)(?:ern)?\s+|central\s+)?$",
    re.I,
)


@functools.cache
def _led_pattern(nouns: tuple[str, ...]) -> re.Pattern[str]:
    noun = "|".join(re.escape(n) for n in nouns)
    return re.compile(rf"-led\s+(?:{noun})\b", re.IGNORECASE)


@functools.cache
def _after_pattern(nouns: tuple[str, ...]) -> re.Pattern[str]:
    """One of the lexicon's lower-case nouns right after a name ("Russia's military",
    "Russian forces")."""
    noun = "|".join(re.escape(n) for n in nouns)
    return re.compile(rf"(?:['’]s)?\s+(?:{noun})\b", re.IGNORECASE)


@functools.cache
def _verb_pattern(verbs: tuple[str, ...]) -> re.Pattern[str]:
    """An active attack verb right after a name, an adverb between ("Russia again struck");
    not the passive of a headline ("Syria hit by strikes")."""
    verb = "|".join(re.escape(v) for v in verbs)
    return re.compile(rf"\s+(?:\w+ly\s+|again\s+|also\s+)?(?:{verb})\b(?!\s+by\b)", re.IGNORECASE)


# A capitalised word of a name ("Al-Shabaab", "JNIM", "Support"), and the small words inside one.
_NAME_WORD = r"(?:[Aa]l-)?[A-Z][\w’'-]*"
_NAME = rf"{_NAME_WORD}(?:\s+(?:(?:of|for|the|and)\s+)?{_NAME_WORD}){{0,4}}"


@functools.cache
def _group_pattern(
    nouns: tuple[str, ...], ends: tuple[str, ...], starts: tuple[str, ...], verbs: tuple[str, ...]
) -> re.Pattern[str]:
    noun = "|".join(re.escape(n) for n in nouns)
    # The lexicon's words are lower case; a name's last word is capitalised ("the Arakan Army").
    end = "|".join(re.escape(e.title()) for e in sorted(ends, key=len, reverse=True))
    verb = "|".join(re.escape(v) for v in sorted(verbs, key=len, reverse=True))
    before_noun = rf"(?P<named>{_NAME})(?=\s+(?:{noun})\b)"
    ending = rf"(?P<ending>(?:{_NAME_WORD}\s+(?:(?:of|for|the|and)\s+)?){{1,4}}(?:{end}))\b"
    # "Jama'at Nusrat al-Islam wal-Muslimin (JNIM) opened fire": the acronym in its brackets.
    acronym = rf"(?P<acronym>[A-Z][A-Z0-9]{{1,5}})(?=\)?\s+(?:{verb})\b)"
    # "Tehreek-e-Jihad Pakistan, claimed responsibility": a name led by a word for an armed body.
    first = "|".join(re.escape(w.title()) for w in starts)
    starting = rf"(?P<starting>(?:{first})\b[\w’'-]*(?:\s+{_NAME_WORD}){{0,3}})(?=,?\s+(?:{verb})\b)"
    # A name begins with a capital or "al-": the lookahead lets `re` skip every other letter.
    return re.compile(rf"(?=[A-Za])(?<![\w’'-])(?:{ending}|{before_noun}|{acronym}|{starting})")


def _is_cased(hit: Hit, tokens: Tokens) -> bool:
    """A place name starts with a capital or a digit in the text ("Ma'in", not "main"); a
    site of the facilities file may start with the kind of place it is, if a capital follows
    ("the port of Hodeidah", "southern Red Sea")."""
    if hit.payload[0] != "place" or tokens.is_capital(hit.first):
        return True
    is_facility = ":" not in str(hit.payload[1])
    return is_facility and hit.last > hit.first and tokens.is_capital(hit.last)


# "a coalition of Iran-backed militias" describes a group; it is not "the coalition".
_INDEFINITE_BEFORE = re.compile(r"\b(?:a|an)\s+$")


def _is_indefinite(hit: Hit, text: str, kb: Knowledge) -> bool:
    """A party's common-noun alias after "a"/"an" is a description, not that party ("a tanker"
    is still a commercial vessel: a kind of target, not a party)."""
    if hit.payload[0] != "actor" or not text[hit.start].islower():
        return False
    actor = kb.actor(hit.payload[1])
    return (
        actor.kind in ATTACKER_KINDS
        and not actor.is_generic
        and bool(_INDEFINITE_BEFORE.search(text, max(0, hit.start - 4), hit.start))
    )


def _shadow_names(hits: list[Hit], kb: Knowledge) -> list[Hit]:
    """Drop places inside a longer name: an outlet ("Al Mayadeen") or an actor ("Tel Aviv
    regime"); and a place that is also an armed group's name ("Hezbollah and its ally Amal")."""
    names = [h for h in hits if h.payload == ("cue", "outlets") or h.payload[0] == "actor"]
    covering: dict[int, list[Hit]] = {}
    for name in names:
        for token in range(name.first, name.last + 1):
            covering.setdefault(token, []).append(name)
    return [
        h
        for h in hits
        if h.payload[0] not in ("place", "actor", "country")
        or h.first not in covering
        or not any(_strictly_inside(h, n, kb) for n in covering[h.first])
    ]


def _strictly_inside(hit: Hit, name: Hit, kb: Knowledge) -> bool:
    if name.payload == ("cue", "outlets"):
        return name.start <= hit.start and hit.end <= name.end
    if not (name.start <= hit.start and hit.end <= name.end):
        return False
    if hit.payload[0] == "country" and kb.actor(name.payload[1]).source == UNLISTED_STATE:
        return False  # "Myanmar's military", a state found by its forces, still names Myanmar
    is_group = kb.actor(name.payload[1]).kind == "armed_group"
    return (name.end - name.start) > (hit.end - hit.start) or (is_group and hit.payload[0] == "place")
