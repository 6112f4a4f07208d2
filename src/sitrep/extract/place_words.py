"""Place words: what the words around a place name say it is to a sentence's attack.

Input: a Sentence, its Document and a place name's span (or its hits).
Output: a role and the reason for it ("dateline", "seat", "origin", "reference",
"landmark", "voice", "motive", "name part", "given name"), or None when the words leave
the name free to be an attack site; and whether the words before a name call it a place
("in", "near", "the city of"), which a town abroad needs. `places` gives each name its role.
"""

from __future__ import annotations

import functools
import re

from sitrep.document import Document, Sentence
from sitrep.knowledge import Knowledge
from sitrep.match import Hit
from sitrep.resolve.place import PlaceChoice

# "50 km south of Hasakah", "south of Baghdad": a reference point, not the place hit ("a few
# kilometers from the base" is at the base, as near as the report says).
_REFERENCE = re.compile(r"\b(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?\s+of\b[^.;]*$")
# "a few kilometers from the base": a distance, not where the weapons came from.
_DISTANCE_BEFORE = re.compile(r"\b(?:kilomet(?:er|re)s?|km|miles|met(?:er|re)s)\s+$", re.IGNORECASE)

# "the Victory Base Complex near Baghdad airport": the second place only says where the first is.
_NEAR_PLACE = re.compile(
    r"^\s*,?\s*(?:just\s+|close\s+to|next\s+to|near|beside|outside)\s+(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?$",
    re.IGNORECASE,
)
# "al-Harir air base, which houses U.S. forces in the city of Erbil", "Al-Harir Airbase, located
# near Erbil": a clause that describes the site before says where it is.
_DESCRIBING = re.compile(
    r"^\s*,\s*(?:(?:which|that)\s+(?:[\w.’'-]+\s+){0,4}?|(?:located|situated|lying|based)\s+)"
    r"(?:in|near|outside|close\s+to|next\s+to)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,3}?"
    r"(?:(?:city|town|village|province|region)\s+of\s+)?$",
    re.IGNORECASE,
)

# An Arabic article joined to the name after it ("al-", "ech-"), just before a known name.
_ARTICLES = frozenset({"the", "a", "an"})
_JOINED_ARTICLE = re.compile(r"\b(?:al|el|ad|ar|as|ash|at|az|an|ech|ed|es|et|ez)[-‑]$", re.IGNORECASE)
# "Harir airbase in Erbil province", "al-Shaddadi base in Syria's al-Hasakeh": the second locates the first.
# Not across a new member of a list: "10 killed in Deir ez-Zor and 13 in the city of Mayadin".
_CONTAINER = re.compile(
    r"^(?:(?!\band\b)[^.;\d]){0,40}?\bin\s+(?:the\s+)?(?:[\w’']+\s+){0,3}(?:(?:al|el|ad|ar|as|ash|at|az|an)[-‑])?$"
)

_DATELINE_AFTER = re.compile(r"^\s*(?:\(|,|:|\s[-–—])")


def in_motive(sentence: Sentence, hit: Hit) -> bool:
    """After "in response to" with no new trigger between, words name the motive, not the attack."""
    motives = [m for m in sentence.of("cue", "motive_cues") if m.end <= hit.start]
    if not motives:
        return False
    motive = max(motives, key=lambda m: m.end)
    return not any(motive.end <= t.start < hit.start for t in sentence.of("cue", "attack_triggers"))


def aside_role(
    sentence: Sentence, doc: Document, kb: Knowledge, start: int, end: int, chosen: list[tuple[Hit, PlaceChoice]]
) -> tuple[str, str] | None:
    """The role of a place named beside the attack: dateline, "Erbil-based", origin, reference point, container."""
    text = doc.text
    if _is_dateline(text, start, end):
        return "dateline", "where the report was filed"
    if text[end : end + 6].lower() == "-based" or _seat_pattern(kb.role_cues["seat_before"]).search(
        text, max(0, start - 40), start
    ):
        return "seat", "the seat of a speaker or outlet"
    if any(
        o.end <= start
        and _is_origin_gap(text[o.end : start], kb.role_cues["origin_spots"])
        and not _DISTANCE_BEFORE.search(text, max(0, o.start - 20), o.start)
        for o in sentence.of("cue", "origin_cues")
    ):
        return "origin", "where the weapons came from"
    if _REFERENCE.search(text[max(0, start - 45) : start].lower()):
        return "reference", "a reference point of a distance or bearing"
    between = text[chosen[-1][0].end : start] if chosen else ""
    if chosen and (_CONTAINER.match(between) or _NEAR_PLACE.match(between) or _DESCRIBING.match(between)):
        return "landmark", "says where the place before it is"
    return None


