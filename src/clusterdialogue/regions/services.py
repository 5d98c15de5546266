"""Writes for regions and networks: loading NUTS from GISCO files, code changes, networks."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from clusterdialogue.core.io.errors import DataFileError
from clusterdialogue.core.io.gisco import read_nuts_geojson, simplify_geometry
from clusterdialogue.core.io.nuts_changes import read_nuts_changes
from clusterdialogue.regions.models import (
    Network,
    Region,
    RegionBoundary,
    RegionCodeChange,
    Territory,
)
from clusterdialogue.regions.selectors import DEFAULT_NUTS_VERSION

REFERENCE_DIR = Path(__file__).parent / "data"
#: The shipped code changes after NUTS 2016, each with its public source.
LATER_CHANGES_FILE = "nuts_code_changes_later.csv"
GISCO_SOURCE_PATTERN = (
    "GISCO – Eurostat, NUTS {version} (1:20M). © EuroGeographics for the administrative boundaries"
)
GISCO_SOURCE = GISCO_SOURCE_PATTERN.format(version=DEFAULT_NUTS_VERSION)


@dataclass
class RegionLoadReport:
    """What a region load created and updated."""

    created: int = 0
    updated: int = 0
    files: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return (
            f"{self.created} regions created, {self.updated} updated from {len(self.files)} file(s)"
        )


def _is_extra_regio(code: str) -> bool:
    return len(code) >= 3 and code[2:] in {"Z", "ZZ", "ZZZ"}


def _display_name(name: str) -> str:
    """GISCO writes level 0 and 1 names in capitals; show them in title case."""
    return name.title().replace("'S ", "'s ") if name.isupper() else name


def _with_versions(current: str, *added: str) -> str:
    """``current`` (``"2013,2016"``) with ``added`` versions, sorted, each once."""
    versions = {v for v in current.split(",") if v} | {v for v in added if v}
    return ",".join(sorted(versions))


@transaction.atomic
def regions_load_nuts(
    *, files: list[Path], version: str = DEFAULT_NUTS_VERSION
) -> RegionLoadReport:
    """Create or update regions from GISCO NUTS GeoJSON files (one file per level).

    For NUTS 2016 (the default version) the regions take the files' names and boundaries.
    Codes that are new in 2016 (the targets of a code change into it) are marked as valid in
    2016 only; all others are taken to be valid in 2013 as well; later versions a region was
    already found in (2021, 2024) are kept.

    For a later version (``"2021"``, ``"2024"``) the version is added to each region's
    ``versions`` and its name and boundary in that version are stored as a
    :class:`RegionBoundary`; the 2016 name and boundary stay. A code new in that version
    becomes a region of that version only.
    """
    if version != DEFAULT_NUTS_VERSION:
        return _regions_load_later_version(files=files, version=version)
    report = RegionLoadReport()
    new_in_version = set(
        RegionCodeChange.objects.filter(new_version=version).values_list("new_code", flat=True)
    )
    existing = {region.code: region for region in Region.objects.all()}
    for path in files:
        report.files.append(str(path))
        for feature in read_nuts_geojson(path):
            versions = (
                version if feature.code in new_in_version else f"{int(version) - 3},{version}"
            )
            region = existing.get(feature.code)
            if region is not None:  # keep the later versions loaded before
                later = [v for v in region.version_list if v > version]
                versions = _with_versions(versions, *later)
            values = {
                "name": _display_name(feature.name),
                "level": feature.level,
                "country_code": feature.country_code,
                "kind": Region.Kind.NUTS,
                "versions": versions,
                "geometry": simplify_geometry(feature.geometry, digits=3),
                "source": GISCO_SOURCE,
            }
            if region is None:
                existing[feature.code] = Region.objects.create(code=feature.code, **values)
                report.created += 1
            else:
                for name, value in values.items():
                    setattr(region, name, value)
                region.save()
                report.updated += 1
    regions_link_parents()
    return report


def _regions_load_later_version(*, files: list[Path], version: str) -> RegionLoadReport:
    if not (len(version) == 4 and version.isdigit()):
        raise DataFileError(
            "NUTS version", f"the NUTS version must be a year such as 2021, not {version!r}"
        )
    report = RegionLoadReport()
    source = GISCO_SOURCE_PATTERN.format(version=version)
    existing = {region.code: region for region in Region.objects.all()}
    boundaries = {b.region_id: b for b in RegionBoundary.objects.filter(version=version)}
    for path in files:
        report.files.append(str(path))
        for feature in read_nuts_geojson(path):
            name = _display_name(feature.name)
            region = existing.get(feature.code)
            if region is None:
                region = Region.objects.create(
                    code=feature.code,
                    name=name,
                    level=feature.level,
                    country_code=feature.country_code,
                    kind=Region.Kind.NUTS,
                    versions=version,
                    source=source,
                )
                existing[feature.code] = region
                report.created += 1
            else:
                versions = _with_versions(region.versions, version)
                if versions != region.versions:
                    region.versions = versions
                    region.save(update_fields=["versions"])
                report.updated += 1
            values = {
                "name": name,
                "geometry": simplify_geometry(feature.geometry, digits=3),
                "source": source,
            }
            boundary = boundaries.get(region.pk)
            if boundary is None:
                boundaries[region.pk] = RegionBoundary.objects.create(
                    region=region, version=version, **values
                )
            else:
                for field_name, value in values.items():
                    setattr(boundary, field_name, value)
                boundary.save()
    regions_link_parents()
    return report


def _read_reference_csv(path: Path, required: set[str]) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = required - set(reader.fieldnames or [])
        if missing:
            raise DataFileError(path, f"missing columns: {', '.join(sorted(missing))}", line=1)
        return list(reader)


@transaction.atomic
def regions_load_reference(*, directory: Path = REFERENCE_DIR) -> RegionLoadReport:
    """Load the shipped NUTS code changes (with the superseded regions) and country aggregates."""
    report = RegionLoadReport(files=[str(directory)])
    changes = _read_reference_csv(
        directory / "nuts_code_changes.csv",
        {"old_code", "old_version", "new_code", "new_version", "relation", "old_name"},
    )
    for row in changes:
        RegionCodeChange.objects.update_or_create(
            old_code=row["old_code"],
            new_code=row["new_code"],
            defaults={
                "old_version": row["old_version"],
                "new_version": row["new_version"],
                "relation": row["relation"],
            },
        )
    names = {row["old_code"]: row["old_name"] for row in changes if row["old_name"]}
    successors = {
        row["old_code"]: row["new_code"] for row in changes if row["relation"] == "recoded"
    }
    versions = {row["old_code"]: row["old_version"] for row in changes}
    for code, version in versions.items():
        _, created = Region.objects.update_or_create(
            code=code,
            defaults={
                "name": names.get(code, ""),
                "level": len(code) - 2,
                "country_code": code[:2],
                "kind": Region.Kind.NUTS,
                "versions": version,
                "source": "Eurostat NUTS history (shipped table nuts_code_changes.csv)",
            },
        )
        report.created += created
    for aggregate in _read_reference_csv(directory / "aggregates.csv", {"code", "name"}):
        Region.objects.update_or_create(
            code=aggregate["code"],
            defaults={"name": aggregate["name"], "level": None, "kind": Region.Kind.AGGREGATE},
        )
    _name_recoded_regions(successors)
    # Only codes new in the latest version are valid in it alone: a code new in an earlier
    # version (ITH in 2010) is either an old code itself (versions set above) or still current.
    latest = max((row["new_version"] for row in changes), default=None)
    new_codes = {row["new_code"] for row in changes if row["new_version"] == latest}
    for region in Region.objects.filter(code__in=new_codes, kind=Region.Kind.NUTS):
        later = [v for v in region.version_list if latest is not None and v > latest]
        versions = _with_versions(latest or "", *later)
        if region.versions != versions:
            region.versions = versions
            region.save(update_fields=["versions"])
    regions_link_parents()
    return report


@dataclass
class CodeChangeReport:
    """What a load of code changes between later NUTS versions stored."""

    file: str
    changes: int = 0
    recoded: int = 0
    regions_created: int = 0

    def __str__(self) -> str:
        return (
            f"{self.changes} code changes ({self.recoded} recoded, same territory) from "
            f"{self.file}; {self.regions_created} regions added"
        )


def _store_code_changes(rows: list[dict[str, str]], *, report: CodeChangeReport) -> None:
    """Upsert code changes ``old_code, old_version, new_code, new_version, relation, name,
    source`` and make sure both codes are regions valid in their version."""
    regions = {
        r.code: r
        for r in Region.objects.filter(
            code__in={row[k] for row in rows for k in ("old_code", "new_code")}
        )
    }
    for row in rows:
        RegionCodeChange.objects.update_or_create(
            old_code=row["old_code"],
            new_code=row["new_code"],
            defaults={
                "old_version": row["old_version"],
                "new_version": row["new_version"],
                "relation": row["relation"],
                "source": row["source"][:300],
            },
        )
        report.changes += 1
        report.recoded += row["relation"] == RegionCodeChange.Relation.RECODED
        for code, version, name in (
            (row["old_code"], row["old_version"], ""),
            (row["new_code"], row["new_version"], row["name"]),
        ):
            region = regions.get(code)
            if region is None:
                regions[code] = Region.objects.create(
                    code=code,
                    name=_display_name(name),
                    level=len(code) - 2,
                    country_code=code[:2],
                    kind=Region.Kind.NUTS,
                    versions=version,
                    source=row["source"][:300],
                )
                report.regions_created += 1
            elif region.kind == Region.Kind.NUTS and version not in region.version_list:
                region.versions = _with_versions(region.versions, version)
                region.save(update_fields=["versions"])
    regions_link_parents()


@transaction.atomic
def region_code_changes_import(
    *, path: Path, old_version: str, new_version: str, sheet: str | None = None
) -> CodeChangeReport:
    """Import the code changes between two NUTS versions from Eurostat's correspondence table.

    ``path`` is the ``.xlsx`` workbook of the NUTS history page (``NUTS2021.xlsx`` for
    2016 → 2021, ``NUTS2021-NUTS2024.xlsx`` for 2021 → 2024). Only the rows the table calls a
    recoding carry figures over; splits, mergers and moved boundaries are stored as such.
    Codes new in ``new_version`` become regions of that version when they are not loaded yet.
    """
    path = Path(path)
    changes = read_nuts_changes(path, old_version=old_version, new_version=new_version, sheet=sheet)
    source = f"Eurostat NUTS correspondence table {path.name}"
    report = CodeChangeReport(file=path.name)
    _store_code_changes(
        [
            {
                "old_code": c.old_code,
                "old_version": c.old_version,
                "new_code": c.new_code,
                "new_version": c.new_version,
                "relation": c.relation,
                "name": c.name,
                "source": f"{source}, row {c.line}: {c.change or 'no comment'}",
            }
            for c in changes
        ],
        report=report,
    )
    return report


@transaction.atomic
def region_code_changes_load_shipped(*, directory: Path = REFERENCE_DIR) -> CodeChangeReport:
    """Load the shipped code changes after NUTS 2016 (``nuts_code_changes_later.csv``).

    Each row names its public source; the table holds only changes so sourced.
    """
    path = directory / LATER_CHANGES_FILE
    rows = _read_reference_csv(
        path,
        {"old_code", "old_version", "new_code", "new_version", "relation", "new_name", "source"},
    )
    relations = set(RegionCodeChange.Relation.values)
    for line, row in enumerate(rows, start=2):
        if row["relation"] not in relations:
            raise DataFileError(
                path,
                f"relation must be one of {', '.join(sorted(relations))}, not {row['relation']!r}",
                line=line,
                field="relation",
            )
        if not row["source"].strip():
            raise DataFileError(path, "every change names its source", line=line, field="source")
    report = CodeChangeReport(file=path.name)
    _store_code_changes([{**row, "name": row["new_name"]} for row in rows], report=report)
    return report


def _name_recoded_regions(successors: dict[str, str]) -> None:
    """A recoded region keeps its territory, so it takes its successor's name when it has none."""
    for old_code, new_code in successors.items():
        chain = new_code
        while chain in successors:  # FR91 → FRA1 → FRY1
            chain = successors[chain]
        successor = Region.objects.filter(code=chain).exclude(name="").first()
        if successor:
            Region.objects.filter(code=old_code, name="").update(name=successor.name)


