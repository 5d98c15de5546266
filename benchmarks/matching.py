"""Time the matching engine on a large generated profile set, against sparse_dot_topn.

Usage::

    python benchmarks/matching.py [--profiles 100000] [--top 10] [--workers 2] [--data-dir DIR]

Generates ``--profiles`` profiles from real vocabulary (see ``clusterdialogue match generate``;
needs the NACE titles and the Eurostat SBS file of the data directory), then prints:

* the time to encode them (features),
* the all-pairs top-k time of the engine (candidates by the blockwise sparse product, full
  scores, territory masking); reasons are words for people, made per list on demand
* the same top-(k * candidate_factor) sparse product done by ``sparse_dot_topn`` (the
  reference library for sparse top-n products) and the ratio of the two product times,
* one profile's top-k on demand (median of 50, in ms),
* peak memory (resource's max RSS of the process and of its largest worker) next to the size
  an all-pairs dense float32 matrix would need (tracemalloc is left off: it slows Python
  allocations and so the times).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import time
from pathlib import Path

import numpy as np

from clusterdialogue.core.io.eurostat import read_eurostat_tsv
from clusterdialogue.core.io.nace import read_nace_titles
from clusterdialogue.core.matching import MatchIndex, MatchSettings
from clusterdialogue.core.matching.engine import proposing_matrix
from clusterdialogue.core.matching.generate import generate_profiles
from clusterdialogue.core.matching.topk import sparse_topk
from clusterdialogue.core.matching.vocabulary import load_concepts

REPO_ROOT = Path(__file__).resolve().parents[1]


def _cpu() -> float:
    """CPU seconds of this process and its finished children (the forked workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=100_000)
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=Path(
            os.environ.get("CLUSTERDIALOGUE_DATA_DIR", REPO_ROOT.parent / "shared" / "data")
        ),
    )
    args = parser.parse_args()

    titles = read_nace_titles(args.data_dir / "nace" / "nace_rev2_titles_multilingual.csv")
    geo = read_eurostat_tsv(args.data_dir / "eurostat" / "sbs_r_nuts06_r2.tsv.gz")["geo"].unique()
    regions = sorted(g for g in geo if len(g) == 4 and not g.endswith("Z"))
    profiles = generate_profiles(
        args.profiles,
        vocabulary=load_concepts(),
        nace_titles=titles,
        regions=regions,
        seed=args.seed,
    )
    print(
        f"{len(profiles)} generated profiles, {len(regions)} NUTS-2 regions, "
        f"top {args.top}, {args.workers} workers, {os.cpu_count()} CPUs, load average "
        f"{os.getloadavg()[0]:.1f} (other work on the machine slows wall times)"
    )

    start, cpu = time.perf_counter(), _cpu()
    index = MatchIndex(profiles)
    encode, cpu = time.perf_counter() - start, _cpu() - cpu
    f = index.features
    print(
        f"encode features: {encode:.1f} s wall, {cpu:.1f} s CPU "
        f"(similarity matrix {f.similarity.shape[1]} columns, "
        f"{f.similarity.nnz / len(profiles):.1f} non-zeros per profile)"
    )

    settings = MatchSettings(cross_territory=True, workers=args.workers)
    start, cpu = time.perf_counter(), _cpu()
    result = index.recommend(settings=settings, top=args.top, reasons=False)
    all_pairs, cpu = time.perf_counter() - start, _cpu() - cpu
    print(
        f"all-pairs top-{args.top} (scores, cross-territory): {all_pairs:.1f} s wall, "
        f"{cpu:.1f} s CPU (with workers), "
        f"{len(result)} rows, {result['id'].nunique()} profiles with partners"
    )
    sample = result["id"].drop_duplicates().head(1000)
    start = time.perf_counter()
    for pid in sample:
        index.recommend_for(str(pid), settings=settings, top=args.top, reasons=True)
    per = (time.perf_counter() - start) / len(sample)
    print(f"reasons: {per * 1000:.1f} ms per profile's list (on {len(sample)} profiles)")

    # The candidate product alone, ours and sparse_dot_topn's, on the same matrices.
    left, right = index._thematic_matrices(f, settings.similarity_weight)
    proposing, _ = proposing_matrix(left, right)
    k = args.top * settings.candidate_factor
    start = time.perf_counter()
    sparse_topk(proposing, right, k, workers=args.workers)
    ours = time.perf_counter() - start
    try:
        from sparse_dot_topn import sp_matmul_topn
    except ImportError:  # pragma: no cover
        print("sparse_dot_topn is not installed: no reference time")
    else:
        start = time.perf_counter()
        sp_matmul_topn(proposing, right.T.tocsr(), top_n=k, n_threads=args.workers)
        reference = time.perf_counter() - start
        print(
            f"candidate product top-{k}: ours {ours:.1f} s, sparse_dot_topn {reference:.1f} s, "
            f"ratio ours/sparse_dot_topn = {ours / reference:.2f}"
        )

    ids = np.random.default_rng(0).choice(f.ids, size=100, replace=False)
    times, recall, ratio = [], [], []
    for pid in ids:
        start = time.perf_counter()
        exact = index.recommend_for(str(pid), settings=settings, top=args.top)
        times.append(time.perf_counter() - start)
        found = result.loc[result["id"] == pid]
        recall.append(len(set(exact["partner_id"]) & set(found["partner_id"])) / max(len(exact), 1))
        ratio.append(found["score"].sum() / max(exact["score"].sum(), 1e-12))
    print(
        f"all-pairs lists against exact lists (100 profiles): recall {np.mean(recall):.2f} of "
        f"the exact partners (ties included), score sum {np.mean(ratio):.2f} of the exact one"
    )
    print(
        f"one profile's top-{args.top} on demand: median {1000 * statistics.median(times):.1f} "
        f"ms, max {1000 * max(times):.1f} ms (with reasons)"
    )
    dense = len(profiles) ** 2 * 4 / 2**30
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 2**20
    print(
        f"peak memory (max RSS): {rss:.2f} GiB this process, {workers:.2f} GiB the largest "
        f"worker; an all-pairs dense float32 matrix would take {dense:.1f} GiB"
    )


if __name__ == "__main__":
    main()
