"""Time the Eurostat import, the mapping refresh and the region dashboards on the full SBS file.

Run: ``python benchmarks/import_and_pages.py [--data-dir DIR]``. It builds a fresh SQLite database
in a temporary folder (your ``var/`` is not touched), then prints:

* the import of ``sbs_r_nuts06_r2.tsv.gz`` in seconds and figures per second, against a reference
  run in the same process: the same rows written with plain ``sqlite3.executemany`` into a bare
  table with the same unique key (the floor any import into SQLite pays);
* the mapping refresh (all levels × divisions and sections × years);
* the median render time of region dashboards, against a reference page in the same process
  (the tiny ``/api/regions/?limit=1`` response) — the target is well under 200 ms.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _time(function, repeat: int = 1) -> float:
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=15, help="renders per page")
    args = parser.parse_args()
    data_dir = args.data_dir or Path(
        os.environ.get("CLUSTERDIALOGUE_DATA_DIR", REPO.parent / "shared" / "data")
    )
    if not (data_dir / "eurostat" / "sbs_r_nuts06_r2.tsv.gz").exists():
        print(f"no data at {data_dir}: pass --data-dir or set CLUSTERDIALOGUE_DATA_DIR")
        return 2
    workdir = Path(tempfile.mkdtemp(prefix="cd-bench-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["CLUSTERDIALOGUE_DATA_DIR"] = str(data_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "clusterdialogue.config.settings_test"
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from clusterdialogue.core.io.eurostat import read_eurostat_tsv
    from clusterdialogue.datasources import NACE_TITLES, NUTS_FILES, locate
    from clusterdialogue.regions.services import (
        network_create_four_motors,
        regions_load_nuts,
        regions_load_reference,
    )
    from clusterdialogue.statistics.services.imports import dataset_import_eurostat
    from clusterdialogue.statistics.services.industries import industries_load_nace
    from clusterdialogue.statistics.services.mapping import mapping_refresh

    call_command("migrate", verbosity=0)
    regions_load_nuts(files=[locate(f) for f in NUTS_FILES])
    regions_load_reference()
    network_create_four_motors()
    industries_load_nace(path=locate(NACE_TITLES))
    sbs = data_dir / "eurostat" / "sbs_r_nuts06_r2.tsv.gz"

    report = None

    def run_import():
        nonlocal report
        report = dataset_import_eurostat(path=sbs)

    import_seconds = _time(run_import)
    figures = report.observations
    frame = read_eurostat_tsv(sbs)
    rows = list(
        zip(
            frame["geo"].tolist(), frame["nace_r2"].tolist(), frame["indic_sb"].tolist(),
            frame["year"].tolist(), frame["value"].where(frame["value"].notna(), None).tolist(),
            frame["flag"].tolist(), strict=True,
        )
    )  # fmt: skip

    def reference_insert():
        connection = sqlite3.connect(workdir / "reference.sqlite3")
        connection.execute("DROP TABLE IF EXISTS t")
        connection.execute(
            "CREATE TABLE t (geo TEXT, nace TEXT, ind TEXT, year INT, value REAL, flag TEXT, "
            "UNIQUE (geo, nace, ind, year))"
        )
        connection.executemany("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)", rows)
        connection.commit()
        connection.close()

    reference_seconds = _time(reference_insert)
    print(f"import sbs_r_nuts06_r2: {figures:,} figures in {import_seconds:.1f} s "
          f"({figures / import_seconds:,.0f} figures/s)")  # fmt: skip
    print(f"  reference (parse done, bare sqlite3 executemany): {reference_seconds:.1f} s; "
          f"ratio import/reference = {import_seconds / reference_seconds:.1f}")  # fmt: skip
    refresh_seconds = _time(lambda: mapping_refresh())
    print(
        f"mapping refresh (levels 0-2, divisions and sections, 2008-2015): {refresh_seconds:.1f} s"
    )

    client = Client()
    reference_page = _time(lambda: client.get("/api/regions/?limit=1"), args.repeat)
    for code in ("DE1", "FRK", "ES51", "ITC4", "BE2", "UKL", "DE11"):
        client.get(f"/regions/{code}/")  # warm caches, as a running server has them
        seconds = _time(lambda code=code: client.get(f"/regions/{code}/"), args.repeat)
        print(f"dashboard /regions/{code}/: {1000 * seconds:.0f} ms median of {args.repeat} "
              f"(reference page {1000 * reference_page:.1f} ms; "
              f"ratio {seconds / reference_page:.0f}; target < 200 ms)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