def region_ensure_extra_regio(*, code: str) -> Region | None:
    """Register an extra-regio code (``DEZ``, ``DEZZ``) of a known country on first use."""
    if not _is_extra_regio(code) or not Region.objects.filter(code=code[:2]).exists():
        return None
    region, _ = Region.objects.get_or_create(
        code=code,
        defaults={
            "name": f"Extra-Regio NUTS {len(code) - 2}",
            "level": len(code) - 2,
            "country_code": code[:2],
            "kind": Region.Kind.EXTRA_REGIO,
        },
    )
    return region


def regions_link_parents() -> int:
    """Set each NUTS region's parent from its code (``DE11`` → ``DE1`` → ``DE``)."""
    by_code = dict(Region.objects.values_list("code", "pk"))
    changed = 0
    for region in Region.objects.filter(level__gt=0).exclude(kind=Region.Kind.CUSTOM):
        parent_pk = by_code.get(region.code[:-1])
        if parent_pk and region.parent_id != parent_pk:
            region.parent_id = parent_pk
            region.save(update_fields=["parent"])
            changed += 1
    return changed


@transaction.atomic
def regions_import_csv(*, path: Path) -> RegionLoadReport:
    """Create or update custom regions from a CSV ``code,name,level,parent_code[,country_code]``.

    This lets a network outside Europe define its own regions before importing statistics.
    """
    rows = _read_reference_csv(path, {"code", "name", "level", "parent_code"})
    report = RegionLoadReport(files=[str(path)])
    known = set(Region.objects.values_list("code", flat=True)) | {row["code"] for row in rows}
    for line, row in enumerate(rows, start=2):
        code = row["code"].strip()
        if not code:
            raise DataFileError(path, "the region code is empty", line=line, field="code")
        try:
            level = int(row["level"])
        except ValueError:
            level = -1
        if level < 0:
            raise DataFileError(
                path,
                f"level must be a whole number of 0 or more, got {row['level']!r}",
                line=line,
                field="level",
            )
        parent_code = row["parent_code"].strip()
        if parent_code and parent_code not in known:
            raise DataFileError(
                path,
                f"unknown parent region {parent_code!r}; list it in the file or load it first",
                line=line,
                field="parent_code",
            )
        _, created = Region.objects.update_or_create(
            code=code,
            defaults={
                "name": row["name"].strip() or code,
                "level": level,
                "country_code": (row.get("country_code") or "").strip(),
                "kind": Region.Kind.CUSTOM,
                "source": str(path.name),
            },
        )
        report.created += created
        report.updated += not created
    for row in rows:
        if row["parent_code"].strip():
            Region.objects.filter(code=row["code"].strip()).update(
                parent=Region.objects.get(code=row["parent_code"].strip())
            )
    return report


