"""The public surface: one sorted __all__ that names exactly the public names."""

from __future__ import annotations

import sitrep


def test_all_is_sorted_and_complete() -> None:
    public = {name for name in vars(sitrep) if not name.startswith("_")} - {"annotations"}
    modules = {name for name in public if type(getattr(sitrep, name)).__name__ == "module"}
    assert sitrep.__all__ == sorted(sitrep.__all__)
    assert set(sitrep.__all__) == public - modules
