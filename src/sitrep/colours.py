"""The colours of countries in every chart and map: one scheme, in data/colours.yaml."""

from __future__ import annotations

import functools
from importlib import resources

import yaml


@functools.cache
def country_colours() -> dict[str, str]:
    """Country code -> colour (hex), with `other` for the countries not listed."""
    text = resources.files("sitrep").joinpath("data", "colours.yaml").read_text(encoding="utf-8")
    return {str(code): str(colour) for code, colour in yaml.safe_load(text).items()}


def colour_of(country: str | None) -> str:
    """The colour a country is drawn in."""
    colours = country_colours()
    return colours.get(country or "", colours["other"])
