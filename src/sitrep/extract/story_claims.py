"""Story claims: the claims a report tells apart from the attacks they claim.

A group's claim told with no place ("The Islamic Resistance said it attacked two bases on
Thursday") claims the attacks of those days that the report places before or after it; an
official release (its heading says so) confirms every attack it tells.

Input: the statements of a report, once dated, and its Story (the claims told apart, as
extraction found them), or the Context and the Document during extraction.
Output: the statements with their claims settled and `inferred["claim"]` saying why.

Which attacks a claim covers depends on their days, so the claims are settled after the
statements are dated, by extraction and by `extract.redate` alike: a report dated later
from the corpus gets the claims extraction under that day would give it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sitrep.document import Document
from sitrep.extract.context import Context
from sitrep.knowledge import Knowledge
from sitrep.records import Mention, Story
from sitrep.resolve.claim import best_claim
from sitrep.resolve.time import DateWindow, Published, read_window

# An official release says so in its heading (title, date, release number).
_RELEASE_HEADING_CHARS = 400


def settle_claims(statements: list[Mention], story: Story, published: Published, kb: Knowledge) -> list[Mention]:
    """The statements, dated under `published`, with the claims of the story given to them."""
    claims = tuple((by, read_window(r, published) if r is not None else None) for by, r in story.claims)
    settled = [claimed_later(m, claims, story.placed, kb) for m in statements]
    return [confirmed_by_release(m, kb) for m in settled] if story.release else settled


def claimed_later(
    mention: Mention, claims: tuple[tuple[str, DateWindow | None], ...], placed: frozenset[str], kb: Knowledge
) -> Mention:
    """An attack the report places before telling, with no place, that its attacker claimed
    attacks of its days: claimed, as one told after it. A claim of no day covers only a
    state's attacks of the news: a state announces an operation ("the B-2 bombers targeted
    five sites in Yemen, Austin said"), where an armed group claims its attacks one by one,
    and the announcement is not about an attack the report only recalls."""
    if mention.claim == "claimed" or mention.attacker is None or mention.attacker in placed:
        return mention
    any_day = kb.actor(mention.attacker).kind != "armed_group" and not mention.background
    if mention.date_earliest is None or mention.date_latest is None:
        return mention
    earliest, latest = date.fromisoformat(mention.date_earliest), date.fromisoformat(mention.date_latest)
    if not any(
        by == mention.attacker
        and (any_day if told_for is None else earliest <= told_for.latest and told_for.earliest <= latest)
        for by, told_for in claims
    ):
        return mention
    note = "the attacker's claim told later in the report"
    return replace(mention, claim="claimed", claimed_by=mention.attacker, inferred={**mention.inferred, "claim": note})


def claimed_in_story(context: Context, attacker: str | None, window: DateWindow | None, index: int) -> bool:
    """The report told, with no place, that this attacker claimed attacks of these days (or
    of the sentence just before), and tied none of its claims to a place: the text reports
    the attacker's claim of this attack (GOLD.md's claim precedence is the text's)."""
    if attacker is None or attacker in context.claims_placed:
        return False
    for group, told_for, _ in context.story_claims:
        if group != attacker:
            continue
        if told_for is None and context.claimed is not None and index - context.claimed[0] <= 1:
            return True
        if window is None or told_for is None:
            continue
        if window.earliest <= told_for.latest and told_for.earliest <= window.latest:
            return True
    return False


def is_official_release(doc: Document) -> bool:
    """The report is an official's own statement: its heading says so ("Release Number ...")."""
    return any(
        cue.start < _RELEASE_HEADING_CHARS for s in doc.sentences[:3] for cue in s.of("cue", "official_release_cues")
    )


def confirmed_by_release(mention: Mention, kb: Knowledge) -> Mention:
    claim = best_claim({mention.claim, "confirmed"}, kb.claim_precedence)
    if claim == mention.claim:
        return mention
    return replace(mention, claim=claim, inferred={**mention.inferred, "claim": "the report is an official release"})
