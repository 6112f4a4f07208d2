"""Resolve what the words of a mention mean: days, places, actors, weapons."""
