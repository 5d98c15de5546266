"""Load the real data the platform runs on: NUTS regions, NACE titles, Eurostat statistics.

Each file is read from a local mirror (``CLUSTERDIALOGUE_DATA_DIR``; by default ``../shared/data``
beside the project when it exists) or downloaded once from its official source into a cache.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from tqdm import tqdm

from clusterdialogue.core.io.download import (
    DATA_DIR_ENV,
    MIRROR_ENV,
    eurostat_url,
    gisco_url,
    mirrored_url,
    resolve_data_file,
)
from clusterdialogue.core.io.errors import DataFileError


@dataclass(frozen=True)
class DataFile:
    """A file the platform needs: where it lives in a mirror, and its official address."""

    relative: str
    url: str | None
    description: str


NUTS_FILES = [
    DataFile(
        f"nuts/NUTS_RG_20M_2016_4326_LEVL_{level}.geojson",
        gisco_url(scale="20M", year=2016, level=level),
        f"GISCO NUTS 2016 level {level} boundaries",
    )
    for level in range(4)
]
#: GISCO boundaries of the later NUTS versions, loaded when found or downloadable.
LATER_NUTS_FILES = {
    version: [
        DataFile(
            f"nuts/NUTS_RG_20M_{version}_4326_LEVL_{level}.geojson",
            gisco_url(scale="20M", year=int(version), level=level),
            f"GISCO NUTS {version} level {level} boundaries",
        )
        for level in range(4)
    ]
    for version in ("2021", "2024")
}
#: Eurostat's NUTS correspondence tables (NUTS history page), read when in the mirror or cache:
#: (file, old version, new version).
NUTS_CHANGE_TABLES = [
    (
        DataFile("nuts/NUTS2021.xlsx", None, "Eurostat NUTS 2016-2021 correspondence table"),
        "2016",
        "2021",
    ),
    (
        DataFile(
            "nuts/NUTS2021-NUTS2024.xlsx", None, "Eurostat NUTS 2021-2024 correspondence table"
        ),
        "2021",
        "2024",
    ),
]
NACE_TITLES = DataFile(
    "nace/nace_rev2_titles_multilingual.csv",
    None,
    "NACE Rev. 2 titles in six languages (Eurostat RAMON)",
)
EUROSTAT_FILES = [
    DataFile(
        "eurostat/sbs_r_nuts06_r2.tsv.gz",
        eurostat_url("sbs_r_nuts06_r2"),
        "Eurostat SBS by NUTS 2 and NACE Rev. 2",
    ),
    DataFile(
        "eurostat/lfst_r_lfe2en2.tsv",
        eurostat_url("lfst_r_lfe2en2"),
        "Eurostat LFS employment by NUTS 2 and NACE A*10",
    ),
]

#: Eurostat SBS from 2021 (NUTS 2021 codes): imported when in the mirror or the cache; too
#: large for one request, it is downloaded in parts by ``clusterdialogue data download``.
SBS_2021 = DataFile(
    "eurostat/sbs_r_nuts2021.tsv.gz",
    None,
    "Eurostat SBS by NUTS regions and NACE Rev. 2, from 2021",
)

CLUSTER_ORGANISATIONS = DataFile(
    "cluster_organisations/four_motors_cluster_organisations_transcribed.csv",
    None,
    "Four Motors cluster organisations, hand-transcribed from the public pages it cites",
)


def data_dir() -> Path | None:
    """The local mirror of the real data, if there is one."""
    configured = settings.CLUSTERDIALOGUE_DATA_DIR or os.environ.get("CLUSTERDIALOGUE_DATA_DIR")
    if configured:
        return Path(configured)
    default = Path.cwd().parent / "shared" / "data"
    return default if default.is_dir() else None


def download_mirror() -> str | None:
    """A mirror of the official addresses (``CLUSTERDIALOGUE_DOWNLOAD_MIRROR``), if set."""
    return getattr(settings, "CLUSTERDIALOGUE_DOWNLOAD_MIRROR", "") or os.environ.get(MIRROR_ENV)


def locate(file: DataFile) -> Path:
    """The local path of ``file``: from the mirror, or downloaded into the cache."""
    return resolve_data_file(
        file.relative,
        data_dir=data_dir(),
        url=mirrored_url(file.url, download_mirror()) if file.url else None,
        cache_dir=Path(settings.CLUSTERDIALOGUE_CACHE_DIR),
    )


def load_later_nuts() -> str:
    """Load the NUTS 2021 and 2024 boundaries that are in the mirror, the cache or downloadable.

    A version whose files are missing is left out with a message saying where to put them;
    the platform goes on with NUTS 2016. After the first failed download no other is tried.
    """
    from clusterdialogue.regions.services import regions_load_nuts

    lines = []
    can_download = True
    for version, files in LATER_NUTS_FILES.items():
        paths, problem = [], ""
        for file in files:
            try:
                paths.append(_locate_optional(file, download=can_download))
            except DataFileError as error:
                # Not in the mirror nor the cache: the download failed or was not tried.
                problem = (
                    error.message
                    if can_download
                    else f"{file.relative} not in the data directory or the cache, and no "
                    "download tried after the failed one above"
                )
                can_download = False
                break
        if problem:
            folder = data_dir() or f"${DATA_DIR_ENV}"
            lines.append(
                f"NUTS {version}: boundaries not loaded ({problem}); put the GISCO files "
                f"NUTS_RG_20M_{version}_4326_LEVL_0..3.geojson in {folder}/nuts/ to load them. "
                "Going on with NUTS 2016."
            )
            continue
        lines.append(f"NUTS {version}: {regions_load_nuts(files=paths, version=version)}")
    return "\n".join(lines)


def load_later_code_changes() -> str:
    """Load the shipped code changes after NUTS 2016, then Eurostat's tables when present."""
    from clusterdialogue.regions.services import (
        region_code_changes_import,
        region_code_changes_load_shipped,
    )

    lines = [f"shipped: {region_code_changes_load_shipped()}"]
    for file, old, new in NUTS_CHANGE_TABLES:
        try:
            path = _locate_optional(file, download=False)
        except DataFileError:
            folder = data_dir() or f"${DATA_DIR_ENV}"
            lines.append(
                f"NUTS {old}-{new}: {file.relative} not found in {folder}; put Eurostat's "
                "correspondence table there (https://ec.europa.eu/eurostat/web/nuts/history) "
                "to load its code changes"
            )
            continue
        report = region_code_changes_import(path=path, old_version=old, new_version=new)
        lines.append(f"NUTS {old}-{new}: {report}")
    return "\n".join(lines)


