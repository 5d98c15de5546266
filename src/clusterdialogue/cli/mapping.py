"""``clusterdialogue mapping compute|complexity``: mapping and complexity from CSV files.

Both work on plain files, without the database.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from clusterdialogue.core.complexity import complexity_matrices
from clusterdialogue.core.diversification import diversification_opportunities
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
        "mapping",
        help="cluster mapping (location quotients, stars, strength flags) and economic complexity",
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
    _register_complexity(actions)


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
    for column in METHOD_COLUMNS[method]:
        if method == "eco":
            output[column] = output[column].astype("Int64")
        else:
            output[column] = output[column].map({True: "true", False: "false"}).fillna("")
    return output


COMPLEXITY_DESCRIPTION = """\
Smart-specialisation analytics from CSV files (Hidalgo & Hausmann 2009; Hidalgo et al. 2007;
Balland, Boschma, Crespo & Rigby 2019), with the definitions of the Harvard Growth Lab's
ecomplexity package.

EMPLOYMENT and CATEGORIES files: as for 'mapping compute'. Regions and categories absent from
the employment file, and blank employment, count as zero, so the results cover every region of
the file and every category (of C.csv, or every industry of E.csv). With a year column one
year is computed: --year, by default the latest year with employment.

  RCA(r,c)  = (E_rc / E_r) / (E_c / E)  the location quotient of 'mapping compute' (totals
              over categories of the same type); M = 1 where RCA >= --threshold (1)
  proximity = min(P(M_i=1 | M_j=1), P(M_j=1 | M_i=1)) over regions
  density   = sum_j M(r,j) phi(i,j) / sum_j phi(i,j)
  ECI, PCI  = eigenvector of the second largest eigenvalue of the region-category network,
              ECI standardised (mean 0, sd 1), PCI on the same scale
"""

COMPLEXITY_EPILOG = """\
Output, in OUT_DIR (created if needed):
  rca.csv            region,category,rca,m         every region x category
  proximity.csv      category_a,category_b,proximity   every ordered pair, diagonal included
  density.csv        region,category,density
  eci.csv            region,eci
  pci.csv            category,pci
  opportunities.csv  region,rank,category,rca,density,pci,cog,density_percentile,
                     pci_percentile,quadrant,score,reason
                     categories where the region has no advantage yet, best first;
                     score = w * density percentile + (1 - w) * PCI percentile among the
                     region's candidates; quadrant: density (risk) and PCI (reward) above or
                     below the region's median candidate
Empty cells: regions or categories without employment (no RCA, density or complexity).
Example:
  clusterdialogue mapping complexity --employment E.csv --categories C.csv --out-dir out/
"""


def _register_complexity(actions: argparse._SubParsersAction) -> None:
    complexity = actions.add_parser(
        "complexity",
        help="relatedness, economic complexity and diversification opportunities from CSV files",
        description=COMPLEXITY_DESCRIPTION,
        epilog=COMPLEXITY_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    complexity.add_argument(
        "--employment",
        required=True,
        type=Path,
        metavar="E.csv",
        help="employment per region and industry: region,industry,employment[,year] "
        "(other columns are ignored)",
    )
    complexity.add_argument(
        "--categories",
        type=Path,
        metavar="C.csv",
        help="industry to category mapping: industry,category[,category_name,type]; "
        "without it each industry is its own category",
    )
    complexity.add_argument(
        "--year",
        type=int,
        metavar="YEAR",
        help="the year to compute when E.csv has a year column; default: the latest year "
        "with employment",
    )
    complexity.add_argument(
        "--threshold",
        type=float,
        default=1.0,
        metavar="RCA",
        help="RCA from which a region counts as specialised (M = 1); default 1",
    )
    complexity.add_argument(
        "--weight",
        type=float,
        default=0.5,
        metavar="W",
        help="weight of relatedness density against complexity in the opportunity score, "
        "between 0 and 1; default 0.5",
    )
    complexity.add_argument(
        "--top",
        type=int,
        metavar="N",
        help="keep the N best opportunities per region; default: all candidates",
    )
    complexity.add_argument(
        "--out-dir",
        required=True,
        type=Path,
        metavar="OUT_DIR",
        help="folder for the six CSV files (created if missing; files are overwritten)",
    )
    complexity.set_defaults(handler=mapping_complexity)


def mapping_complexity(args: argparse.Namespace) -> int:
    from clusterdialogue.cli import CommandError  # here: the package imports this module

    if not 0.0 <= args.weight <= 1.0:
        raise CommandError(f"--weight must be between 0 and 1, not {args.weight}")
    if args.top is not None and args.top < 1:
        raise CommandError(f"--top must be at least 1, not {args.top}")
    if args.threshold <= 0:
        raise CommandError(f"--threshold must be above 0, not {args.threshold}")
    employment = read_employment_csv(args.employment)
    categories = read_categories_csv(args.categories) if args.categories else None
    if args.year is not None and "year" not in employment.columns:
        raise CommandError(f"--year {args.year} given but {args.employment} has no year column")
    if not args.out_dir.parent.is_dir():
        raise CommandError(f"{args.out_dir}: the folder {args.out_dir.parent} does not exist")
    if args.out_dir.exists() and not args.out_dir.is_dir():
        raise CommandError(f"{args.out_dir} exists and is not a folder")
    try:
        result = complexity_matrices(
            employment, categories=categories, year=args.year, threshold=args.threshold
        )
    except ValueError as error:
        raise CommandError(f"{args.employment}: {error}") from error
    tables = result.tables()
    tables["opportunities"] = diversification_opportunities(
        result, weight=args.weight, top=args.top
    )
    args.out_dir.mkdir(exist_ok=True)
    for name, table in tables.items():
        # Full precision (shortest round-trip floats): rounding is for display only.
        table.to_csv(args.out_dir / f"{name}.csv", index=False)
    year = f"year {result.year}, " if result.year is not None else ""
    print(
        f"wrote {', '.join(f'{name}.csv' for name in tables)} to {args.out_dir} "
        f"({year}{len(result.rca.index)} regions, {len(result.rca.columns)} categories, "
        f"{len(tables['opportunities'])} opportunities)"
    )
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return 0
