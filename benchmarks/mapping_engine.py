"""Time the cluster mapping engine on real Eurostat data and on an input ten times larger.

Usage::

    python benchmarks/mapping_engine.py [--data-dir DIR] [--repeat 3]

Reads ``DIR/eurostat/sbs_r_nuts06_r2.tsv.gz`` (DIR defaults to ``$CLUSTERDIALOGUE_DATA_DIR``
or ``../shared/data`` next to the repository), takes persons employed (V16110) and local units
(V11210, as establishments) for every NUTS-2 region, NACE division and year, and times
:func:`~clusterdialogue.core.mapping.map_clusters` (best of ``--repeat`` runs). It then builds
an input ten times larger by copying every region ten times with perturbed values, times that,
and prints the cost per cell of both, so that growth faster than linear is visible.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import numpy as np
import pandas as pd

from clusterdialogue.core.io.eurostat import read_eurostat_tsv
from clusterdialogue.core.mapping import map_clusters

REPO_ROOT = Path(__file__).resolve().parents[1]
SBS_FILE = Path("eurostat") / "sbs_r_nuts06_r2.tsv.gz"
INDICATORS = {"V16110": "employment", "V11210": "establishments"}


def default_data_dir() -> Path:
    return Path(os.environ.get("CLUSTERDIALOGUE_DATA_DIR", REPO_ROOT.parent / "shared" / "data"))


def load_nuts2_divisions(path: Path) -> pd.DataFrame:
    """Employment and establishments per NUTS-2 region, NACE division and year."""
    cells = read_eurostat_tsv(path)
    keep = (
        cells["indic_sb"].isin(list(INDICATORS))
        & (cells["geo"].str.len() == 4)
        # Extra-regio codes (DEZZ, ...) hold no place, only what cannot be located.
        & ~cells["geo"].str.endswith("Z")
        & cells["nace_r2"].str.fullmatch(r"[A-Z]\d{2}")
    )
    cells = cells.loc[keep]
    # Only the cells the file has: a full grid would invent rows that are merely absent.
    wide = cells.pivot(index=["year", "geo", "nace_r2"], columns="indic_sb", values="value")
    wide = wide.rename(columns=INDICATORS).reset_index()
    wide = wide.rename(columns={"geo": "region", "nace_r2": "industry"})
    return wide[["year", "region", "industry", "employment", "establishments"]]


def enlarge(frame: pd.DataFrame, factor: int, seed: int = 2026) -> pd.DataFrame:
    """Copy every region ``factor`` times, with values perturbed by about 10 %."""
    rng = np.random.default_rng(seed)
    copies = []
    for copy in range(factor):
        noise = rng.lognormal(0.0, 0.1, size=len(frame))
        copies.append(
            frame.assign(
                region=frame["region"] + f"-{copy}",
                employment=(frame["employment"] * noise).round(),
                establishments=(frame["establishments"] * noise).round(),
            )
        )
    return pd.concat(copies, ignore_index=True)


def best_time(frame: pd.DataFrame, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        map_clusters(frame)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=default_data_dir())
    parser.add_argument("--repeat", type=int, default=3, help="runs per input (best is kept)")
    parser.add_argument("--factor", type=int, default=10, help="size of the large input")
    args = parser.parse_args()

    start = time.perf_counter()
    real = load_nuts2_divisions(args.data_dir / SBS_FILE)
    print(
        f"read {args.data_dir / SBS_FILE} in {time.perf_counter() - start:.1f} s: "
        f"{real['region'].nunique()} NUTS-2 regions x {real['industry'].nunique()} divisions x "
        f"{real['year'].nunique()} years, {int(real['employment'].notna().sum())} of "
        f"{len(real)} employment cells present"
    )
    large = enlarge(real, args.factor)
    map_clusters(real.head(1000))  # warm-up: first-call imports and caches

    results = []
    print(f"{'input':<10}{'cells':>12}{'seconds':>10}{'cells/s':>14}{'us/cell':>10}")
    for label, frame in (("real", real), (f"{args.factor}x", large)):
        seconds = best_time(frame, args.repeat)
        results.append(seconds / len(frame))
        print(
            f"{label:<10}{len(frame):>12,}{seconds:>10.2f}{len(frame) / seconds:>14,.0f}"
            f"{1e6 * seconds / len(frame):>10.2f}"
        )
    print(f"per-cell cost ratio ({args.factor}x / real): {results[1] / results[0]:.2f}")


if __name__ == "__main__":
    main()
