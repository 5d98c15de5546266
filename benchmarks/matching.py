"""Time ``match recommend`` on independently generated profile sets, against sparse_dot_topn.

Usage::

    python benchmarks/matching.py [--profiles 100000 | --quick] [--generators new-user,skewed]
                                  [--sample 200] [--ratio-rows 20000] [--data-dir DIR]

For every generator (:data:`GENERATORS`: the issue's "new user" set of NACE class titles and
codes, sets that vary the vocabulary size, the text length, the language mix, the number of
territories and the popularity skew, and the project's own ``match generate`` set), it
writes the profiles to a CSV file and prints:

* the CLI path ``clusterdialogue match recommend --profiles P.csv --top 10 --cross-territory
  --out OUT.csv`` with the CLI's defaults, run in a child process: wall time, CPU time (all
  threads) and peak memory (the child's max RSS from ``os.wait4``);
* recall of the written lists against exact lists computed here by brute force (dense
  scores of ``--sample`` profiles against all, same territory and self left out, ties broken
  by score then row): the share of the exact partners found, a partner tied with the k-th
  exact score counting as exact, and the share of lists identical to the exact ones;
* one profile's top-10 on demand (with reasons): median and max of 50, in ms;
* the top-10 product of the same matrices (first ``--ratio-rows`` profiles against all):
  the project's own blockwise code (:func:`~clusterdialogue.core.matching.topk.sparse_topk`)
  and ``sparse_dot_topn.sp_matmul_topn``, 2 workers each, and the ratio of the two.

The machine is shared: wall times move with its load (printed); CPU times move less.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from clusterdialogue.core.io.eurostat import read_eurostat_tsv
from clusterdialogue.core.io.nace import read_nace_titles
from clusterdialogue.core.matching import MatchIndex, MatchSettings, read_profiles_csv
from clusterdialogue.core.matching.generate import generate_profiles, generate_title_profiles
from clusterdialogue.core.matching.nace_vocabulary import NaceVocabulary
from clusterdialogue.core.matching.topk import _identical_rows, sparse_topk
from clusterdialogue.core.matching.vocabulary import load_concepts

REPO_ROOT = Path(__file__).resolve().parents[1]
TOP = 10
TARGET_WALL, TARGET_RSS_GIB, TARGET_ON_DEMAND_MS, TARGET_RECALL = 60.0, 8.0, 50.0, 0.95


def _titles(**options) -> Callable:
    return lambda n, data, seed: generate_title_profiles(
        n, nace_titles=data["titles"], seed=seed, **options
    )


def _project(n: int, data: dict, seed: int) -> pd.DataFrame:
    geo = read_eurostat_tsv(data["dir"] / "eurostat" / "sbs_r_nuts06_r2.tsv.gz")["geo"].unique()
    regions = sorted(g for g in geo if len(g) == 4 and not g.endswith("Z"))
    return generate_profiles(
        n, vocabulary=load_concepts(), nace_titles=data["titles"], regions=regions, seed=seed
    )


#: name -> (what it varies, generator(n, data, seed)).
GENERATORS: dict[str, tuple[str, Callable]] = {
    "new-user": ("1-2 class titles, 6 languages, 200 territories (the issue's set)", _titles()),
    "small-vocabulary": ("titles of 40 classes only: huge groups of equal texts", _titles(classes=40)),
    "long-texts": ("4-8 class titles per profile", _titles(titles=(4, 8))),
    "one-language": ("English titles only", _titles(languages=("en",))),
    "few-territories": ("5 territories: a fifth of all pairs left out", _titles(territories=5)),
    "many-territories": ("5,000 territories", _titles(territories=5000)),
    "skewed": ("Zipf-like class popularity (1/rank^1.1)", _titles(skew=1.1)),
    "project": ("the project's `match generate` set (concepts, offers, needs)", _project),
}  # fmt: skip


#: Runs the CLI in a grandchild and prints its resource usage. A child's max RSS starts from
#: the size of the process it was forked from (Linux carries it over exec): the grandchild is
#: forked from this small launcher, not from the benchmark that holds an index.
LAUNCHER = """
import json, os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    code = "import sys; from clusterdialogue.cli import main; sys.exit(main(sys.argv[1:]))"
    os.execv(sys.executable, [sys.executable, "-c", code, *sys.argv[1:]])
