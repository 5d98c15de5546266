"""``clusterdialogue import …``: bring statistics and regions into the database."""

from __future__ import annotations

import argparse
from pathlib import Path

from clusterdialogue.cli import calls
from clusterdialogue.cli._django import setup_django
from clusterdialogue.cli.clusters import register_import_kinds


def register(groups: argparse._SubParsersAction) -> None:
    parser = groups.add_parser("import", help="import data files into the database")
    kinds = parser.add_subparsers(dest="kind", metavar="KIND", required=True)

    eurostat = kinds.add_parser(
        "eurostat",
        help="a Eurostat bulk TSV file (sbs_r_nuts06_r2, lfst_r_lfe2en2), gzip or not",
        description=(
            "Import a Eurostat bulk TSV file. Values keep their flags; ':' is missing, never "
            "zero. Re-importing the same file updates the same figures. A bad file changes nothing."
        ),
    )
    eurostat.add_argument("file", type=Path, help="the .tsv or .tsv.gz file")
    eurostat.add_argument("--dataset", help="dataset code, when the file name does not tell it")
    eurostat.add_argument(
        "--no-refresh", action="store_true", help="do not recompute the cluster mapping afterwards"
    )
    eurostat.set_defaults(handler=import_eurostat)

    long_csv = kinds.add_parser(
        "csv",
        help="statistics in the long format region,industry,year,indicator,value[,flag]",
        description=(
            "Import any statistics in the long CSV format: columns region, industry, year, "
            "indicator, value and optionally flag. Regions must be known (NUTS codes, or defined "
            "with `import regions`); unknown industries become custom categories. Use the "
            "indicator V16110 for employment and V11210 for establishments to feed the mapping."
        ),
    )
    long_csv.add_argument("file", type=Path)
    long_csv.add_argument("--dataset", required=True, help="a short code for this dataset")
    long_csv.add_argument("--title", default="", help="a title shown on the pages")
    long_csv.add_argument("--source", default="", help="where the figures come from")
    long_csv.set_defaults(handler=import_csv)

    regions = kinds.add_parser(
        "regions",
        help="custom regions from a CSV code,name,level,parent_code[,country_code]",
    )
    regions.add_argument("file", type=Path)
    regions.set_defaults(handler=import_regions)
    nuts = kinds.add_parser(
        "nuts",
        help="GISCO NUTS GeoJSON files of one version (2016, 2021 or 2024)",
        description=(
            "Load GISCO NUTS_RG_20M_<version>_4326_LEVL_<n>.geojson files. NUTS 2016 gives the "
            "regions their names and map boundaries; a later version adds itself to each "
            "region's versions and stores its name and boundary in that version."
        ),
    )
    nuts.add_argument("files", type=Path, nargs="+")
    nuts.add_argument("--version", default="2016", help="the NUTS version (default 2016)")
    nuts.set_defaults(handler=import_nuts)

    changes = kinds.add_parser(
        "nuts-changes",
        help="Eurostat's NUTS correspondence table (.xlsx) between two versions",
        description=(
            "Import the code changes of Eurostat's NUTS correspondence table (NUTS2021.xlsx "
            "for 2016 to 2021, NUTS2021-NUTS2024.xlsx for 2021 to 2024). Only recoded regions "
            "(same territory, new code) carry figures across versions."
        ),
    )
    changes.add_argument("file", type=Path)
    changes.add_argument("--from", dest="old_version", required=True, help="e.g. 2016")
    changes.add_argument("--to", dest="new_version", required=True, help="e.g. 2021")
    changes.add_argument("--sheet", help="the sheet, when not the detailed changes sheet")
    changes.set_defaults(handler=import_nuts_changes)
    register_import_kinds(kinds)  # `import clusters` and `import cluster-members`
    calls.register_import_kinds(kinds)  # `import calls`


def import_eurostat(args: argparse.Namespace) -> int:
    setup_django()
    from clusterdialogue.statistics.selectors import SBS_SERIES
    from clusterdialogue.statistics.services.imports import dataset_import_eurostat
    from clusterdialogue.statistics.services.mapping import mapping_refresh

    report = dataset_import_eurostat(path=args.file, code=args.dataset)
    print(report)
    # The stored mapping is built from the SBS employment figures; other datasets don't feed it.
    if not args.no_refresh and report.dataset in SBS_SERIES:
        for mapping_report in mapping_refresh():  # the whole SBS series that is imported
            print(mapping_report)
    return 0


def import_csv(args: argparse.Namespace) -> int:
    setup_django()
    from clusterdialogue.statistics.services.imports import dataset_import_long_csv

    report = dataset_import_long_csv(
        path=args.file, dataset_code=args.dataset, title=args.title, source=args.source
    )
    print(report)
    for note in report.notes:
        print(f"note: {note}")
    return 0


def import_regions(args: argparse.Namespace) -> int:
    setup_django()
    from clusterdialogue.regions.services import regions_import_csv

    print(regions_import_csv(path=args.file))
    return 0


def import_nuts(args: argparse.Namespace) -> int:
    setup_django()
    from clusterdialogue.regions.services import regions_load_nuts

    print(regions_load_nuts(files=args.files, version=args.version))
    return 0


def import_nuts_changes(args: argparse.Namespace) -> int:
    setup_django()
    from clusterdialogue.regions.services import region_code_changes_import

    print(
        region_code_changes_import(
            path=args.file,
            old_version=args.old_version,
            new_version=args.new_version,
            sheet=args.sheet,
        )
    )
    return 0
