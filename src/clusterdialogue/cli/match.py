"""``clusterdialogue match``: partner recommendations from CSV files, without the database."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from clusterdialogue.core.io.eurostat import read_eurostat_tsv
from clusterdialogue.core.io.mapping_files import read_employment_csv
from clusterdialogue.core.io.nace import read_nace_titles
from clusterdialogue.core.matching import MatchIndex, MatchSettings, read_profiles_csv
from clusterdialogue.core.matching.evaluation import (
    cluster_profiles,
    evaluate_rankings,
    read_labelled_pairs,
)
from clusterdialogue.core.matching.generate import generate_profiles
from clusterdialogue.core.matching.industries import (
    employment_from_eurostat,
    industry_relatedness,
    regional_specialisation,
)
from clusterdialogue.core.matching.nace_vocabulary import NaceVocabulary
from clusterdialogue.core.matching.vocabulary import load_concepts

REPO_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"
NACE_TITLES = Path("nace") / "nace_rev2_titles_multilingual.csv"
NACE_NOTES = Path("nace") / "nace_rev2_en_explanatory_notes.csv"
SBS_FILE = Path("eurostat") / "sbs_r_nuts06_r2.tsv.gz"
CLUSTERS = Path("cluster_organisations") / "four_motors_cluster_organisations_transcribed.csv"

RECOMMEND_HELP = """\
PROFILES file (UTF-8 CSV): id,name,region,text and optionally keywords,offers,needs,nace
(lists separated by ';'; nace as C29 or 29). Text may be in English, French, German, Italian,
Spanish, Catalan or Dutch, short or empty.
Output: id,partner_id,rank,score,reasons (rank 1 = best).
score = (1-a-b)*(w*similarity + (1-w)*complementarity) + a*relatedness + b*specialisation,
with a = 0.15 and b = 0.1 when employment data is given (--employment or --eurostat), else 0.
Example:
  clusterdialogue match recommend --profiles P.csv --top 10 --out OUT.csv --cross-territory
