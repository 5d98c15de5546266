"""``clusterdialogue data …`` and ``clusterdialogue setup``: real data and first-run set-up."""

from __future__ import annotations

import argparse
import sys

from clusterdialogue.cli._django import setup_django


def register(groups: argparse._SubParsersAction) -> None:
    data = groups.add_parser("data", help="load the real data (NUTS, NACE, Eurostat)")
    actions = data.add_subparsers(dest="action", metavar="ACTION", required=True)
    load = actions.add_parser(
        "load",
        help="load all real data from the local mirror or the official sources",
        description=(
            "Load NUTS 2016 regions (GISCO), the NUTS code changes, the NUTS 2021 and 2024 "
            "boundaries and correspondence tables when present, NACE Rev. 2 titles, the Four "
            "Motors network, the Eurostat SBS and LFS files (and sbs_r_nuts2021 when present), "
            "and compute the cluster mapping. Files come from CLUSTERDIALOGUE_DATA_DIR (default "
            "../shared/data) or are downloaded into the cache. Safe to run again."
        ),
    )
    load.add_argument("--skip-lfs", action="store_true", help="leave out the LFS file")
    load.set_defaults(handler=data_load)

    download = actions.add_parser(
        "download",
        help="download a large Eurostat dataset in parts (one request per NACE section)",
        description=(
            "Download a Eurostat dataset from the SDMX 2.1 dissemination API one NACE section "
            "at a time (large requests are refused with HTTP 413) and join the parts into "
            "CLUSTERDIALOGUE_CACHE_DIR/eurostat/<code>.tsv.gz, where `data load` finds it. "
            "CLUSTERDIALOGUE_DOWNLOAD_MIRROR reads from a mirror of the official addresses."
        ),
    )
    download.add_argument("dataset", help="dataset code, e.g. sbs_r_nuts2021")
    download.set_defaults(handler=data_download)

    refresh = actions.add_parser("refresh-mapping", help="recompute the stored cluster mapping")
    refresh.add_argument(
        "--dataset",
        action="append",
        help="dataset code (repeat for a series); default: the imported SBS series",
    )
    refresh.set_defaults(handler=data_refresh_mapping)

    setup = groups.add_parser(
        "setup",
        help="first run: create the database, load the real data, create the demo admin",
    )
    setup.add_argument("--admin-user", default="admin", help="user name of the demo administrator")
    setup.set_defaults(handler=setup_all)


def data_load(args: argparse.Namespace) -> int:
    setup_django()
    from clusterdialogue.datasources import load_real_data

    load_real_data(with_lfs=not args.skip_lfs)
    return 0


def data_download(args: argparse.Namespace) -> int:
    setup_django()
    from clusterdialogue.datasources import download_eurostat

    print(f"{args.dataset}: {download_eurostat(code=args.dataset)}")
    return 0


def data_refresh_mapping(args: argparse.Namespace) -> int:
    setup_django()
    from clusterdialogue.statistics.services.mapping import mapping_refresh

    for report in mapping_refresh(dataset=args.dataset, progress=lambda s: print(f"mapping: {s}")):
        print(report)
        for warning in report.warnings:
            print(f"warning: {warning}", file=sys.stderr)
    return 0


def setup_all(args: argparse.Namespace) -> int:
    setup_django()
    from django.core.management import call_command

    from clusterdialogue.accounts_setup import demo_admin_ensure, demo_secretariat_ensure
    from clusterdialogue.datasources import load_real_data
    from clusterdialogue.dialogue.demo import dialogue_demo_load
    from clusterdialogue.events.demo import events_demo_load
    from clusterdialogue.regions.models import Region
    from clusterdialogue.regions.selectors import network_default

    call_command("migrate", interactive=False, verbosity=0)
    print("database: migrated")
    if Region.objects.filter(geometry__isnull=False).exists():
        print("data: already loaded (run `clusterdialogue data load` to reload)")
    else:
        load_real_data()
    groups = dialogue_demo_load(network=network_default())
    print(f"dialogue: {len(groups)} working groups ({', '.join(g.slug for g in groups)})")
    event = events_demo_load(network=network_default())
    if event is not None:
        print(f"events: {event.title} ({event.slug}, {event.start.isoformat()})")
    password = demo_admin_ensure(username=args.admin_user)
    if password:
        print(f"demo admin created: user {args.admin_user!r}, password {password!r} (shown once)")
    else:
        print(f"demo admin {args.admin_user!r} exists already")
    password = demo_secretariat_ensure()
    if password:
        print(f"demo secretariat created: user 'secretariat', password {password!r} (shown once)")
    return 0
