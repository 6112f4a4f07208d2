"""The knowledge cache on disk and the data files it is built from."""

from __future__ import annotations

import gzip
import importlib.util
import os
from pathlib import Path

from sitrep.knowledge import _prune_cache

from .conftest import ROOT


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


def test_the_shipped_geonames_files_are_what_the_build_writes() -> None:
    # The towns and areas are chosen by data/gazetteer.yaml: the files must follow a change of it.
    spec = importlib.util.spec_from_file_location("build_geonames", ROOT / "tools" / "build_geonames.py")
    assert spec and spec.loader
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    assert gzip.decompress(build.TARGET.read_bytes()).decode("utf-8") == build.geonames_text()
    assert build.AREAS.read_text(encoding="utf-8") == build.areas_text()
    assert build.COUNTRY_POINTS.read_text(encoding="utf-8") == build.country_points_text()
    assert build.CONTINENTS.read_text(encoding="utf-8") == build.continents_text()