def placed_by_words(doc: Document, kb: Knowledge, hit: Hit, triggers: list[Hit]) -> bool:
    """The words before a name say it is a place: "in", "near", "the city of" (lexicon
    place_words_before, up to three lowercase words between), an attack word ("struck Kharkiv"),
    or a place before it in a list that such words place; or a part of it follows in the
    genitive ("Kabul's airport", "Kyiv's Podil district")."""
    if any(t.end <= hit.start and not doc.text[t.end : hit.start].strip() for t in triggers):
        return True
    if _GENITIVE.match(doc.text, hit.end) and _part_follows(doc.sentence_at(hit.start), hit):
        return True
    if _place_words_pattern(kb.role_cues["place_words_before"]).search(doc.text, max(0, hit.start - 60), hit.start):
        return True
    # "the cities of Dnipro, Kryvyi Rih and Pokrovsk": the words before a list place all of it.
    listed = [
        p
        for p in doc.sentence_at(hit.start).of("place")
        if p.end < hit.start and is_list_gap(doc.text, p.end, hit.start)
    ]
    return any(placed_by_words(doc, kb, p, triggers) for p in listed)


def is_list_gap(text: str, end: int, start: int) -> bool:
    """Whether text[end:start] joins two items of a list: ", ", " and ", ", and ", " and nearby "."""
    return bool(_LIST_GAP.fullmatch(text, end, start))


_LIST_GAP = re.compile(r",\s+|,?\s+and\s+(?:(?:nearby|neighbouring|neighboring)\s+)?")


_GENITIVE = re.compile(r"['’]s\b")


def voice_role(doc: Document, kb: Knowledge, end: int) -> tuple[str, str] | None:
    """A place that speaks or sponsors is its government or people, not a site: "in what
    Washington called", "Damascus accused", "Tehran-backed" (lexicon source_after,
    denier_after, sponsor_after)."""
    words = (*kb.role_cues["source_after"], *kb.role_cues["denier_after"], *kb.role_cues["sponsor_after"])
    if _voice_pattern(words).match(doc.text, end):
        return "voice", "a place that speaks or sponsors is its government"
    return None


def clock_role(doc: Document, kb: Knowledge, end: int) -> tuple[str, str] | None:
    """A place that names a time zone is no site: "at 9 p.m. Baghdad time" (lexicon clock_after)."""
    if _voice_pattern(kb.role_cues["clock_after"]).match(doc.text, end):
        return "clock", "a place that names a time zone"
    return None


@functools.cache
def _voice_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"\s?(?i:{'|'.join(re.escape(w) for w in words)})\b")


def is_genitive_voice(sentence: Sentence, doc: Document, hit: Hit) -> bool:
    """ "over Washington's support", "Moscow's response": a town abroad in the genitive is
    its government or people, unless a part of it follows ("Kyiv's Podil district"). A
    town of the theatre in the genitive is mostly a place ("Tyre's southern outskirts")."""
    return bool(_GENITIVE.match(doc.text, hit.end)) and not _part_follows(sentence, hit)


def _part_follows(sentence: Sentence, hit: Hit) -> bool:
    return any(0 < k.first - hit.last <= 3 for k in sentence.of("cue", "place_kind_words"))


@functools.cache
def _seat_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    cue = "|".join(re.escape(w) for w in words)
    return re.compile(rf"\b(?i:{cue})\s+(?:the\s+)?(?:(?i:city|capital)\s+of\s+)?$")


@functools.cache
def _place_words_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    cue = "|".join(re.escape(w) for w in words)
    # An Arabic article may stand before the name ("the city of El Fasher").
    return re.compile(rf"\b(?i:{cue})\s+(?:[a-z][a-z-]*\s+){{0,3}}(?:(?i:al|el|ad|ar|as|ash|at|az|an)[\s-])?$")


