"""``clusterdialogue mapping compute``: cluster mapping from CSV files, without the database."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from clusterdialogue.core.io.mapping_files import (
    check_benchmark_coverage,
    read_benchmark_csv,
    read_categories_csv,
    read_employment_csv,
)
from clusterdialogue.core.mapping import map_clusters
from clusterdialogue.core.mapping_criteria import NO_ESTABLISHMENTS

METHOD_COLUMNS = {
    "eco": ["size_star", "specialisation_star", "focus_star", "stars"],
    "cmp": ["strong", "strong10", "significant", "qualifying"],
}

DESCRIPTION = """\
Compute location quotients and cluster strength per region and category from CSV files
(UTF-8, comma- or semicolon-separated, with a header line; a blank number means missing).

EMPLOYMENT file: region,industry,employment and optionally establishments,wages,year.
  One row per (year,) region and industry. Give one regional level at a time (for example
  all NUTS-2 regions): the default benchmark is their sum.
CATEGORIES file: industry,category and optionally category_name,type (traded or local,
  blank = traded). Industries of a category are summed; industries not listed are left out.
BENCHMARK file: category,employment and optionally year, for example EU-28 or a nation.

Location quotient: LQ = (E_rc / E_r) / (E_c / E), with totals over categories of the same type.
"""

EPILOG = """\
Output: one row per (year,) region and category with [year,]region,category,employment,lq,
lq_rank and then, for eco, size_star,specialisation_star,focus_star (0/1) and stars (0-3),
or, for cmp, strong,strong10,significant,qualifying (true/false; empty for local categories
and where a missing establishment count leaves the answer open).
Example:
  clusterdialogue mapping compute --employment E.csv --categories C.csv --method eco --out O.csv
"""


def register(groups: argparse._SubParsersAction) -> None:
    mapping = groups.add_parser(
        "mapping", help="cluster mapping (location quotients, stars, strength flags)"
    )
    actions = mapping.add_subparsers(dest="action", metavar="ACTION", required=True)
    compute = actions.add_parser(
        "compute",
        help="compute a cluster mapping from CSV files and write it as CSV",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    compute.add_argument(
        "--employment",
        required=True,
        type=Path,
        metavar="E.csv",
        help="employment per region and industry: region,industry,employment"
        "[,establishments,wages,year]",
    )
    compute.add_argument(
        "--categories",
        type=Path,
        metavar="C.csv",
        help="industry to category mapping: industry,category[,category_name,type]; "
        "without it each industry is its own traded category",
    )
    compute.add_argument(
        "--benchmark",
        type=Path,
        metavar="B.csv",
        help="benchmark employment per category: category,employment[,year]; "
        "default: the sum over all regions of the employment file",
    )
    compute.add_argument(
        "--method",
        required=True,
        choices=sorted(METHOD_COLUMNS),
        help="eco: European Cluster Observatory stars (size, specialisation LQ >= 2, focus); "
        "cmp: US Cluster Mapping strength flags (LQ and size percentiles)",
    )
    compute.add_argument(
        "--out", required=True, type=Path, metavar="OUT.csv", help="where to write the result"
    )
    compute.set_defaults(handler=mapping_compute)


def mapping_compute(args: argparse.Namespace) -> int:
    from clusterdialogue.cli import CommandError  # here: the package imports this module

    employment = read_employment_csv(args.employment)
    categories = read_categories_csv(args.categories) if args.categories else None
    benchmark = None
    if args.benchmark:
        benchmark = read_benchmark_csv(args.benchmark)
        check_benchmark_coverage(benchmark, employment, categories, name=str(args.benchmark))
    if not args.out.parent.is_dir():
        raise CommandError(f"{args.out}: the folder {args.out.parent} does not exist")
    try:
        result = map_clusters(employment, categories=categories, benchmark=benchmark)
    except ValueError as error:
        raise CommandError(str(error)) from error
    table = result.table
    output = _output_table(table, args.method)
    output.to_csv(args.out, index=False)
    print(
        f"wrote {len(output)} rows ({table['region'].nunique()} regions, "
        f"{table['category'].nunique()} categories, method {args.method}) to {args.out}"
    )
    for warning in result.warnings:
        if warning == NO_ESTABLISHMENTS and args.method == "eco":
            continue  # the stars do not use establishments
        print(f"warning: {warning}", file=sys.stderr)
    return 0


def _output_table(table: pd.DataFrame, method: str) -> pd.DataFrame:
    columns = ["region", "category", "employment", "lq", "lq_rank", *METHOD_COLUMNS[method]]
    if "year" in table.columns:
        columns.insert(0, "year")
    output = table[columns].copy()
    if (output["employment"] % 1 == 0).all():
        # Head counts read back as integers rather than 160445.0.
        output["employment"] = output["employment"].astype("int64")
    output["lq"] = output["lq"].round(6)
    for column in METHOD_COLUMNS[method]:
        if method == "eco":
            output[column] = output[column].astype("Int64")
        else:
            output[column] = output[column].map({True: "true", False: "false"}).fillna("")
    return output