FOUR_MOTORS = {
    "name": "Four Motors for Europe and Associates",
    "slug": "four-motors",
    "website": "https://4motors.eu/",
    "description": (
        "Auvergne-Rhône-Alpes, Baden-Württemberg, Catalonia and Lombardy, with Flanders and Wales "
        "as associates. Their Cluster Dialogue brings together the regions' cluster-policy experts."
    ),
    # The four partners signed the founding memorandum in Stuttgart on 9 September 1988; the
    # associates' dates are not recorded here rather than guessed.
    "territories": [
        ("Auvergne-Rhône-Alpes", "FRK", Territory.Role.PARTNER, dt.date(1988, 9, 9)),
        ("Baden-Württemberg", "DE1", Territory.Role.PARTNER, dt.date(1988, 9, 9)),
        ("Catalonia", "ES51", Territory.Role.PARTNER, dt.date(1988, 9, 9)),
        ("Lombardy", "ITC4", Territory.Role.PARTNER, dt.date(1988, 9, 9)),
        ("Flanders", "BE2", Territory.Role.ASSOCIATE, None),
        ("Wales", "UKL", Territory.Role.ASSOCIATE, None),
    ],
}


@transaction.atomic
def network_create(
    *,
    name: str,
    slug: str,
    territories: list[tuple[str, str, str, dt.date | None]],
    description: str = "",
    website: str = "",
    is_default: bool = False,
) -> Network:
    """Create (or update) a network and its member territories ``(name, region code, role, date)``."""
    network, _ = Network.objects.update_or_create(
        slug=slug,
        defaults={
            "name": name,
            "description": description,
            "website": website,
            "is_default": is_default,
        },
    )
    if is_default:
        Network.objects.exclude(pk=network.pk).update(is_default=False)
    for territory_name, code, role, joined_on in territories:
        region = Region.objects.filter(code=code).first()
        if region is None:
            raise DataFileError(
                f"network {slug}", f"unknown region code {code!r}; load the NUTS regions first"
            )
        Territory.objects.update_or_create(
            network=network,
            region=region,
            defaults={"name": territory_name, "role": role, "joined_on": joined_on},
        )
    return network


def network_create_four_motors() -> Network:
    """Create the Four Motors for Europe network with its six territories."""
    spec = dict(FOUR_MOTORS)
    return network_create(**spec, is_default=True)