"""


def data_dir() -> Path:
    return Path(os.environ.get("CLUSTERDIALOGUE_DATA_DIR", REPO_DATA))


def register(groups: argparse._SubParsersAction) -> None:
    match = groups.add_parser("match", help="partner matching between cluster organisations")
    actions = match.add_subparsers(dest="action", metavar="ACTION", required=True)
    rec = actions.add_parser(
        "recommend",
        help="recommend partners for every profile",
        description=RECOMMEND_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    rec.add_argument("--profiles", required=True, type=Path, metavar="P.csv")
    rec.add_argument("--top", type=int, default=10, metavar="K", help="partners per profile")
    rec.add_argument("--out", required=True, type=Path, metavar="OUT.csv")
    rec.add_argument(
        "--cross-territory", action="store_true", help="only partners from another region"
    )
    rec.add_argument(
        "--similarity-weight",
        type=float,
        default=0.7,
        metavar="W",
        help="w in [0,1]: similarity vs complementarity (default 0.7)",
    )
    rec.add_argument("--min-score", type=float, default=0.0, help="leave out lower scores")
    rec.add_argument("--quota", type=int, metavar="N", help="at most N partners per region")
    rec.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        help="threads of the all-pairs product (default: the CPU count, here %(default)s)",
    )
    _data_options(rec)
    rec.set_defaults(handler=match_recommend)

    gen = actions.add_parser("generate", help="generate a large profile set from real vocabulary")
    gen.add_argument("--profiles", required=True, type=int, metavar="N")
    gen.add_argument("--out", required=True, type=Path, metavar="P.csv")
    gen.add_argument("--seed", type=int, default=0)
    gen.set_defaults(handler=match_generate)

    ev = actions.add_parser("evaluate", help="precision at k on the hand-labelled real pairs")
    ev.add_argument("--clusters", type=Path, help=f"default: DATA_DIR/{CLUSTERS}")
    ev.add_argument("--pairs", type=Path, help="labelled pairs (default: the shipped ones)")
    ev.add_argument("--k", type=int, default=5)
    _data_options(ev)
    ev.set_defaults(handler=match_evaluate)


def _data_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--employment",
        type=Path,
        metavar="E.csv",
        help="region,industry,employment (as for mapping compute)",
    )
    parser.add_argument(
        "--eurostat",
        type=Path,
        metavar="FILE.tsv.gz",
        help="Eurostat sbs_r_nuts06_r2 file, instead of --employment",
    )


def _employment_context(args):
    if args.employment is None and args.eurostat is None:
        return None, None
    employment = (
        read_employment_csv(args.employment)
        if args.employment is not None
        else employment_from_eurostat(args.eurostat)
    )
    employment = employment.loc[employment["employment"].notna()]
    return industry_relatedness(employment), regional_specialisation(employment)


def _nace() -> NaceVocabulary | None:
    titles, notes = data_dir() / NACE_TITLES, data_dir() / NACE_NOTES
    if not titles.is_file():
        return None
    return NaceVocabulary.from_files(titles, notes if notes.is_file() else None)


def _settings(args, **changes) -> MatchSettings:
    from clusterdialogue.cli import CommandError

    try:
        return MatchSettings(**changes)
    except ValueError as error:
        raise CommandError(str(error)) from error


def match_recommend(args: argparse.Namespace) -> int:
    from clusterdialogue.cli import CommandError

    settings = _settings(
        args,
        similarity_weight=args.similarity_weight,
        cross_territory=args.cross_territory,
        min_score=args.min_score,
        territory_quota=args.quota,
        workers=max(args.workers, 1),
    )
    if args.top < 1:
        raise CommandError("--top must be at least 1")
    if not args.out.parent.is_dir():
        raise CommandError(f"{args.out}: the folder {args.out.parent} does not exist")
    profiles = read_profiles_csv(args.profiles)
    related, specialisation = _employment_context(args)
    index = MatchIndex(
        profiles, industry_relatedness=related, specialisation=specialisation, nace=_nace()
    )
    result = index.recommend(settings=settings, top=args.top)
    result[["id", "partner_id", "rank", "score", "reasons"]].to_csv(args.out, index=False)
    print(
        f"wrote {len(result)} recommendations for {result['id'].nunique()} of "
        f"{len(profiles)} profiles to {args.out}"
    )
    for note in index.notes:
        print(f"note: {note}")
    return 0


def match_generate(args: argparse.Namespace) -> int:
    from clusterdialogue.cli import CommandError

    if args.profiles < 1:
        raise CommandError("--profiles must be at least 1")
    titles_path, sbs = data_dir() / NACE_TITLES, data_dir() / SBS_FILE
    for path in (titles_path, sbs):
        if not path.is_file():
            raise CommandError(f"{path} not found; set CLUSTERDIALOGUE_DATA_DIR to the data mirror")
    geo = read_eurostat_tsv(sbs)["geo"].drop_duplicates()
    regions = sorted(g for g in geo if len(g) == 4 and not g.endswith("Z"))
    frame = generate_profiles(
        args.profiles,
        vocabulary=load_concepts(),
        nace_titles=read_nace_titles(titles_path),
        regions=regions,
        seed=args.seed,
    )
    frame.to_csv(args.out, index=False)
    print(f"wrote {len(frame)} GENERATED profiles ({len(regions)} NUTS-2 regions) to {args.out}")
    return 0


def match_evaluate(args: argparse.Namespace) -> int:
    from clusterdialogue.cli import CommandError

    clusters = args.clusters or data_dir() / CLUSTERS
    if not Path(clusters).is_file():
        raise CommandError(f"{clusters} not found; give --clusters or set CLUSTERDIALOGUE_DATA_DIR")
    related, specialisation = _employment_context(args)
    index = MatchIndex(
        cluster_profiles(clusters),
        industry_relatedness=related,
        specialisation=specialisation,
        nace=_nace(),
    )
    result = index.recommend(settings=MatchSettings(cross_territory=True), top=max(args.k, 10))
    evaluation = evaluate_rankings(result, read_labelled_pairs(args.pairs), k=args.k)
    print(
        f"precision@{args.k}: {evaluation.precision:.3f} over "
        f"{len(evaluation.per_profile)} labelled profiles"
    )
    for row in evaluation.per_pair.itertuples(index=False):
        rank = "-" if row.rank != row.rank or row.rank is None else int(row.rank)
        verdict = "ok  " if row.passed else "MISS"
        print(f"{verdict} {row.id_a} -> {row.id_b} relevant={row.relevant} rank={rank}")
    for note in index.notes:
        print(f"note: {note}")
    return 0
