"""What earlier sentences of a report said, for the pronouns and silent days of later ones.

Extraction reads a report sentence by sentence; each stage that needs what came before
(the day of the last attack, the parties last named, a claim just reported) reads it from
one immutable Context that the assembly of mentions updates after each sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sitrep.records import Mention
from sitrep.resolve.time import DateWindow, TimePhrase, TimeReading


@dataclass(frozen=True, slots=True)
class Dated:
    """The day of the last attack told, for a next sentence that names none."""

    sentence: int
    window: DateWindow
    attacker: str | None
    span: tuple[int, int]
    reading: TimeReading


@dataclass(frozen=True, slots=True)
class Context:
    """What earlier sentences said: parties (with the day and country they were named for),
    the last day told, the last claim and confirmation, and the report's news day."""

    attacker: str | None = None
    attacker_window: DateWindow | None = None
    attacker_country: str | None = None
    target: str | None = None
    target_window: DateWindow | None = None
    target_country: str | None = None
    # The weapons of the last attack told, for "a similar incident" after it.
    weapons: tuple[str, ...] = ()
    # The weapons of an attack told with no place, and the sentence, until an attack is
    # placed: "The attack occurred 66 nautical miles southwest of Hodeidah" places that one.
    placeless_weapons: tuple[int, tuple[str, ...]] | None = None
    dated: Dated | None = None
    claimed: tuple[int, str] | None = None
    # An attacker's claim told with no place ("US bombers struck bunkers in Yemen, officials
    # said"), with the window it was told for and how that follows from the publication day:
    # it covers that attacker's attacks of those days.
    story_claims: tuple[tuple[str, DateWindow | None, TimeReading | None], ...] = ()
    # Attackers whose claims the report has already tied to places: their other attacks are
    # not covered by a general claim ("claims several attacks ... sources heard explosions at X").
    claims_placed: frozenset[str] = frozenset()
    confirmed: int | None = None
    # The country of the attack a placed confirmation was about (None: it named no place).
    confirmed_country: str | None = None
    # A confirmed attack told with no place (its attacker and window): the statement that
    # places "the strike" later shares the confirmation.
    confirmed_placeless: tuple[str | None, DateWindow | None] | None = None
    # The day the lead says the news was told: the day of an attack told with no day.
    news: tuple[TimePhrase, ...] = ()


def remember_mention(context: Context, mention: Mention) -> Context:
    """The parties of a mention just built, for the sentences after it."""
    window = (
        DateWindow(None, date.fromisoformat(mention.date_earliest), date.fromisoformat(mention.date_latest), "window")
        if mention.date_earliest and mention.date_latest
        else None
    )
    # A party carried into this mention keeps the window and country it was named for.
    named_attacker = mention.attacker is not None and "attacker" not in mention.inferred
    named_target = mention.target is not None and "target" not in mention.inferred
    return replace(
        context,
        attacker=mention.attacker or context.attacker,
        attacker_window=window if named_attacker else context.attacker_window,
        attacker_country=mention.country if named_attacker else context.attacker_country,
        target=mention.target or context.target,
        target_window=window if named_target else context.target_window,
        target_country=mention.country if named_target else context.target_country,
        weapons=mention.weapons or context.weapons,
        placeless_weapons=None,
    )
