"""Party roles: who attacked whom, with what, in the clause that tells an attack.

Input: a Sentence, the clause that governs an attack's place, its trigger and the Context
of earlier sentences. Output: the attacker and target (named in the clause, else carried
from an earlier attack on the same day or in the same country, marked inferred), the
armed group whose claim the sentence reports, and the weapons (named, else the usual
weapon of a state's strikes, marked inferred). The agent of the attack verb is found by
`resolve.actor.actor_roles`; this stage decides which actors may be parties at all and
when a party carries over from before.
"""

from __future__ import annotations

from dataclasses import replace

from sitrep.document import Document, Sentence
from sitrep.extract.context import Context
from sitrep.extract.place_words import in_motive
from sitrep.knowledge import Knowledge
from sitrep.match import Hit
from sitrep.resolve.actor import Roles
from sitrep.resolve.claim import claim_status, group_descriptions
from sitrep.resolve.time import DateWindow
from sitrep.resolve.weapon import WeaponFields, event_types, weapon_fields


def sentence_actors(sentence: Sentence) -> list[Hit]:
    """The actors of a sentence that can be parties to its attack (not inside a place name, not in its motive)."""
    places = sentence.of("place")
    return [
        h
        for h in sentence.of("actor")
        if not in_motive(sentence, h)
        and not any(p.start <= h.start and h.end <= p.end and (p.end - p.start) > (h.end - h.start) for p in places)
    ]


def site_head(sentence: Sentence, site: Hit, kb: Knowledge) -> Hit | None:
    """The kind of target that closes the attack site's name ("targeting Aleppo international
    airports"): the site itself was hit, a party to the attack though inside a place name."""
    return next(
        (
            h
            for h in sentence.of("actor")
            if h.end == site.end and h.start > site.start and kb.actor(h.payload[1]).kind == "target_kind"
        ),
        None,
    )


def claimant(sentence: Sentence, actors: list[Hit], kb: Knowledge) -> Hit | None:
    """The armed group whose claim a sentence reports ("Kataib Hezbollah claimed the attack")."""
    for group in sorted(
        (h for h in actors if kb.actor(h.payload[1]).kind == "armed_group"),
        key=lambda h: kb.actor(h.payload[1]).is_generic,
    ):
        if claim_status(sentence, group.payload[1], actors, kb)[0] == "claimed":
            return group
    return None


def has_subject(sentence: Sentence, start: int, trigger: Hit) -> bool:
    """A clause from `start` names an actor before its attack word: it has its own subject."""
    return any(start <= actor.start < trigger.start for actor in sentence.of("actor"))


def next_subject_clause(sentence: Sentence, start: int, end: int, triggers: list[Hit]) -> int:
    """Where the first clause from `start` (up to `end`) with its own subject and attack word
    begins, or `end`."""
    position = start
    while position < end:
        clause_start, clause_end = sentence.clause_around(position)
        if any(clause_start <= t.start < clause_end and has_subject(sentence, clause_start, t) for t in triggers):
            return max(clause_start, start)
        position = max(clause_end, position + 1)
    return end


def points_back(sentence: Sentence, trigger: Hit) -> bool:
    """The sentence refers to the party told before: "an attack also claimed by the same
    group", "they also targeted"; a bare "it" or "they" only before the attack word
    ("... before reaching it" is the base); "the Iran-backed militant group" anywhere."""
    pronouns = sentence.of("cue", "group_pronouns")
    return any(p.last > p.first or p.first < trigger.first for p in pronouns) or bool(group_descriptions(sentence))


def only_heard(sentence: Sentence, trigger: Hit, kb: Knowledge) -> bool:
    """The attack word is an explosion that someone heard ("reported hearing explosions at
    the US base") and the sentence names no armed group: it tells an effect, with no one who
    caused it ("heard explosions ... which resulted from the Islamic Resistance targeting
    the base" names one)."""
    heard = any(cue.end <= trigger.start for cue in sentence.of("cue", "heard_cues"))
    explosion = any(w.start <= trigger.start < w.end for w in sentence.of("cue", "explosion_words"))
    groups = [h for h in sentence.of("actor") if kb.actor(h.payload[1]).kind == "armed_group"]
    return heard and explosion and not groups


def refers_back(sentence: Sentence, trigger: Hit) -> bool:
    """The attack word, or a subject before it, refers to what was told before: "the attack
    occurred ...", "the blast hit ...", "the base was hit" (the lexicon's anaphors), "The
    first struck ..." (an ordinal that opens the sentence), not "an attack targeted ..."."""
    start, _ = sentence.clause_around(trigger.start)
    if any(o.start == sentence.start < trigger.start for o in sentence.of("cue", "ordinal_subjects")):
        return True
    return any(start <= a.start <= trigger.start for a in sentence.of("cue", "anaphors"))


def opens_new_story(sentence: Sentence) -> bool:
    """The sentence opens with "Separately", "In a related development": it tells another
    story, so nothing told before carries into it or takes it as a continuation."""
    return any(cue.first == sentence.hits[0].first for cue in sentence.of("cue", "new_topic_cues"))


def stays_home(target: str | None, named_in: str | None, country: str, kb: Knowledge) -> bool:
    """A state named as the target of an attack on its own soil stays there: Israel, hit at
    Haifa, is not the target of the next rocket on Baghdad (Iran, named for strikes in
    Syria, may be)."""
    home = next((code for code, name in kb.countries.items() if name == target), None)
    return home is not None and named_in == home and country != home


