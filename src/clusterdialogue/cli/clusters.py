"""``clusterdialogue clusters export`` and ``clusterdialogue import clusters|cluster-members``.

The import kinds live under the ``import`` group (registered from :mod:`clusterdialogue.cli.imports`
through :func:`register_import_kinds`); the export has its own ``clusters`` group. Both print
the report as a table and exit with 2 when a real import run rejected rows.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from clusterdialogue.cli._django import setup_django

REJECTED_EXIT_CODE = 2


def register(groups: argparse._SubParsersAction) -> None:
    parser = groups.add_parser("clusters", help="the cluster organisation directory")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    export = actions.add_parser(
        "export",
        help="write the directory's public profiles as CSV, XLSX or JSON (the import layout)",
        description=(
            "Export public cluster profiles in the import layout, so the file can be imported "
            "again. Contact persons are never exported."
        ),
    )
    export.add_argument("output", type=Path, help="the file to write (.csv, .xlsx or .json)")
    export.add_argument("--territory", help="only this territory (its id or region code)")
    export.add_argument("--status", choices=["provisional", "active"], help="only this status")
    export.set_defaults(handler=clusters_export_command)


def register_import_kinds(kinds: argparse._SubParsersAction) -> None:
    """Add ``import clusters`` and ``import cluster-members`` to the ``import`` group."""
    clusters = kinds.add_parser(
        "clusters",
        help="cluster organisation profiles from a CSV or XLSX file",
        description=(
            "Import cluster organisation profiles. The layout is documented in "
            "clusterdialogue/clusters/services/imports.py (columns name, region, website, "
            "sectors, ...); the transcribed Four Motors list is recognised by its header. "
            "Rows update the profile with the same slug, or the same name in the same region. "
            "Any rejected row means nothing is written, unless --skip-invalid is given. "
            "Exit code 2 when a real run rejected rows."
        ),
    )
    clusters.add_argument("file", type=Path, help="the .csv or .xlsx file")
    _add_run_options(clusters)
    clusters.set_defaults(handler=import_clusters)

    members = kinds.add_parser(
        "cluster-members",
        help="the members of one cluster organisation (name,member_type,size_class,nace,city,website)",
    )
    members.add_argument("file", type=Path, help="the .csv or .xlsx file")
    members.add_argument("--organisation", required=True, metavar="SLUG", help="the profile's slug")
    _add_run_options(members)
    members.set_defaults(handler=import_cluster_members)


def _add_run_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dry-run", action="store_true", help="report what would happen; write nothing"
    )
    parser.add_argument(
        "--skip-invalid",
        action="store_true",
        help="write the valid rows even when some rows are rejected (they are listed)",
    )


def _finish(report) -> int:
    print(report.as_table())
    if report.rejected and not report.dry_run:
        return REJECTED_EXIT_CODE
    return 0


def import_clusters(args: argparse.Namespace) -> int:
    setup_django()
    from clusterdialogue.clusters.transfer.importing.organisations import clusters_import

    report = clusters_import(source=args.file, dry_run=args.dry_run, skip_invalid=args.skip_invalid)
    return _finish(report)


def import_cluster_members(args: argparse.Namespace) -> int:
    setup_django()
    from clusterdialogue.cli import CommandError
    from clusterdialogue.clusters.models import ClusterOrganisation
    from clusterdialogue.clusters.transfer.importing.members import cluster_members_import

    organisation = ClusterOrganisation.objects.filter(slug=args.organisation).first()
    if organisation is None:
        raise CommandError(
            f"--organisation {args.organisation!r}: no cluster profile has this slug "
            "(the slug is the last part of the profile's address, /clusters/<slug>/)"
        )
    report = cluster_members_import(
        source=args.file,
        organisation=organisation,
        dry_run=args.dry_run,
        skip_invalid=args.skip_invalid,
    )
    return _finish(report)


def clusters_export_command(args: argparse.Namespace) -> int:
    setup_django()
    from clusterdialogue.cli import CommandError
    from clusterdialogue.clusters.directory.filters import ClusterOrganisationFilterSet
    from clusterdialogue.clusters.selectors import cluster_list_public
    from clusterdialogue.clusters.transfer.exports import FORMATS, clusters_export

    format_ = args.output.suffix.lower().lstrip(".")
    if format_ not in FORMATS:
        raise CommandError(f"{args.output}: the file name must end in .csv, .xlsx or .json")
    query = {}
    if args.territory:
        key = "territory" if args.territory.isdigit() else "region"
        query[key] = args.territory
    if args.status:
        query["status"] = args.status
    filterset = ClusterOrganisationFilterSet(query, queryset=cluster_list_public())
    if not filterset.is_valid():
        raise CommandError(f"invalid filter: {dict(filterset.errors)}")
    content, _, _ = clusters_export(queryset=filterset.qs, format=format_)
    args.output.write_bytes(content)
    print(f"{filterset.qs.count()} profiles written to {args.output}", file=sys.stdout)
    return 0
