"""Find the attacks a report states: one mention per attack (one place, one day, one attacker).

This module assembles the stages. For each sentence: `triggers` says whether it tells an
attack that happened and not a campaign; `places` gives each named place its role, and
only attack sites make attacks (`place_words` reads the words around each name); `anchors`
dates each attack; `parties` names who attacked whom with what; `linking` adds a sentence
that continues an attack already told to it; `story_claims` settles the claims the report
tells apart from their attacks; `merge` makes one mention of an attack the report tells twice.

Input: a prepared Document, the Knowledge and what is known of the publication day.
Output: the report's Mentions, each field with the span that states it or how it was inferred.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sitrep.document import Document, Sentence
from sitrep.extract.anchors import (
    attack_window,
    carried_window,
    day_at,
    event_time_phrases,
    is_background,
    is_said_day,
    news_phrases,
    tells_history,
    window_fields,
    window_near,
)
from sitrep.extract.casualties import casualties
from sitrep.extract.context import Context, Dated, remember_mention
from sitrep.extract.linking import (
    as_told_before,
    claimed_in_campaign,
    claims_the_last,
    follow_up,
    names_the_attack,
    placed_on_another_day,
    places_the_confirmed,
)
from sitrep.extract.merge import merge_mentions
from sitrep.extract.parties import (
    attack_weapons,
    claimant,
    has_subject,
    next_subject_clause,
    only_heard,
    opens_new_story,
    parties,
    points_back,
    sentence_actors,
    site_head,
    stays_home,
)
from sitrep.extract.places import STANDS_IN, attack_places, not_restated, report_countries
from sitrep.extract.story_claims import claimed_in_story, is_official_release
from sitrep.extract.triggers import (
    incident_triggers,
    is_campaign_statement,
    is_casualty,
    main_trigger,
    motive_split,
    realis_triggers,
)
from sitrep.knowledge import Knowledge
from sitrep.match import Hit
from sitrep.records import Mention, Story, is_coarse
from sitrep.resolve.actor import Roles, actor_roles
from sitrep.resolve.claim import claim_status, is_confirmed, speaking_state
from sitrep.resolve.place import PlaceChoice
from sitrep.resolve.time import Dating, Published, TimePhrase, resolve_phrase
from sitrep.resolve.weapon import weapon_fields


def extract_statements(doc: Document, kb: Knowledge, published: Published) -> tuple[list[Mention], Story]:
    """Return each statement of an attack in a prepared report, before the merge of those
    that tell one attack twice (`merged`), which depends on their days; those whose day is
    known only to a week or more (`records.is_coarse`) come last. And the claims the report
    tells apart from them, which `story_claims.settle_claims` gives them once they are dated."""
    mentions: list[Mention] = []
    coarse: list[Mention] = []
    context = Context(news=news_phrases(doc))
    named_countries = report_countries(doc, kb)
    for sentence in doc.sentences:
        triggers = realis_triggers(sentence) or incident_triggers(sentence, doc)
        if not triggers:
            if claims_the_last(sentence):
                mentions = follow_up(mentions, sentence, doc, kb, [], published)
            context = _remember_claimant(context, sentence, kb)
            continue
        if is_campaign_statement(sentence, doc, kb):
            mentions = claimed_in_campaign(mentions, sentence, doc, kb)
            continue
        phrases = event_time_phrases(sentence, doc, kb)
        places, provinces = attack_places(sentence, doc, kb, triggers, named_countries)
        if not places:
            coarse += _province_attacks(doc, kb, sentence, provinces, triggers, phrases, context, published)
            mentions = follow_up(mentions, sentence, doc, kb, phrases, published)
            context = _remember_placeless(context, sentence, doc, kb, triggers, phrases, published)
            continue
        split = motive_split(sentence)
        own = [t for t in triggers if split is not None and t.start < split]
        if split is not None and own and all(hit.start >= split for hit, _ in places):
            # Only the attack named as the motive has a place: the sentence's own attack
            # ("US bombers struck seven sites ...") still dates and names what follows.
            context = _remember_placeless(context, sentence, doc, kb, own, phrases, published, end=split)
        for hit, choice in places:
            as_motive = split is not None and hit.start >= split
            if as_motive and split is not None and not any(p.start >= split for p in phrases):
                # "struck Kiryat Ata on Saturday in retaliation for ... the recent bombing of
                # Nabatiyeh": the attack answered came before, on a day the sentence does not give
                continue
            clause = (
                (split, sentence.end) if as_motive and split is not None else (sentence.start, split or sentence.end)
            )
            in_clause = [t for t in triggers if clause[0] <= t.start < clause[1]] or triggers
            own_start, own_end = sentence.clause_around(hit.start)
            in_clause = [t for t in in_clause if own_start <= t.start < own_end] or in_clause
            trigger = min(in_clause, key=lambda t: (is_casualty(sentence, t), abs(t.first - hit.first)))
            dated = day_at(hit, sentence, doc, phrases, published, context)
            mention = _mention(doc, kb, sentence, hit, choice, trigger, dated, context, published, clause)
            if mention is None:
                continue
            if is_coarse(mention):
                coarse.append(mention)  # kept apart: nothing after it is dated or carried from it
                continue
            if (
                not phrases
                and not as_motive
                and (
                    names_the_attack(doc.text, hit)
                    or not (sentence.has("cue", "repeat_cues") or placed_on_another_day(mention, mentions))
                )
            ):
                # "The Tower 22 attack also wounded ...", "a drone was shot down near Ain
                # al-Asad": a place already told, with no day, goes on about that attack
                # (but "the base was also hit by rockets" tells another, and so does the
                # sentence that places an attack whose other day was told just before).
                mention = as_told_before(mention, mentions)
            mentions.append(mention)
            if as_motive:
                continue  # an earlier attack named as the reason for this one: not what follows is about
            context = remember_mention(context, mention)
            if is_confirmed(sentence, kb):
                context = replace(context, confirmed=sentence.index, confirmed_country=mention.country)
            # The day of an attack the report only recalls dates none of the news after it.
            if mention.date_earliest is not None and dated is not None and not mention.background:
                context = replace(
                    context,
                    dated=Dated(sentence.index, dated.window, mention.attacker, dated.phrase.span, dated.reading),
                )
            if mention.claim == "claimed" and mention.attacker:
                context = replace(context, claimed=(sentence.index, mention.attacker))
                if "claim" not in mention.inferred:
                    context = replace(context, claims_placed=context.claims_placed | {mention.attacker})
    story = Story(
        tuple((by, reading) for by, _, reading in context.story_claims),
        context.claims_placed,
        is_official_release(doc),
    )
    return mentions + not_restated(coarse, mentions), story


def _province_attacks(
    doc: Document,
    kb: Knowledge,
    sentence: Sentence,
    provinces: list[tuple[Hit, PlaceChoice]],
    triggers: list[Hit],
    phrases: list[TimePhrase],
    context: Context,
    published: Published,
) -> list[Mention]:
    """The attacks a sentence places only in a province ("a drone struck a base in Hasakah
    province"): no events of GOLD.md's, but attacks a coder can place; the attack named as a
    motive is not among them."""
    split = motive_split(sentence)
    found = []
    for hit, choice in provinces:
        if split is not None and hit.start >= split:
            continue
        own = [t for t in triggers if split is None or t.start < split] or triggers
        trigger = min(own, key=lambda t: (is_casualty(sentence, t), abs(t.first - hit.first)))
        dated = day_at(hit, sentence, doc, phrases, published, context)
        clause = (sentence.start, split or sentence.end)
        mention = _mention(doc, kb, sentence, hit, choice, trigger, dated, context, published, clause)
        if mention is not None:
            found.append(mention)
    return found


def merged(statements: list[Mention], kb: Knowledge) -> list[Mention]:
    """The mentions of a report: its statements merged so each attack appears once, numbered."""
    return [replace(m, id=f"m{n}") for n, m in enumerate(merge_mentions(statements, kb), 1)]


def latest_attack_day(doc: Document, kb: Knowledge, published: Published) -> date | None:
    """The latest day the report gives for an attack ("attacked late on November 23"), if any.

    A report about attacks is published soon after the latest one it dates, so this day
    stands in for an unknown publication date.
    """
    days = []
    for sentence in doc.sentences:
        if (
            not realis_triggers(sentence)
            or is_campaign_statement(sentence, doc, kb)
            or sentence.has("cue", "history_cues")
        ):
            continue
        for phrase in event_time_phrases(sentence, doc, kb):
            window = resolve_phrase(phrase, published) if phrase.kind == "date" else None
            if window is not None and window.date is not None:
                days.append(window.date)
    return max(days, default=None)


def _remember_placeless(
    context: Context,
    sentence: Sentence,
    doc: Document,
    kb: Knowledge,
    triggers: list[Hit],
    phrases: list[TimePhrase],
    published: Published,
    end: int | None = None,
) -> Context:
    """Remember the parties and day of attacks a sentence (up to `end`) tells without a place."""
    end = sentence.end if end is None else end
    told = [p for p in phrases if p.start < end and not is_said_day(doc.text, p)]
    # "According to a toll given on Saturday, 23 fighters were killed in strikes on Friday
    # night": the day nearest the attack word is the attack's.
    dated = window_near(main_trigger(sentence, triggers).start, told, published, context)
    actors = [a for a in sentence_actors(sentence) if a.start < end]
    roles = actor_roles(doc.text, actors, main_trigger(sentence, triggers), kb)
    context = _remember(context, sentence, roles, kb, dated)
    weapons = weapon_fields(sentence, doc, kb).weapons
    if weapons:
        context = replace(context, placeless_weapons=(sentence.index, weapons))
    if dated is not None:
        context = replace(
            context, dated=Dated(sentence.index, dated.window, context.attacker, dated.phrase.span, dated.reading)
        )
    return context


def _remember_claimant(context: Context, sentence: Sentence, kb: Knowledge) -> Context:
    """A sentence that tells no attack but a group's claim ("The Islamic Resistance made the
    announcement in a statement on Thursday"): the group is the one the next sentence's "it"
    or "the statement" speaks for."""
    group = claimant(sentence, sentence_actors(sentence), kb)
    if group is None:
        return context
    name = group.payload[1]
    return replace(
        context,
        attacker=name,
        attacker_window=None,
        attacker_country=None,
        claimed=(sentence.index, name),
        story_claims=(*context.story_claims, (name, None, None)),
    )


def _remember(context: Context, sentence: Sentence, roles: Roles, kb: Knowledge, dated: Dating | None) -> Context:
    """What a sentence that tells attacks without a place says for the sentences after it."""
    window, reading = (dated.window, dated.reading) if dated else (None, None)
    if roles.attacker:
        context = replace(context, attacker=roles.attacker.payload[1], attacker_window=window, attacker_country=None)
    if roles.target:
        context = replace(context, target=roles.target.payload[1], target_window=window, target_country=None)
    attacker = roles.attacker.payload[1] if roles.attacker else None
    if attacker and claim_status(sentence, attacker, [roles.attacker], kb)[0] == "claimed":  # type: ignore[list-item]
        context = replace(context, claimed=(sentence.index, attacker))
        context = replace(context, story_claims=(*context.story_claims, (attacker, window, reading)))
    elif attacker is None and context.attacker and speaking_state(sentence, kb) == context.attacker:
        # "US defence secretary Lloyd Austin said the B-2 bombers targeted ...": the attacker's
        # own official tells the attacks told before
        context = replace(context, claimed=(sentence.index, context.attacker))
        context = replace(context, story_claims=(*context.story_claims, (str(context.attacker), window, reading)))
    if is_confirmed(sentence, kb):
        context = replace(
            context, confirmed=sentence.index, confirmed_country=None, confirmed_placeless=(attacker, window)
        )
    return context


def _mention(
    doc: Document,
    kb: Knowledge,
    sentence: Sentence,
    place_hit: Hit,
    choice: PlaceChoice,
    trigger: Hit,
    dated: Dating | None,
    context: Context,
    published: Published,
    clause: tuple[int, int],
) -> Mention | None:
    """Build the mention of one attack from the clause of the sentence that tells it, or None
    when no day can be read for it at all."""
    text = doc.text
    spans: dict[str, tuple[int, int]] = {
        "place": (place_hit.start, place_hit.end),
        "trigger": (trigger.start, trigger.end),
    }
    inferred: dict[str, str] = {"place": STANDS_IN} if choice.reason == STANDS_IN else {}
    own_start, own_end = sentence.clause_around(place_hit.start)
    if (
        own_start > sentence.start
        and own_start <= trigger.start < own_end
        and has_subject(sentence, own_start, trigger)
    ):
        # "..., and that US forces destroyed two drone boats near Hodeidah": a later clause
        # with its own subject and attack word names its own parties ("..., and fired
        # missiles at Eilat" shares the sentence's subject; "X claimed a strike on A, and
        # another on a US-run base at B" shares its parties).
        clause = (max(clause[0], own_start), min(clause[1], own_end))
    elif own_start <= trigger.start < own_end:
        # "Russia fired missiles at Kharkiv, as Ukrainian drones struck Belgorod": the next
        # clause with its own subject and attack word has its own parties.
        clause = (clause[0], next_subject_clause(sentence, own_end, clause[1], realis_triggers(sentence)))
    actors = [a for a in sentence_actors(sentence) if clause[0] <= a.start < clause[1]]
    roles = actor_roles(text, actors, trigger, kb)
    head = site_head(sentence, place_hit, kb)
    if head is not None and roles.target is not None and kb.actor(roles.target.payload[1]).kind == "target_kind":
        # "targeting Aleppo airport, leading to the death of a civilian worker": the kind of
        # site hit competes with the other kinds named (a party named outranks it)
        roles = actor_roles(text, sorted([*actors, head], key=lambda a: a.start), trigger, kb)
    attacker, target = parties(
        roles,
        Context() if opens_new_story(sentence) else context,
        dated.window if dated else carried_window(sentence, context),
        spans,
        inferred,
        sentence_names_group=points_back(sentence, trigger),
        heard_only=only_heard(sentence, trigger, kb),
        country=choice.place.country,
        home_elsewhere=stays_home(context.target, context.target_country, choice.place.country, kb),
        hosts=choice.place.hosts,
        kb=kb,
    )
    window, reading, how, date_span = attack_window(sentence, dated, context, published, attacker, kb)
    if date_span is not None:
        spans["date"] = date_span
    if how:
        inferred["date"] = how
    elif dated is not None and is_said_day(text, dated.phrase):
        inferred["date"] = "only the day it was reported is named"
    if window is None and published.day is not None:
        return None
    # With the report's own day unknown, an attack told "on Tuesday" has no day: it is kept
    # as a coarse attack (`records.UNDATED_REASON`) for a coder to date, not dropped.
    weapons = attack_weapons(sentence, doc, kb, attacker, inferred, place_hit, context, trigger)
    spans.update(weapons.spans)
    killed, injured = casualties(doc.text, clause, kb, spans)
    carried = context.claimed[1] if context.claimed and sentence.index - context.claimed[0] <= 1 else None
    # A confirmation told just before carries to an attack in the same country (or after one of no place).
    confirmed = (
        context.confirmed is not None
        and sentence.index - context.confirmed <= 2
        and context.confirmed_country in (None, choice.place.country)
    )
    claim, claimed_by = claim_status(
        sentence, attacker, actors, kb, carried_claim=carried, carried_confirmation=confirmed
    )
    if claim == "reported" and places_the_confirmed(context, sentence, attacker, dated):
        claim = "confirmed"
        inferred["claim"] = "confirmed where the report told this attack before with no place"
    if claim != "claimed" and claimed_in_story(context, attacker, window, sentence.index):
        claim, claimed_by = "claimed", attacker
        inferred["claim"] = "the attacker's claim told earlier in the report"
    place = choice.place
    history = tells_history(text, sentence, place_hit)
    return Mention(
        doc=doc.report.doc,
        report_id=doc.report.id,
        id="",
        trigger=text[trigger.start : trigger.end],
        evidence=text[sentence.start : sentence.end],
        evidence_spans=((sentence.start, sentence.end),),
        **window_fields(window),
        place=text[place_hit.start : place_hit.end],
        place_id=place.id,
        place_canonical=place.name,
        admin1=place.admin1,
        country=place.country,
        lat=place.lat,
        lon=place.lon,
        geo_precision=choice.geo_precision,
        attacker=attacker,
        target=target,
        weapons=weapons.weapons,
        strikes=weapons.strikes,
        claim=claim,
        claimed_by=claimed_by,
        intercepted=True if _intercepted_at(sentence, place_hit) else None,
        killed=killed,
        injured=injured,
        background=is_background(window, published) or history,
        event_type=weapons.event_type,
        sub_event_type=weapons.sub_event_type,
        confidence=0.8 if "date" in spans and choice.geo_precision == 1 else 0.6,
        spans=spans,
        inferred=inferred,
        reading=replace(reading, history=history),
    )


def _intercepted_at(sentence: Sentence, place: Hit) -> bool:
    """An interception told in the place's own clause ("a drone was shot down near al-Tanf,
    rockets landed ..."), or in a clause that names no place ("..., and that most of the
    missiles were intercepted")."""
    own = sentence.clause_around(place.start)
    for cue in sentence.of("cue", "interception_cues"):
        start, end = sentence.clause_around(cue.start)
        if (start, end) == own or not any(start <= p.start < end for p in sentence.of("place")):
            return True
    return False
