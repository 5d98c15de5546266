"""``clusterdialogue clusters reindex|generate``: the directory's search index and example data."""

from __future__ import annotations

import argparse
import time

from clusterdialogue.cli._django import setup_django


def _clusters_actions(groups: argparse._SubParsersAction) -> argparse._SubParsersAction:
    """The sub-commands of ``clusters``, shared with any other module that adds some."""
    clusters = groups.choices.get("clusters") or groups.add_parser(
        "clusters", help="the cluster organisation directory"
    )
    for action in clusters._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    return clusters.add_subparsers(dest="action", metavar="ACTION", required=True)


def register(groups: argparse._SubParsersAction) -> None:
    actions = _clusters_actions(groups)
    reindex = actions.add_parser(
        "reindex",
        help="rebuild the full-text search index of the directory",
        description="Rebuild the search index from every profile, its translations and members. "
        "Run it once after migrating a database that already holds profiles.",
    )
    reindex.set_defaults(handler=clusters_reindex)
    generate = actions.add_parser(
        "generate",
        help="create generated example profiles (to try the directory at scale)",
        description="Create example profiles named 'Example cluster N – <NACE title>' with "
        "source 'generated' and note 'generated example data', from the NACE titles and NUTS-2 "
        "regions in the database (load them first with 'clusterdialogue data load').",
    )
    generate.add_argument("--profiles", type=int, required=True, metavar="N")
    generate.add_argument("--members", type=int, default=0, metavar="M", help="in all")
    generate.add_argument("--seed", type=int, default=0, metavar="S", help="same seed, same data")
    generate.add_argument(
        "--replace", action="store_true", help="delete the earlier generated profiles first"
    )
    generate.set_defaults(handler=clusters_generate_command)
    delete = actions.add_parser("delete-generated", help="delete every generated example profile")
    delete.set_defaults(handler=clusters_delete_generated)


def clusters_reindex(args: argparse.Namespace) -> int:
    setup_django()
    from clusterdialogue.clusters.search import search_index_update
    from clusterdialogue.clusters.search.backends import search_backend

    backend = search_backend()
    if backend is None:
        print("this database has no search index (not SQLite 3.34+ or PostgreSQL, or not "
              "migrated: run 'clusterdialogue setup' or 'manage.py migrate'); "
              "the search uses plain comparisons")  # fmt: skip
        return 0
    start = time.perf_counter()
    count = search_index_update()
    print(f"indexed {count} profiles ({backend.name}) in {time.perf_counter() - start:.1f} s")
    return 0


def clusters_generate_command(args: argparse.Namespace) -> int:
    from clusterdialogue.cli import CommandError

    setup_django()
    from clusterdialogue.clusters.transfer.example_data import ExampleDataError, clusters_generate

    start = time.perf_counter()
    try:
        report = clusters_generate(
            profiles=args.profiles, members=args.members, seed=args.seed, replace=args.replace
        )
    except ExampleDataError as error:
        raise CommandError(str(error)) from error
    deleted = f"deleted {report.deleted} earlier ones, " if args.replace else ""
    print(f"{deleted}created {report.profiles} example profiles with {report.members} members "
          f"in {time.perf_counter() - start:.1f} s (source 'generated')")  # fmt: skip
    return 0


def clusters_delete_generated(args: argparse.Namespace) -> int:
    setup_django()
    from clusterdialogue.clusters.transfer.example_data import clusters_generated_delete

    print(f"deleted {clusters_generated_delete()} generated example profiles")
    return 0