_, status, usage = os.wait4(pid, 0)
print(json.dumps({"wall": time.perf_counter() - start, "code": os.waitstatus_to_exitcode(status),
                  "cpu": usage.ru_utime + usage.ru_stime, "rss_gib": usage.ru_maxrss / 2**20}))
"""


def run_cli(profiles: Path, out: Path) -> dict:
    """``match recommend`` with the CLI's defaults in a child process: times and peak RSS."""
    options = ["--profiles", str(profiles), "--top", str(TOP), "--cross-territory"]
    command = [sys.executable, "-c", LAUNCHER, "match", "recommend", *options, "--out", str(out)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    lines = done.stdout.strip().splitlines()
    figures = json.loads(lines[-1]) if lines else {"code": done.returncode}
    if figures["code"] != 0:
        raise SystemExit(f"match recommend failed ({figures['code']}):\n{done.stderr}")
    return {**figures, "last_line": lines[0]}


def recall(index: MatchIndex, written: pd.DataFrame, sample: int, seed: int) -> tuple[float, float]:
    """Share of the exact partners found, and of lists identical to the exact ones.

    The exact lists come from brute force: ``w sim + (1 - w) comp`` from the feature matrices,
    dense against every profile, self and same territory left out, ties broken by the
    smaller row. A written partner scoring as much as the k-th exact one counts as exact.
    """
    w = MatchSettings().similarity_weight
    f = index.features
    rows = np.sort(np.random.default_rng(seed).choice(len(f.ids), sample, replace=False))
    sim = (f.similarity[rows] @ f.similarity.T).toarray().astype(np.float64)
    comp = 0.5 * ((f.offers[rows] @ f.needs.T).toarray() + (f.needs[rows] @ f.offers.T).toarray())
    scores = w * sim + (1.0 - w) * comp
    regions = np.asarray(f.regions)
    found = written.groupby("id")["partner_id"].apply(list).to_dict()
    hits = total = same = 0
    for s, row in zip(scores, rows, strict=True):
        valid = (s > 0) & (regions != regions[row])
        valid[row] = False
        candidates = np.flatnonzero(valid)
        exact = candidates[np.lexsort((candidates, -s[candidates]))][:TOP]
        got = [index.row[p] for p in found.get(f.ids[row], [])]
        same += got == exact.tolist()
        if len(exact):
            kth = s[exact[-1]]
            hits += min(len(exact), sum(1 for g in got if valid[g] and s[g] >= kth - 1e-6))
            total += len(exact)
    return hits / max(total, 1), same / len(rows)


def product_ratio(index: MatchIndex, rows: int) -> tuple[float, float]:
    """Top-k product of the first ``rows`` profiles against all: ours and sparse_dot_topn's."""
    from sparse_dot_topn import sp_matmul_topn

    left, right = index._thematic_matrices(index.features, MatchSettings().similarity_weight)
    left = left[:rows]
    start = time.perf_counter()
    sparse_topk(left, right, TOP, workers=2)
    ours = time.perf_counter() - start
    start = time.perf_counter()
    sp_matmul_topn(left, right.T.tocsr(), top_n=TOP, n_threads=2)
    return ours, time.perf_counter() - start


def on_demand(index: MatchIndex, seed: int) -> list[float]:
    """Seconds of 50 one-profile lists with reasons (the page's path)."""
    settings = MatchSettings()
    ids = np.random.default_rng(seed).choice(index.features.ids, size=50, replace=False)
    times = []
    for pid in ids:
        start = time.perf_counter()
        index.recommend_for(str(pid), settings=settings, top=TOP, reasons=True)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=100_000)
    parser.add_argument("--quick", action="store_true", help="10,000 profiles, 100 sampled")
    parser.add_argument("--generators", default=",".join(GENERATORS), help="comma-separated")
    parser.add_argument("--sample", type=int, default=200, help="profiles checked for recall")
    parser.add_argument("--ratio-rows", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=Path(
            os.environ.get("CLUSTERDIALOGUE_DATA_DIR", REPO_ROOT.parent / "shared" / "data")
        ),
    )
    args = parser.parse_args()
    if args.quick:
        args.profiles, args.sample, args.ratio_rows = 10_000, 100, 5_000
    names = [g.strip() for g in args.generators.split(",") if g.strip()]
    unknown = sorted(set(names) - set(GENERATORS))
    if unknown:
        parser.error(f"unknown generator(s) {', '.join(unknown)}; known: {', '.join(GENERATORS)}")
    titles_path = args.data_dir / "nace" / "nace_rev2_titles_multilingual.csv"
    data = {"dir": args.data_dir, "titles": read_nace_titles(titles_path)}
    nace = NaceVocabulary.from_files(
        titles_path, args.data_dir / "nace" / "nace_rev2_en_explanatory_notes.csv"
    )
    os.environ["CLUSTERDIALOGUE_DATA_DIR"] = str(args.data_dir)
    print(
        f"{args.profiles} profiles per generator, top {TOP}, cross-territory, CLI defaults "
        f"({os.cpu_count()} CPUs: --workers {os.cpu_count()}), load average "
        f"{os.getloadavg()[0]:.1f} (other work on the machine slows wall times)"
    )
    print(
        f"targets: wall < {TARGET_WALL:.0f} s, peak < {TARGET_RSS_GIB:.0f} GiB, recall >= "
        f"{TARGET_RECALL}, one profile < {TARGET_ON_DEMAND_MS:.0f} ms"
    )
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            what, generate = GENERATORS[name]
            profiles_csv, out_csv = Path(tmp) / f"{name}.csv", Path(tmp) / f"{name}-out.csv"
            generate(args.profiles, data, args.seed).to_csv(profiles_csv, index=False)
            cli = run_cli(profiles_csv, out_csv)
            index = MatchIndex(read_profiles_csv(profiles_csv), nace=nace)
            written = pd.read_csv(out_csv, dtype={"id": str, "partner_id": str})
            found, identical = recall(index, written, min(args.sample, args.profiles), args.seed)
            times = on_demand(index, args.seed)
            ours, reference = product_ratio(index, min(args.ratio_rows, args.profiles))
            distinct = len(_identical_rows(*index._thematic_matrices(index.features, 0.7))[2]) - 1
            met = (
                cli["wall"] < TARGET_WALL
                and cli["rss_gib"] < TARGET_RSS_GIB
                and found >= TARGET_RECALL
                and statistics.median(times) * 1000 < TARGET_ON_DEMAND_MS
            )
            print(
                f"\n{name}: {what}; {distinct} distinct feature rows\n"
                f"  match recommend: {cli['wall']:.1f} s wall, {cli['cpu']:.1f} s CPU, peak "
                f"{cli['rss_gib']:.2f} GiB ({cli['last_line']})\n"
                f"  recall against exact lists ({min(args.sample, args.profiles)} profiles): "
                f"{found:.3f} of the exact partners, {identical:.3f} of the lists identical\n"
                f"  one profile on demand: median {1000 * statistics.median(times):.1f} ms, max "
                f"{1000 * max(times):.1f} ms\n"
                f"  top-{TOP} product of {min(args.ratio_rows, args.profiles)} rows: ours "
                f"{ours:.2f} s, sparse_dot_topn {reference:.2f} s, ratio ours/sparse_dot_topn "
                f"{ours / reference:.1f}\n"
                f"  targets {'met' if met else 'NOT met'}"
            )
            rows.append((name, cli["wall"], cli["cpu"], cli["rss_gib"], found, times, met))
    print("\n| generator | wall s | CPU s | peak GiB | recall | on demand ms (median) | targets |")
    print("|---|---|---|---|---|---|---|")
    for name, wall, cpu, rss, found, times, met in rows:
        print(
            f"| {name} | {wall:.1f} | {cpu:.1f} | {rss:.2f} | {found:.3f} | "
            f"{1000 * statistics.median(times):.1f} | {'met' if met else 'NOT met'} |"
        )


if __name__ == "__main__":
    main()