def nace_pages() -> list[list[str]]:
    """The NACE codes the platform knows, one group per section (``C``, ``C10`` … ``C33``)."""
    from clusterdialogue.statistics.models import Industry

    codes = Industry.objects.filter(
        scheme__in=[Industry.Scheme.NACE_SECTION, Industry.Scheme.NACE_DIVISION]
    ).values_list("code", "scheme")
    sections = sorted(code for code, scheme in codes if scheme == Industry.Scheme.NACE_SECTION)
    divisions = sorted(code for code, scheme in codes if scheme == Industry.Scheme.NACE_DIVISION)
    return [[s, *(d for d in divisions if d.startswith(s))] for s in sections]


def download_eurostat(*, code: str, pages: list[list[str]] | None = None) -> Path:
    """Download a Eurostat dataset in parts by NACE section into the cache; return its path."""
    from clusterdialogue.core.io.download import eurostat_download_paged
    from clusterdialogue.core.io.eurostat import EUROSTAT_DATASETS

    meta = EUROSTAT_DATASETS.get(code)
    if meta is None or not meta.dimensions:
        known = [c for c, m in EUROSTAT_DATASETS.items() if m.dimensions]
        raise DataFileError(
            code, f"no download in parts for {code!r}; datasets with one: {', '.join(known)}"
        )
    pages = pages if pages is not None else nace_pages()
    if not pages:
        raise DataFileError(code, "no NACE codes to ask for; load the NACE titles first")
    dest = Path(settings.CLUSTERDIALOGUE_CACHE_DIR) / "eurostat" / f"{code}.tsv.gz"
    return eurostat_download_paged(
        code, dest, dimensions=meta.dimensions, pages=pages, mirror=download_mirror()
    )