def territory_of(country: str, kb: Knowledge) -> str | None:
    """The state actor whose territory a country is (Israel for IL), if actors.yaml lists it as a state."""
    name = kb.countries.get(country)
    actor = kb.actors.get(name) if name is not None else None
    return name if actor is not None and actor.kind == "state" else None


def _lies_on_ground(target: str, kb: Knowledge) -> bool:
    """A kind of target (a school, an airport) that is part of the ground it stands on."""
    return kb.actor(target).kind == "target_kind" and target.lower() not in kb.role_cues["off_territory_targets"]


def same_side(a: str | None, b: str | None, kb: Knowledge) -> bool:
    """Unknown, equal, or one only described ("an Iran-backed militia") and the other named."""
    if a is None or b is None or a == b:
        return True
    return kb.actor(a).is_generic or kb.actor(b).is_generic


def parties(
    roles: Roles,
    context: Context,
    window: DateWindow | None,
    spans: dict[str, tuple[int, int]],
    inferred: dict[str, str],
    *,
    sentence_names_group: bool,
    heard_only: bool = False,
    country: str,
    home_elsewhere: bool,
    hosts: str | None,
    kb: Knowledge,
) -> tuple[str | None, str | None]:
    """Attacker and target named in the sentence; else those of the same day's attacks told
    before, or of any day when the sentence points back ("an attack also claimed by the same group"),
    but no attacker into explosions someone only heard.
    A carried attacker stays in the country of the attack it came from; a target also
    carries to any day in that country, never to another attacker's attack. A party the
    sentence names outranks one carried from earlier. With no target named, fire on the
    territory of a state that is a party (GOLD.md: "fire on a state's ... territory is that
    state") targets that state, before any target carried from earlier; last, a facility
    that hosts a party's forces (facilities.csv `hosts`) makes them the target."""
    attacker = target = None
    named_target = roles.target.payload[1] if roles.target else None
    if roles.attacker:
        attacker = roles.attacker.payload[1]
        spans["attacker"] = (roles.attacker.start, roles.attacker.end)
    elif (
        context.attacker
        and context.attacker != named_target
        and not heard_only
        and (
            sentence_names_group
            or (overlaps(window, context.attacker_window) and _near(country, context.attacker_country))
        )
    ):
        attacker = context.attacker
        inferred["attacker"] = "named earlier in the report"
    home_state = territory_of(country, kb)
    on_home_ground = home_state is not None and home_state != attacker
    if on_home_ground and named_target is not None and _lies_on_ground(named_target, kb):
        # "a drone crashed into a school in Eilat": what was hit on a party state's ground is that state
        target = home_state
        inferred["target"] = f"the {named_target} hit lie on {home_state}'s territory"
    elif roles.target and named_target != attacker:
        target = named_target
        spans["target"] = (roles.target.start, roles.target.end)
    elif on_home_ground:
        target = home_state
        inferred["target"] = f"the attack hit {home_state}'s territory"
    elif (
        context.target
        and context.target != attacker
        and (attacker is None or context.attacker in (None, attacker))
        and not home_elsewhere
        and (sentence_names_group or country == context.target_country or overlaps(window, context.target_window))
    ):
        target = context.target
        inferred["target"] = "named earlier in the report"
    elif hosts is not None and hosts != attacker:
        # GOLD.md: fire on a party's bases is fire on that party
        target = hosts
        inferred["target"] = f"the place hosts {hosts}"
    return attacker, target


def _near(country: str, earlier: str | None) -> bool:
    """An attack in the country of the earlier one, or the earlier one had no place ("US forces
    were attacked four times")."""
    return earlier is None or earlier == country


def overlaps(a: DateWindow | None, b: DateWindow | None) -> bool:
    """Whether two windows share a day (an unknown window shares any)."""
    return a is None or b is None or (a.earliest <= b.latest and b.earliest <= a.latest)


def attack_weapons(
    sentence: Sentence,
    doc: Document,
    kb: Knowledge,
    attacker: str | None,
    inferred: dict[str, str],
    place: Hit,
    context: Context,
    trigger: Hit,
) -> WeaponFields:
    """The weapons the sentence names for the place; else those of the attack told before
    when the sentence calls this one like it ("a similar incident"), or when it places the
    attack the sentence before told with no place ("The attack occurred 66 nautical miles
    southwest of Hodeidah"); else the usual weapon of a state's strikes; all marked inferred."""
    weapons = weapon_fields(sentence, doc, kb, place=place)
    if weapons.weapons:
        return weapons
    if context.weapons and sentence.has("cue", "similar_cues"):
        inferred["weapons"] = "no weapon named: a similar attack to the one told before"
        return _with_weapons(weapons, context.weapons, kb)
    told = context.placeless_weapons
    if told is not None and sentence.index - told[0] <= _PLACES_THE_TOLD and refers_back(sentence, trigger):
        inferred["weapons"] = "no weapon named: the attack told just before with no place"
        return _with_weapons(weapons, told[1], kb)
    default = kb.actor(attacker).default_weapon if attacker else None
    if default is None:
        return weapons
    inferred["weapons"] = f"no weapon named: strikes by {attacker} are air strikes"
    return _with_weapons(weapons, (default,), kb)


# How many sentences after an attack told with no place "the attack" still means that one.
_PLACES_THE_TOLD = 2


def _with_weapons(fields: WeaponFields, weapons: tuple[str, ...], kb: Knowledge) -> WeaponFields:
    event_type, sub_event_type = event_types(weapons, kb)
    return replace(fields, weapons=weapons, event_type=event_type, sub_event_type=sub_event_type)
