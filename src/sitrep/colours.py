"""The colours of countries in every chart and map: one scheme, in data/colours.yaml."""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import yaml


@functools.cache
def _colours() -> dict[str, Any]:
    text = resources.files("sitrep").joinpath("data", "colours.yaml").read_text(encoding="utf-8")
    return dict(yaml.safe_load(text))


def country_colours() -> dict[str, str]:
    """Country code -> colour (hex), with `other` for the countries not listed."""
    return {str(code): str(colour) for code, colour in _colours()["countries"].items()}


def palette() -> list[str]:
    """The colours given in turn to the values of an attribute (attackers, weapons), most frequent first."""
    return [str(colour) for colour in _colours()["palette"]]


def colour_of(country: str | None) -> str:
    """The colour a country is drawn in."""
    colours = country_colours()
    return colours.get(country or "", colours["other"])
