"""The knowledge cache on disk."""

from __future__ import annotations

import os
from pathlib import Path

from sitrep.knowledge import _prune_cache


def test_only_the_newest_knowledge_caches_are_kept(tmp_path: Path) -> None:
    for age in range(12):
        cache = tmp_path / f"knowledge-{age:016d}.pickle"
        cache.write_bytes(b"x")
        os.utime(cache, (1_700_000_000 - age * 60, 1_700_000_000 - age * 60))
    (tmp_path / "notes.txt").write_text("not a cache")
    _prune_cache(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        *(f"knowledge-{age:016d}.pickle" for age in range(8)),
        "notes.txt",
    ]
