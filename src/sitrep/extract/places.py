"""Place roles: which of the places a sentence names is where an attack landed.

Input: a prepared Sentence with its attack triggers, and the countries the report names.
Output: a PlaceRole for each place the sentence names (attack site, dateline, seat,
origin, reference point, landmark, frame, ...), with the gazetteer entry chosen for it;
only attack sites make attacks, one attack per site. "N nautical miles southeast of X"
is a site at the offset point.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from sitrep.document import Document, Sentence
from sitrep.extract.place_words import (
    aside_role,
    clock_role,
    is_genitive_voice,
    is_list_gap,
    placed_by_words,
    voice_role,
    word_role,
)
from sitrep.knowledge import AREA_WORDS, Knowledge
from sitrep.match import Hit, phrase_key
from sitrep.records import PROVINCE_REASON, Mention, Place, coarse_reason
from sitrep.resolve.place import (
    AREA_KINDS,
    PlaceChoice,
    best_place,
    candidates,
    distance_km,
    is_town_abroad,
    offset_place,
    own_names_first,
)

# A place further than this from every trigger of its sentence is not where the attack was.
_PLACE_REACH = 30
# A sea, gulf or strait only frames a position ("in the Red Sea"): it is no place (GOLD.md).
FRAME_KINDS = frozenset({"sea", "strait"})
# A town this close to a site named in the same sentence is the site's surroundings.
NEAR_SITE_KM = 30.0
# How near two towns abroad lie for the report that names both to name their country.
NEIGHBOUR_KM = 50.0

# "the province of Hama", "in four provinces: Damascus, Homs, Hama and Tartus": names of provinces.
# "the countryside of Hama", "rural Idlib", "the Aleppo countryside": the rural part of a
# province named after its capital (as Syrian reports and monitors write it), not the town.
_PROVINCE_OF = re.compile(
    r"\b(?:(?:province|governorate|countryside)s?\s*(?:of\b|:)"
    r"(?:\s*(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+)??\s*(?:,\s*and\b|,|\band\b))*|rural)\s*$"
)
_PROVINCE_AFTER = re.compile(r"\s+(?:(?i:province|governorate|region|oblast|department)s?|States?)\b")
_COUNTRYSIDE_AFTER = re.compile(r"(?:['’]s)?\s+countryside\b", re.IGNORECASE)
# "the Damascus suburb of Sayyida Zeinab": the first place only locates the second.
_PART_OF = re.compile(
    r"^(?:['’]s)?\s+(?:\w+\s+)?(?:suburb|suburbs|district|neighbou?rhood|area|outskirts|countryside|quarter)\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "95 nautical miles southeast of Aden": a position given as an offset from a named place.
_OFFSET = re.compile(
    r"(?P<distance>\d+(?:\.\d+)?)\s*(?P<unit>nautical miles|nm|km|kilomet(?:er|re)s|miles)\s+"
    r"(?:\([^)]*\)\s+)?(?P<direction>(?:north|south)?(?:east|west)|north|south)(?:ern)?\s+of\s+(?:the\s+)?"
    r"(?:(?:[\w-]+\s+)?(?:city|town|port|village|island)\s+of\s+)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class PlaceRole:
    """A place a sentence names and what it is to the sentence's attack.

    role: "site" (where an attack landed: only these make attacks), "dateline", "seat"
    ("Erbil-based"), "origin" ("launched from"), "reference" ("50 km south of"),
    "landmark" (locates the place before it: "X near Y", "X in Y"), "whole" ("the
    Damascus suburb of X"), "surroundings" (a town around a site named beside it),
    "restated" (a province only restating a place), "province" (the only place of an
    attack is a province: no event of GOLD.md's, kept as a coarse attack), "voice" (a place
    that speaks or sponsors, "what Moscow called", or a town abroad in the genitive), "clock"
    (a time zone: "9 p.m. Baghdad time"), "scope" (a
    territory named bare, as a war's), "frame" (a sea or strait), "motive"
    (the attack this one answers), "name part", "given name", "repeat" (the same place,
    named again right after: "the Yemeni capital, Sanaa"), "far" (too far from any attack
    word), "unknown" (no gazetteer entry fits).
    """

    hit: Hit
    choice: PlaceChoice | None
    role: str
    why: str = ""


def countries_named(sentence: Sentence, kb: Knowledge) -> set[str]:
    """The countries a sentence names: by name or demonym ("Sudan", "Sudanese"), or by one of
    their first-level areas ("in North Darfur", "Plateau State")."""
    named = {h.payload[1] for h in (*sentence.of("country"), *sentence.of("area"))}
    spans: dict[tuple[int, int], set[str]] = {}
    towns: dict[tuple[int, int], list[Place]] = {}
    for hit in sentence.of("place"):
        place = kb.places.get(hit.payload[1])
        if place is not None and place.kind == "province":
            spans.setdefault((hit.start, hit.end), set()).add(place.country)
        elif place is not None:
            towns.setdefault((hit.start, hit.end), []).append(place)
    for (_, end), options in towns.items():
        named |= {p.country for p in in_area_after(options, sentence.text, end, kb)}
    # "Central Province" is a province of several countries, and names none of them
    return named | {next(iter(c)) for c in spans.values() if len(c) == 1}


_AREA_AFTER = re.compile(r"\s*,\s*(?P<words>[A-Z][\w.&]*(?:\s+[A-Z][\w.]*){0,2})")


def in_area_after(options: list[Place], text: str, end: int, kb: Knowledge) -> list[Place]:
    """The namesakes that lie in the first-level area named after the name and a comma, as
    datelines and addresses write it: "Jackson, Miss.", "Slidell, Louisiana", "Surrey,
    B.C.", "Gwoza, Borno"; none when no area follows, or none of them lies in it."""
    after = _AREA_AFTER.match(text, end)
    if after is None:
        return []
    words = after["words"].split()
    ids = kb.area_abbreviations.get(words[0], ())
    if not ids:
        keys = (phrase_key(" ".join(words[:n])) for n in range(len(words), 0, -1))
        ids = next((tuple(i for i, _, _ in kb.bare_areas[k]) for k in keys if k in kb.bare_areas), ())
    areas = [kb.places[i] for i in ids]
    return [p for p in options if any(p.country == a.country and p.admin1 == a.admin1 for a in areas)]


def report_countries(doc: Document, kb: Knowledge) -> set[str]:
    """The countries a report names: those its sentences name (`countries_named`), and the
    country of two towns abroad of different names that lie near each other ("Cheltenham"
    and "Cirencester"): a coincidence of namesakes is rare, neighbours are the story."""
    named = {c for s in doc.sentences for c in countries_named(s, kb)}
    towns: dict[str, set[Place]] = {}
    for sentence in doc.sentences:
        for hit in sentence.of("place"):
            place = kb.places.get(hit.payload[1])
            if place is not None and is_town_abroad(place, kb.theatre) and place.country not in named:
                towns.setdefault(sentence.text[hit.start : hit.end].lower(), set()).add(place)
    names = list(towns.values())
    for i, these in enumerate(names):
        for those in names[i + 1 :]:
            named |= {
                a.country
                for a in these
                for b in those
                if a.country == b.country and a.id != b.id and distance_km(a, b) <= NEIGHBOUR_KM
            }
    return named


def attack_places(
    sentence: Sentence, doc: Document, kb: Knowledge, triggers: list[Hit], report_countries: set[str]
) -> tuple[list[tuple[Hit, PlaceChoice]], list[tuple[Hit, PlaceChoice]]]:
    """Return the places attacked in a sentence, with how each name was resolved, and the
    provinces it names as where an attack landed when it names no place inside them."""
    roles = place_roles(sentence, doc, kb, triggers, report_countries)
    sites = [(r.hit, r.choice) for r in roles if r.role == "site" and r.choice is not None]
    provinces = [(r.hit, r.choice) for r in roles if r.role == "province" and r.choice is not None]
    return sites, provinces


def place_roles(
    sentence: Sentence, doc: Document, kb: Knowledge, triggers: list[Hit], report_countries: set[str]
) -> list[PlaceRole]:
    """Give every place the sentence names its role; the attack sites are one per attack."""
    countries = countries_named(sentence, kb)
    groups: dict[tuple[int, int], list[Hit]] = {}
    for hit in sentence.of("place"):
        groups.setdefault((hit.start, hit.end), []).append(hit)
    roles: list[PlaceRole] = []
    chosen: list[tuple[Hit, PlaceChoice]] = []
    ordered = sorted(groups.items())
    for n, ((start, end), hits) in enumerate(ordered):
        if n + 1 < len(ordered) and _named_again(doc.text, hits, ordered[n + 1][1]):
            roles.append(PlaceRole(hits[0], None, "repeat", "the same place, named right after"))
            continue
        offset = _offset_place(sentence, doc, kb, hits, countries, report_countries)
        if offset is not None and not (chosen and _DESCRIBES.match(doc.text[chosen[-1][0].end : offset[0].start])):
            chosen.append(offset)
            continue
        aside = (
            voice_role(doc, kb, end)
            or clock_role(doc, kb, end)
            or aside_role(sentence, doc, kb, start, end, chosen)
            or word_role(sentence, doc, hits)
        )
        if aside is None and min(abs(t.first - hits[0].first) for t in triggers) > _PLACE_REACH:
            aside = ("far", f"more than {_PLACE_REACH} words from an attack word")
        if aside is not None:
            roles.append(PlaceRole(hits[0], None, *aside))
            continue
        options = own_names_first(candidates((h.payload[1] for h in hits), kb), doc.text[start:end], kb.theatre)
        names_province = _called_a_province(sentence, doc, start, end)
        if names_province:
            options = [p for p in options if p.kind == "province"] or _provinces_named(options, kb) or options
        options = _in_list_country(options, doc.text, hits[0], chosen)
        options = in_area_after(options, sentence.text, end, kb) or options
        choice = _report_choice(options, kb, countries, report_countries)
        if names_province and choice is not None and is_town_abroad(choice.place, kb.theatre):
            # "the province of Isfahan": the gazetteer knows only its capital, a town.
            roles.append(PlaceRole(hits[0], None, "unknown", "a province the gazetteer lacks, named as its capital"))
            continue
        abroad = best_place(options, countries=countries) if choice is None else None
        if abroad is not None:
            roles.append(PlaceRole(hits[0], abroad, "unknown", "a town abroad needs its country named"))
        elif choice is None:
            roles.append(PlaceRole(hits[0], None, "unknown", "no gazetteer entry fits the report"))
        elif is_town_abroad(choice.place, kb.theatre) and not placed_by_words(doc, kb, hits[0], triggers):
            roles.append(PlaceRole(hits[0], choice, "unknown", "a town abroad needs a place word before it"))
        elif is_town_abroad(choice.place, kb.theatre) and is_genitive_voice(sentence, doc, hits[0]):
            roles.append(PlaceRole(hits[0], choice, "voice", "a town abroad in the genitive is its government"))
        elif choice.place.kind in FRAME_KINDS:
            roles.append(PlaceRole(hits[0], choice, "frame", "a sea or strait only frames a position"))
        else:
            chosen.append((hits[0], choice))
    chosen, wholes = _drop_wholes(chosen, doc.text)
    roles += [PlaceRole(h, c, "whole", "the next place is part of it") for h, c in wholes]
    chosen.extend(_unknown_places(sentence, doc, chosen, [r.hit for r in roles if r.role in ("unknown", "name part")]))
    sites, set_aside = _most_precise(chosen)
    roles += [_as_province_named(r, sentence, doc) if r.role == "province" else r for r in set_aside]
    roles += [PlaceRole(h, c, "site", c.reason) for h, c in sites]
    return sorted(roles, key=lambda r: r.hit.start)


def _in_list_country(options: list[Place], text: str, hit: Hit, chosen: list[tuple[Hit, PlaceChoice]]) -> list[Place]:
    """ "the cities of Dnipro, Kryvyi Rih and Pokrovsk": a town listed after another is in its
    country where it can be (Pokrovsk in Ukraine, not Engels in Russia, once called Pokrovsk)."""
    if not chosen or not is_list_gap(text, chosen[-1][0].end, hit.start):
        return options
    country = chosen[-1][1].place.country
    return [p for p in options if p.country == country] or options


def _named_again(text: str, hits: list[Hit], following: list[Hit]) -> bool:
    """ "Yemen's capital, Sanaa": the next name, after a comma at most, is the same entry."""
    return bool({h.payload for h in hits} & {h.payload for h in following}) and not text[
        hits[0].end : following[0].start
    ].strip(" ,")


def _report_choice(
    options: list[Place], kb: Knowledge, countries: set[str], report_countries: set[str]
) -> PlaceChoice | None:
    """The entry a name means in a report, with the evidence its sentence and report give."""
    return best_place(
        options,
        countries=countries,
        report_countries=report_countries,
        theatre=kb.theatre,
        world_cities=kb.world_cities,
    )


def _provinces_named(towns: list[Place], kb: Knowledge) -> list[Place]:
    """ "the province of Isfahan": the provinces that bear a candidate town's name in its
    country (the world's provinces are indexed only as "Isfahan Province")."""
    return [kb.provinces[(t.country, t.name)] for t in towns if (t.country, t.name) in kb.provinces]


def _called_a_province(sentence: Sentence, doc: Document, start: int, end: int) -> bool:
    """The words around a name call it a province: "the province of Hama", "rural Idlib",
    "the Aleppo countryside", "in four provinces: Damascus, Homs", "Hodeidah governorate"."""
    before = doc.text[max(sentence.start, start - 80) : start].lower()
    if _PROVINCE_OF.search(before) or _area_word_after(doc.text, end):
        return True
    return _listed_before_area(sentence, doc, end)


def _area_word_after(text: str, end: int) -> bool:
    return bool(_COUNTRYSIDE_AFTER.match(text, end) or _PROVINCE_AFTER.match(text, end))


def _listed_before_area(sentence: Sentence, doc: Document, end: int) -> bool:
    """ "in Quneitra and Daraa countryside", "Hama and Idlib provinces": the area word after a
    list is every item's."""
    following = [p for p in sentence.of("place") if p.start >= end]
    nearest = min(following, key=lambda p: p.start, default=None)
    if nearest is None or not is_list_gap(doc.text, end, nearest.start):
        return False
    return _area_word_after(doc.text, nearest.end) or _listed_before_area(sentence, doc, nearest.end)


def _as_province_named(role: PlaceRole, sentence: Sentence, doc: Document) -> PlaceRole:
    """A province is an attack's place only where the report calls it one ("in Anbar province",
    "the province of Hasakah", "Borno State", "the Kharkiv region"): a territory named bare
    is mostly the scope of a war ("the war in the Gaza Strip", "the aggression on the Gaza
    Strip"), not where an attack landed."""
    hit = role.hit
    if _PROVINCE_WORD.search(doc.text[hit.start : hit.end]) or _called_a_province(sentence, doc, hit.start, hit.end):
        return role
    return replace(role, role="scope", why="a territory named without calling it a province")


_PROVINCE_WORD = re.compile(rf"\b(?:{'|'.join(AREA_WORDS)})s?\b", re.IGNORECASE)


def _drop_wholes(
    chosen: list[tuple[Hit, PlaceChoice]], text: str
) -> tuple[list[tuple[Hit, PlaceChoice]], list[tuple[Hit, PlaceChoice]]]:
    """Set apart a place named only as the whole that the next one is part of ("the Damascus
    suburb of X"); not one named as a part of the province after it ("the Dera Ismail Khan
    district of Khyber Pakhtunkhwa province")."""
    kept, wholes = [], []
    for n, (hit, choice) in enumerate(chosen):
        following = chosen[n + 1] if n + 1 < len(chosen) else None
        if (
            following is not None
            and following[1].place.kind not in AREA_KINDS
            and _PART_OF.match(text[hit.end : following[0].start])
        ):
            wholes.append((hit, choice))
        else:
            kept.append((hit, choice))
    return kept, wholes


# "al-Harir Air Base, situated 45 km north of Erbil": an offset right after a named site only
# says where that site is.
_DESCRIBES = re.compile(
    r"^\s*,?\s*(?:(?:which\s+is\s+|that\s+is\s+)?(?:situated|located|lying|some|about|around|roughly)\s+)*$",
    re.IGNORECASE,
)


def _offset_place(
    sentence: Sentence, doc: Document, kb: Knowledge, hits: list[Hit], countries: set[str], report_countries: set[str]
) -> tuple[Hit, PlaceChoice] | None:
    """A position given as an offset from a named place ("95 nautical miles southeast of Aden") is the place."""
    hit = hits[0]
    window_start = max(sentence.start, hit.start - 60)
    match = _OFFSET.search(doc.text[window_start : hit.start])
    if match is None:
        return None
    options = candidates((h.payload[1] for h in hits), kb)
    choice = _report_choice(options, kb, countries, report_countries)
    if choice is None:
        return None
    place = offset_place(choice.place, float(match["distance"]), match["unit"], match["direction"])
    whole = Hit(hit.first, hit.last, window_start + match.start(), hit.end, ("place", place.id))
    return whole, PlaceChoice(place, 2, "offset from a named place")


STANDS_IN = "named place not in the gazetteer; its province stands in"


def _unknown_places(
    sentence: Sentence, doc: Document, chosen: list[tuple[Hit, PlaceChoice]], unknown: list[Hit]
) -> list[tuple[Hit, PlaceChoice]]:
    """A named village or town the gazetteer lacks, in a named province: the province stands
    in. A name no entry fits, or that ends a longer one (`unknown`: "Shiraa" in "Umm Shiraa"), is no
    obstacle."""
    provinces = [(h, c) for h, c in chosen if c.place.kind == "province"]
    if not provinces:
        return []
    found = []
    taken = [
        (h.start, h.end) for h in sentence.hits if h.payload[0] in ("place", "actor", "country") and h not in unknown
    ]
    for kind_word in sentence.of("cue", "place_kind_words"):
        name = _capitalised_run_before(doc, kind_word.first, taken)
        if name is None:
            continue
        province_hit, province = min(provinces, key=lambda p: abs(p[0].first - kind_word.first))
        if province_hit.first < kind_word.first:
            continue
        first, last = name
        hit = Hit(first, last, doc.tokens[first].start, doc.tokens[last].end, ("place", province.place.id))
        found.append((hit, PlaceChoice(province.place, 3, STANDS_IN)))
    return found


def _capitalised_run_before(doc: Document, index: int, taken: list[tuple[int, int]]) -> tuple[int, int] | None:
    first = index
    while first - 1 >= 0 and index - first < 3 and doc.tokens[first - 1].is_capital:
        first -= 1
    if first == index:
        return None
    start, end = doc.tokens[first].start, doc.tokens[index - 1].end
    if any(a < end and start < b for a, b in taken):
        return None
    return first, index - 1


def _most_precise(chosen: list[tuple[Hit, PlaceChoice]]) -> tuple[list[tuple[Hit, PlaceChoice]], list[PlaceRole]]:
    """Keep mappable places: provinces only stand in for unknown names; towns and districts
    around a site give way ("the US embassy in Baghdad's Green Zone" is the embassy)."""
    kept, set_aside = [], []
    sites = [c.place for _, c in chosen if c.place.kind not in _SURROUNDINGS | AREA_KINDS]
    only_provinces = all(_names_a_province(c) for _, c in chosen)
    for hit, choice in chosen:
        if _names_a_province(choice):
            role = "province" if only_provinces else "restated"
            set_aside.append(PlaceRole(hit, choice, role, "a province is no attack site"))
        elif choice.place.kind in _SURROUNDINGS and any(
            distance_km(choice.place, s) <= NEAR_SITE_KM for s in sites if s.id != choice.place.id
        ):
            why = f"within {NEAR_SITE_KM:.0f} km of a site named beside it"
            set_aside.append(PlaceRole(hit, choice, "surroundings", why))
        else:
            kept.append((hit, choice))
    return kept, set_aside


def _names_a_province(choice: PlaceChoice) -> bool:
    """A province named as itself, not standing in for a village the gazetteer lacks."""
    return choice.place.kind == "province" and choice.reason != STANDS_IN


_SURROUNDINGS = frozenset({"town", "district"})


def not_restated(coarse: list[Mention], placed: list[Mention]) -> list[Mention]:
    """The coarse attacks, less those placed only in a province where the report places an
    attack more precisely (a lead's "in Hasakah province", then "at the al-Shaddadi base"),
    and less a province told again."""
    kept: list[Mention] = []
    for mention in coarse:
        if coarse_reason(mention) == PROVINCE_REASON and any(
            m.country == mention.country and m.admin1 in (None, mention.admin1)
            for m in [*placed, *(k for k in kept if coarse_reason(k) == PROVINCE_REASON)]
        ):
            continue
        kept.append(mention)
    return kept
