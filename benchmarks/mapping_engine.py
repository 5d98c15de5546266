"""Time the cluster mapping engine against the reference engine, on real and generated inputs.

Usage::

    python benchmarks/mapping_engine.py [--data-dir DIR] [--repeat 5] [--reference-100x]

Reads ``DIR/eurostat/sbs_r_nuts06_r2.tsv.gz`` (DIR defaults to ``$CLUSTERDIALOGUE_DATA_DIR``
or ``../shared/data`` next to the repository), takes persons employed (V16110) and local units
(V11210, as establishments) for every NUTS-2 region, NACE division and year, and times, in the
same process, :func:`~clusterdialogue.core.mapping.map_clusters` and the engine it replaced
(``benchmarks/reference_mapping.py``), best of ``--repeat`` runs each, on:

* ``real``: that input as it is (its own gaps: absent cells and missing values);
* ``missing10``: a generated input of the same shape with 10 % of the employment cells missing;
* ``skewed``: a generated input of four times as many regions whose sizes follow a Pareto
  law (small regions have few industries, a few regions are very large);
* ``10x`` and ``100x``: the real input with every region copied 10 and 100 times, values
  perturbed by about 10 %. The reference is timed at 100x only with ``--reference-100x``
  (about a minute a run).

Each input is also checked to give the same table and warnings as the reference. The load
average of the machine is printed before and after: the figures mean little on a busy machine.
The last lines say whether the targets of issue 13 are met: 10 M cells/s on the real input,
and linear growth (cells/s at 100x at least 0.7 times the real input's).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from clusterdialogue.core.io.eurostat import read_eurostat_tsv
from clusterdialogue.core.mapping import map_clusters

REPO_ROOT = Path(__file__).resolve().parents[1]
SBS_FILE = Path("eurostat") / "sbs_r_nuts06_r2.tsv.gz"
INDICATORS = {"V16110": "employment", "V11210": "establishments"}
TARGET_CELLS_PER_SECOND = 10e6
LINEAR_GROWTH = 0.7


def default_data_dir() -> Path:
    return Path(os.environ.get("CLUSTERDIALOGUE_DATA_DIR", REPO_ROOT.parent / "shared" / "data"))


def load_reference_engine():
    """``benchmarks/reference_mapping.py``, the engine before the dense rewrite."""
    name = "reference_mapping"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(f"{name}.py"))
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


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


def _labels(values: pd.Series, suffix: str) -> pd.Series:
    """``values + suffix``, one string object per distinct label (as pandas' readers give)."""
    codes, uniques = pd.factorize(values)
    labels = np.array([f"{label}{suffix}" for label in uniques], dtype=object)
    return pd.Series(labels[codes], index=values.index, dtype="str")


def enlarge(frame: pd.DataFrame, factor: int, seed: int = 2026) -> pd.DataFrame:
    """Copy every region ``factor`` times, with values perturbed by about 10 %."""
    rng = np.random.default_rng(seed)
    copies = []
    for copy in range(factor):
        noise = rng.lognormal(0.0, 0.1, size=len(frame))
        copies.append(
            frame.assign(
                region=_labels(frame["region"], f"-{copy}"),
                employment=(frame["employment"] * noise).round(),
                establishments=(frame["establishments"] * noise).round(),
            )
        )
    return pd.concat(copies, ignore_index=True)


def generated(
    *,
    regions: int,
    industries: int,
    years: int,
    missing: float,
    skewed: bool,
    seed: int = 2026,
) -> pd.DataFrame:
    """A ``year, region, industry, employment, establishments`` input made up for timing.

    Employment is region size x industry weight x noise, rounded. With ``skewed`` the region
    sizes follow a Pareto law and a region has about as many industries as its size allows
    (the smallest a few, the largest all), so groups and regions are very uneven. ``missing``
    is the share of the present cells whose employment is NaN.
    """
    rng = np.random.default_rng(seed)
    # Pareto region sizes: most regions small, a few very large.
    size = (rng.pareto(1.1, regions) + 1) * 2000 if skewed else rng.lognormal(9, 0.8, regions)
    weight = rng.dirichlet(np.full(industries, 0.7))
    year = np.repeat(np.arange(2010, 2010 + years), regions * industries)
    region = np.tile(np.repeat(np.arange(regions), industries), years)
    industry = np.tile(np.arange(industries), regions * years)
    if skewed:
        # A region of size s has each industry with probability min(1, 0.05 + s / 20 000).
        present = rng.random(len(region)) < np.minimum(1.0, size[region] / 20_000 + 0.05)
    else:
        present = np.ones(len(region), dtype=bool)
    employment = np.round(
        size[region] * weight[industry] * industries * rng.lognormal(0, 0.3, len(region))
    )
    employment[rng.random(len(region)) < missing] = np.nan
    establishments = np.ceil(employment / rng.uniform(4, 30, len(region)))
    region_labels = np.array([f"G{r:04d}" for r in range(regions)], dtype=object)
    industry_labels = np.array([f"N{i:02d}" for i in range(industries)], dtype=object)
    frame = pd.DataFrame(
        {
            "year": year[present],
            "region": pd.array(region_labels[region[present]], dtype="str"),
            "industry": pd.array(industry_labels[industry[present]], dtype="str"),
            "employment": employment[present],
            "establishments": establishments[present],
        }
    )
    return frame


def best_time(engine, frame: pd.DataFrame, repeat: int) -> tuple[float, float]:
    """Best wall-clock and best CPU seconds of ``repeat`` runs."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        engine(frame)
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return min(walls), min(cpus)


def same_result(frame: pd.DataFrame, reference) -> bool:
    new, old = map_clusters(frame.copy()), reference.map_clusters(frame.copy())
    try:
        pd.testing.assert_frame_equal(new.table, old.table, check_exact=True)
    except AssertionError:
        return False
    return new.warnings == old.warnings


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=default_data_dir())
    parser.add_argument("--repeat", type=int, default=5, help="runs per input (best is kept)")
    parser.add_argument(
        "--reference-repeat", type=int, default=2, help="runs of the reference per input"
    )
    parser.add_argument(
        "--reference-100x", action="store_true", help="also time the reference at 100x (slow)"
    )
    args = parser.parse_args()
    reference = load_reference_engine()
    print(f"load average (1, 5, 15 min) at start: {load_average()} on {os.cpu_count()} CPUs")

    start = time.perf_counter()
    real = load_nuts2_divisions(args.data_dir / SBS_FILE)
    print(
        f"read {args.data_dir / SBS_FILE} in {time.perf_counter() - start:.1f} s: "
        f"{real['region'].nunique()} NUTS-2 regions x {real['industry'].nunique()} divisions x "
        f"{real['year'].nunique()} years, {int(real['employment'].notna().sum())} of "
        f"{len(real)} employment cells present"
    )
    shape = {
        "regions": real["region"].nunique(),
        "industries": real["industry"].nunique(),
        "years": real["year"].nunique(),
    }
    inputs = {
        "real": real,
        "missing10": generated(**shape, missing=0.1, skewed=False),
        "skewed": generated(
            **{**shape, "regions": 4 * shape["regions"]}, missing=0.02, skewed=True
        ),
        "10x": enlarge(real, 10),
        "100x": enlarge(real, 100),
    }
    map_clusters(real.head(1000))  # warm-up: first-call imports and caches
    reference.map_clusters(real.head(1000))

    header = (
        f"{'input':<10}{'cells':>12}{'seconds':>9}{'cells/s':>13}{'cells/s cpu':>13}"
        f"{'ref cells/s':>13}{'ratio':>7}  same as ref"
    )
    print(header)
    speed: dict[str, float] = {}
    for label, frame in inputs.items():
        seconds, cpu = best_time(map_clusters, frame, args.repeat)
        speed[label] = len(frame) / seconds
        if label != "100x" or args.reference_100x:
            ref_seconds, _ = best_time(reference.map_clusters, frame, args.reference_repeat)
            ref_speed = f"{len(frame) / ref_seconds:>13,.0f}{ref_seconds / seconds:>6.1f}x"
            same = "yes" if same_result(frame, reference) else "NO"
        else:
            ref_speed, same = f"{'(skipped)':>13}{'':>7}", "not checked"
        print(
            f"{label:<10}{len(frame):>12,}{seconds:>9.3f}{speed[label]:>13,.0f}"
            f"{len(frame) / cpu:>13,.0f}{ref_speed}  {same}"
        )
        del frame
    if not args.reference_100x:
        print("(the reference is not timed at 100x: about a minute a run; --reference-100x)")
    print(f"load average (1, 5, 15 min) at end: {load_average()}")

    met = speed["real"] >= TARGET_CELLS_PER_SECOND
    print(
        f"target {TARGET_CELLS_PER_SECOND / 1e6:.0f} M cells/s on the real input: "
        f"{'met' if met else 'NOT met'} ({speed['real'] / 1e6:.2f} M cells/s)"
    )
    for label in ("10x", "100x"):
        ratio = speed[label] / speed["real"]
        print(
            f"linear growth at {label} (cells/s >= {LINEAR_GROWTH} x the real input's): "
            f"{'met' if ratio >= LINEAR_GROWTH else 'NOT met'} ({ratio:.2f} x)"
        )


if __name__ == "__main__":
    main()
