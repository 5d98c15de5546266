"""Time the complexity engine against the Harvard Growth Lab's ecomplexity on real Eurostat data.

Usage::

    python benchmarks/complexity.py [--data-dir DIR] [--repeat 3] [--year 2014]

Reads ``DIR/eurostat/sbs_r_nuts06_r2.tsv.gz`` (DIR defaults to ``$CLUSTERDIALOGUE_DATA_DIR``
or ``../shared/data`` next to the repository) and takes persons employed (V16110) for every
NUTS-2 region, NACE division and year, leaving out missing cells (both tools count them as
zero). It then times, best of ``--repeat`` runs, on one year and on all eight:

* :func:`~clusterdialogue.core.complexity.complexity_matrices` (RCA, M, proximity, density,
  ECI, PCI, COI, COG) on one year, and
  :func:`~clusterdialogue.core.complexity.complexity_by_year` (the same for each year);
* ``ecomplexity.ecomplexity`` (the same measures) in one call, with its default
  log-supermodularity check and without it (``check_logsupermodularity=False``).

It prints the seconds of each and the speed ratio (ecomplexity time / ours), and checks that
the ECI of the two agree. BLAS runs on one thread (``OPENBLAS_NUM_THREADS=1`` unless set).
"""

from __future__ import annotations

import os

# The matrices are small (about 300 x 70): BLAS threads only contend, and on a busy machine they
# slowed both tools five- to tenfold. One thread each, unless the environment says otherwise.
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

import argparse  # noqa: E402
import contextlib  # noqa: E402
import io  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from clusterdialogue.core.complexity import complexity_by_year, complexity_matrices  # noqa: E402
from clusterdialogue.core.io.eurostat import read_eurostat_tsv  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[1]
SBS_FILE = Path("eurostat") / "sbs_r_nuts06_r2.tsv.gz"
COLUMNS = {"time": "year", "loc": "region", "prod": "industry", "val": "employment"}


def default_data_dir() -> Path:
    return Path(os.environ.get("CLUSTERDIALOGUE_DATA_DIR", REPO_ROOT.parent / "shared" / "data"))


def load_employment(path: Path) -> pd.DataFrame:
    """Persons employed per NUTS-2 region, NACE division and year; missing cells left out."""
    cells = read_eurostat_tsv(path)
    keep = (
        (cells["indic_sb"] == "V16110")
        & (cells["geo"].str.len() == 4)
        # Extra-regio codes (DEZZ, ...) hold no place, only what cannot be located.
        & ~cells["geo"].str.endswith("Z")
        & cells["nace_r2"].str.fullmatch(r"[A-Z]\d{2}")
        & cells["value"].notna()
    )
    cells = cells.loc[keep].rename(
        columns={"geo": "region", "nace_r2": "industry", "value": "employment"}
    )
    return cells[["year", "region", "industry", "employment"]].reset_index(drop=True)


def ours(frame: pd.DataFrame) -> list:
    if frame["year"].nunique() == 1:
        return [complexity_matrices(frame)]
    return list(complexity_by_year(frame).values())


def theirs(frame: pd.DataFrame, *, check: bool) -> pd.DataFrame:
    from ecomplexity import ecomplexity

    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("ignore")  # its pandas deprecations and log-supermodularity notes
        return ecomplexity(frame, COLUMNS, verbose=False, check_logsupermodularity=check)


def best_time(run: Callable[[], object], repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return min(times), result


def largest_eci_difference(mine: list, reference: pd.DataFrame) -> float:
    found = 0.0
    for result in mine:
        eci = reference.loc[reference["year"] == result.year].groupby("region")["eci"].first()
        found = max(found, float(np.nanmax(np.abs(result.eci.reindex(eci.index) - eci))))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=default_data_dir())
    parser.add_argument("--repeat", type=int, default=3, help="runs per input (best is kept)")
    parser.add_argument("--year", type=int, default=2014, help="the single year timed")
    args = parser.parse_args()

    start = time.perf_counter()
    every_year = load_employment(args.data_dir / SBS_FILE)
    one_year = every_year.loc[every_year["year"] == args.year].reset_index(drop=True)
    print(
        f"read {args.data_dir / SBS_FILE} in {time.perf_counter() - start:.1f} s: "
        f"{every_year['region'].nunique()} NUTS-2 regions x {every_year['industry'].nunique()} "
        f"divisions x {every_year['year'].nunique()} years, {len(every_year):,} cells with "
        f"employment ({len(one_year):,} in {args.year}); BLAS threads: "
        f"{os.environ['OPENBLAS_NUM_THREADS']}"
    )
    ours(one_year.head(200))  # warm-up: first-call imports
    theirs(one_year.head(200), check=False)

    print(
        f"{'input':<12}{'ours s':>9}{'ecomplexity s':>15}{'ratio':>8}"
        f"{'no-check s':>12}{'ratio':>8}{'max |dECI|':>12}"
    )
    for label, frame in ((str(args.year), one_year), ("all years", every_year)):
        mine_s, mine = best_time(lambda frame=frame: ours(frame), args.repeat)
        full_s, _ = best_time(lambda frame=frame: theirs(frame, check=True), args.repeat)
        bare_s, reference = best_time(lambda frame=frame: theirs(frame, check=False), args.repeat)
        print(
            f"{label:<12}{mine_s:>9.3f}{full_s:>15.3f}{full_s / mine_s:>7.1f}x"
            f"{bare_s:>12.3f}{bare_s / mine_s:>7.1f}x{largest_eci_difference(mine, reference):>12.1e}"
        )
    print(
        "ratio = ecomplexity seconds / ours (above 1: ours is faster); 'no-check' is ecomplexity "
        "without its log-supermodularity check"
    )


if __name__ == "__main__":
    main()