def _is_origin_gap(gap: str, spots: tuple[str, ...]) -> bool:
    """The words between an origin cue and a place: none, "the", or where around it the
    weapons came from ("fired from positions near Sake", "came from areas of Kfar Kila")."""
    words = gap.lower().split()
    if words[:1] == ["the"]:
        words = words[1:]
    return not words or " ".join(words) in spots


def word_role(sentence: Sentence, doc: Document, hits: list[Hit]) -> tuple[str, str] | None:
    """The role of a name that is not the attack's place for what the words around it are."""
    if in_motive(sentence, hits[0]):
        return "motive", "names the attack this one answers"
    if _is_name_tail(doc, hits[0]):
        return "name part", "ends a longer name the gazetteer lacks"
    if _is_given_in_quotes(doc, hits[0]):
        return "name part", "a name in quotes given to a weapon or an operation"
    if _is_given_name(sentence, doc, hits):
        return "given name", "a person's given name before the surname"
    return None


def _is_given_name(sentence: Sentence, doc: Document, hits: list[Hit]) -> bool:
    """A town's name that is a person's given name, before the surname ("Rami Abdulrahman"):
    only GeoNames towns, followed by a capitalised word that is no known name nor a kind of place."""
    if any(not h.payload[1].startswith("geonames:") for h in hits):
        return False
    following = hits[0].last + 1
    if following >= len(doc.tokens) or not doc.tokens.is_capital(following):
        return False
    token = doc.tokens[following]
    if token.start >= sentence.end or doc.text[hits[0].end : token.start] != " ":
        return False
    # a known name or cue ("Erbil Airport", "Gaza City" as one name, "Kirkuk Province") is no surname
    return not any(h.first <= following <= h.last for h in sentence.hits)


def _is_given_in_quotes(doc: Document, hit: Hit) -> bool:
    """A place's name in quotes after "called" or "dubbed" names a thing: 'a new drone they
    called "Yafa"' (Jaffa's Arabic name), 'an offensive code-named "Kursk"'."""
    before = _naming_pattern(doc.kb.role_cues["naming_before"]).search(doc.text, max(0, hit.start - 20), hit.start)
    return before is not None and doc.text[hit.end : hit.end + 1] in _CLOSING_QUOTES


_CLOSING_QUOTES = frozenset({'"', "”", "’", "'"})


@functools.cache
def _naming_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    cue = "|".join(re.escape(w) for w in words)
    return re.compile(rf"\b(?i:{cue})\s+[\"“‘']$")


def _is_name_tail(doc: Document, hit: Hit) -> bool:
    """A known name that only ends a longer one the gazetteer lacks: "Shaab" in "Aita al-Shaab"
    (a village in Lebanon, not Sahab in Jordan), "Biri" in "Tudun Biri village" (in Nigeria,
    not Biri in Israel). "Syria's al-Tanf" is not one."""
    if hit.first == 0:
        return False
    sentence = doc.sentence_at(hit.start)
    joined = _JOINED_ARTICLE.search(doc.text[max(0, hit.start - 5) : hit.start])
    if not joined and not any(k.first == hit.last + 1 for k in sentence.of("cue", "place_kind_words")):
        return False
    previous = doc.tokens[hit.first - 1]
    word = doc.text[previous.start : previous.end]
    if not previous.is_capital or previous.start == sentence.start or word.lower() in _ARTICLES:
        return False  # a capital that begins the sentence, or "The al-Harir airbase"
    named = any(h.first <= hit.first - 1 <= h.last for h in sentence.hits)
    return not named and not word.endswith(("'s", "’s")) and not word[:1].isdigit()


def _is_dateline(text: str, start: int, end: int) -> bool:
    """ "BAGHDAD (Reuters) -", "ERBIL, Kurdistan Region -": where the report was filed."""
    surface = text[start:end]
    line_start = text.rfind("\n", 0, start) + 1
    at_line_start = not text[line_start:start].strip()
    return surface.isupper() and len(surface) > 2 and at_line_start and bool(_DATELINE_AFTER.match(text[end : end + 4]))