def import_sbs_2021() -> str:
    """Import ``eurostat/sbs_r_nuts2021.tsv.gz`` when it is in the mirror or the cache."""
    from clusterdialogue.statistics.services.imports import dataset_import_eurostat

    try:
        path = _locate_optional(SBS_2021, download=False)
    except DataFileError:
        return (
            f"sbs_r_nuts2021: {SBS_2021.relative} not found in {data_dir() or 'the mirror'} nor "
            "the cache; `clusterdialogue data download sbs_r_nuts2021` downloads it. Going on "
            "without the figures from 2021."
        )
    try:
        return str(dataset_import_eurostat(path=path))
    except DataFileError as error:
        return (
            f"sbs_r_nuts2021: not imported ({error}). Load the NUTS 2021 boundaries or code "
            "changes first; going on without the figures from 2021."
        )


def _locate_optional(file: DataFile, *, download: bool) -> Path:
    """:func:`locate`, or without ``download`` the mirror or cached copy only."""
    return resolve_data_file(
        file.relative,
        data_dir=data_dir(),
        url=mirrored_url(file.url, download_mirror()) if download and file.url else None,
        cache_dir=Path(settings.CLUSTERDIALOGUE_CACHE_DIR),
    )


def _warm_analytics() -> str:
    """Compute the smart-specialisation measures once, so the first visitor does not wait."""
    from clusterdialogue.analytics.selectors import analytics_overview

    years = [len(analytics_overview(level=level).years) for level in (1, 2)]
    return f"analytics: {years[0]} years at NUTS 1, {years[1]} at NUTS 2 computed"


def load_real_data(
    *, report: Callable[[str], None] = print, with_lfs: bool = True, progress: bool = True
) -> None:
    """Load everything ``make run`` needs, in dependency order; each step is idempotent.

    With ``progress`` a progress bar shows the current step (on standard error).
    """
    from clusterdialogue.clusters.transfer.importing.organisations import clusters_import
    from clusterdialogue.collaboration.calls.services import funding_calls_load_examples
    from clusterdialogue.regions.services import (
        network_create_four_motors,
        regions_load_nuts,
        regions_load_reference,
    )
    from clusterdialogue.statistics.services.imports import dataset_import_eurostat
    from clusterdialogue.statistics.services.industries import industries_load_nace
    from clusterdialogue.statistics.services.mapping import mapping_refresh

    report(f"data: {data_dir() or 'no local mirror; downloading from the official sources'}")
    eurostat_files = EUROSTAT_FILES if with_lfs else EUROSTAT_FILES[:1]
    steps: list[tuple[str, Callable[[], object]]] = [
        ("NUTS regions", lambda: regions_load_nuts(files=[locate(f) for f in NUTS_FILES])),
        ("NUTS code changes", regions_load_reference),
        ("NUTS 2021 and 2024", load_later_nuts),
        ("NUTS code changes after 2016", load_later_code_changes),
        ("network", lambda: f"network: {network_create_four_motors()}"),
        (
            "cluster organisations",
            lambda: clusters_import(source=locate(CLUSTER_ORGANISATIONS)),
        ),
        ("example funding calls", funding_calls_load_examples),  # flagged as examples
        ("NACE titles", lambda: f"{industries_load_nace(path=locate(NACE_TITLES))} NACE codes"),
        *(
            (
                file.relative.rsplit("/", 1)[-1],
                lambda f=file: dataset_import_eurostat(path=locate(f)),
            )
            for file in eurostat_files
        ),
        ("sbs_r_nuts2021", import_sbs_2021),
        ("cluster mapping", lambda: "\n".join(str(r) for r in mapping_refresh())),
        ("analytics", _warm_analytics),
    ]
    with tqdm(total=len(steps), unit="step", disable=not progress) as bar:
        for label, step in steps:
            bar.set_description(label)
            result = step()
            if progress:
                bar.write(str(result))  # keeps the bar below the step reports
            else:
                report(str(result))
            bar.update()
