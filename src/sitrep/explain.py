"""Show a coder why sitrep says what it says: each field beside the words that state it."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from sitrep.extract import SentenceTrace
from sitrep.records import Mention
from sitrep.resolve.time import DateWindow

# One style per kind of span, so the sentence reads like a marked-up coding sheet.
STYLES = {
    "place": "bold cyan",
    "date": "bold green",
    "attacker": "bold red",
    "target": "bold yellow",
    "trigger": "underline",
    "killed": "bold magenta",
    "injured": "magenta",
}
_WEAPON_STYLE = "bold blue"
_FIELDS = ("date", "place", "attacker", "target", "weapons", "strikes", "killed", "injured", "claim", "background")


def explain_mention(mention: Mention, text: str) -> RenderableType:
    """Return the mention's evidence with its spans highlighted and a table of its fields."""
    sentences = [_highlighted(text, start, end, mention) for start, end in mention.evidence_spans]
    table = Table(show_header=True, box=None, padding=(0, 2))
    table.add_column("field", style="dim")
    table.add_column("value")
    table.add_column("from", style="dim")
    for name in _FIELDS:
        table.add_row(name, Text(_value(mention, name)), Text(_provenance(mention, name, text)))
    title = Text(f"{mention.id}  {mention.event_type or ''} / {mention.sub_event_type or ''}", style="bold")
    return Group(title, *sentences, table, Text(""))


def explain_trace(traces: list[SentenceTrace], text: str) -> RenderableType:
    """Return, for each sentence with an attack word, each place's role and each time phrase's anchor."""
    table = Table(show_header=True, box=None, padding=(0, 2), title="stages", title_justify="left")
    table.add_column("sentence", style="dim")
    table.add_column("words")
    table.add_column("stage decision")
    for sentence in traces:
        table.add_row(f"s{sentence.index}", Text(_clip(text[sentence.start : sentence.end])), f"tells {sentence.tells}")
        for role in sentence.places:
            canonical = f" = {role.choice.place.name}" if role.choice else ""
            why = f" ({role.why})" if role.why else ""
            table.add_row(
                "", Text(f"place “{text[role.hit.start : role.hit.end]}”{canonical}"), Text(f"{role.role}{why}")
            )
        for time in sentence.times:
            day = _window(time.window)
            words = f"time “{text[time.phrase.start : time.phrase.end]}”"
            table.add_row("", Text(words), f"{day}: dates {time.dates}, from {time.counted_from}")
    return table


def _clip(sentence: str, width: int = 70) -> str:
    return sentence if len(sentence) <= width else sentence[: width - 1] + "…"


def _window(window: DateWindow | None) -> str:
    if window is None:
        return "no day"
    if window.earliest == window.latest:
        return window.earliest.isoformat()
    return f"{window.date or '?'} (window {window.earliest}..{window.latest})"


def _highlighted(text: str, start: int, end: int, mention: Mention) -> Text:
    sentence = Text(text[start:end])
    for name, (a, b) in mention.spans.items():
        style = _WEAPON_STYLE if name.startswith("weapons.") else STYLES.get(name)
        if style and start <= a < b <= end:
            sentence.stylize(style, a - start, b - start)
    return Text.assemble("  “", sentence, "”")


def _value(mention: Mention, name: str) -> str:
    if name == "date":
        window = (
            f" (window {mention.date_earliest}..{mention.date_latest})"
            if mention.date_earliest != mention.date_latest
            else ""
        )
        return f"{mention.date}{window}"
    if name == "place":
        return f"{mention.place_canonical} ({mention.admin1 or ''}, {mention.country}) {mention.lat}, {mention.lon}"
    if name == "weapons":
        return ", ".join(mention.weapons) or "not named"
    if name == "claim" and mention.claimed_by:
        return f"{mention.claim} by {mention.claimed_by}"
    value = getattr(mention, name)
    return "" if value is None else str(value)


def _provenance(mention: Mention, name: str, text: str) -> str:
    if name in mention.inferred:
        return f"inferred: {mention.inferred[name]}"
    keys = [k for k in mention.spans if k == name or k.startswith(f"{name}.")]
    return "; ".join(f"“{text[slice(*mention.spans[k])]}”" for k in keys)
