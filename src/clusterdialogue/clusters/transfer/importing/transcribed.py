"""The layout of the hand-transcribed Four Motors list, mapped onto the directory's import layout.

The file ``cluster_organisations/four_motors_cluster_organisations_transcribed.csv`` has the
columns ``region, nuts2016, name, organisation_type, domain_as_stated, city_as_stated,
website_as_stated, source, source_date, note``. Each row becomes a row of the import layout:

* ``nuts2016`` → ``region``; ``city_as_stated`` → ``city``; ``website_as_stated`` → ``website``
  (``https://`` is added when missing); ``organisation_type``, ``source``, ``source_date`` and
  ``note`` are kept as they are.
* ``domain_as_stated`` (in the source's language) → ``keywords`` (split on ``,`` and ``;``; a
  leading source tag such as ``VLAIO:`` is dropped) and ``description`` as
  "Domain (as stated by the source): …", with ``description_language`` from the region.
* A blank name is replaced by a clearly labelled placeholder built from the domain, e.g.
  "Lombardy technology cluster: Tecnologie per gli ambienti di vita (name not given in source)".
* A label is added only where ``organisation_type`` states one literally: a French
  "pôle de compétitivité (labelled for phase V, 2023-2026)" becomes the national label
  "Pôle de compétitivité", grade "phase V", valid 2023-01-01 to 2026-12-31; a Baden-Württemberg
  type 'with label "Cluster-Exzellenz Baden-Württemberg"' becomes that regional label.
* ``status`` is ``provisional``: whether these organisations meet the entry criteria is unknown.
"""

from __future__ import annotations

import re

TRANSCRIBED_COLUMNS = frozenset({"nuts2016", "domain_as_stated", "city_as_stated"})

# The language the domains of each territory are written in, in this file (the Flemish rows
# are in English; the Catalan rows are in Catalan). Longest prefix wins.
DOMAIN_LANGUAGE_BY_REGION = {
    "FR": "fr",
    "DE": "de",
    "IT": "it",
    "ES": "es",
    "ES51": "ca",
    "BE": "en",
    "UK": "en",
}
_POLE = re.compile(
    r"pôle de compétitivité \(labelled for (?P<grade>phase [IVX]+), (?P<start>\d{4})-(?P<end>\d{4})\)",
    re.IGNORECASE,
)
_QUOTED_LABEL = re.compile(r'with label "(?P<name>[^"]+)"')
_SOURCE_TAG = re.compile(r"^[A-Z]{2,}:\s*")


def is_transcribed_layout(columns: list[str]) -> bool:
    """Whether a header is the transcribed list's own layout."""
    return set(columns) >= TRANSCRIBED_COLUMNS


def transcribed_row_map(cells: dict[str, str]) -> dict[str, str]:
    """One row of the transcribed layout as a row of the import layout (text cells).

    >>> row = transcribed_row_map({"nuts2016": "ITC4", "name": "", "domain_as_stated": "Energia",
    ...     "organisation_type": "Cluster Tecnologico Lombardo (CTL), recognised by Regione"})
    >>> row["name"]
    'Lombardy technology cluster: Energia (name not given in source)'
    >>> row["keywords"], row["description_language"]
    ('Energia', 'it')
    """
    region = cells.get("nuts2016", "")
    domain = cells.get("domain_as_stated", "")
    kind = cells.get("organisation_type", "")
    row = {
        "region": region,
        "name": cells.get("name", "") or _placeholder_name(kind, region, domain),
        "organisation_type": kind,
        "city": cells.get("city_as_stated", ""),
        "website": cells.get("website_as_stated", ""),
        "source": cells.get("source", ""),
        "source_date": cells.get("source_date", ""),
        "note": cells.get("note", ""),
        "status": "provisional",
    }
    if domain:
        keywords = [_SOURCE_TAG.sub("", k.strip()) for k in re.split(r"[,;]", domain)]
        row["keywords"] = "; ".join(k for k in keywords if k)
        row["description"] = f"Domain (as stated by the source): {domain}"
        row["description_language"] = _language(region)
    row.update(_label(kind))
    return row


def _placeholder_name(kind: str, region: str, domain: str) -> str:
    """A name that says plainly it was not in the source; blank when there is no domain either."""
    if not domain:
        return ""
    if kind.startswith("Cluster Tecnologico Lombardo"):
        prefix = "Lombardy technology cluster"
    else:
        prefix = f"Cluster in {region}"
    return f"{prefix}: {domain} (name not given in source)"


def _language(region: str) -> str:
    matches = [p for p in DOMAIN_LANGUAGE_BY_REGION if region.upper().startswith(p)]
    return DOMAIN_LANGUAGE_BY_REGION[max(matches, key=len)] if matches else ""


def _label(kind: str) -> dict[str, str]:
    pole = _POLE.search(kind)
    if pole:
        return {
            "label_name": "Pôle de compétitivité",
            "label_level": "national",
            "label_grade": pole["grade"],
            "label_valid_from": f"{pole['start']}-01-01",
            "label_valid_until": f"{pole['end']}-12-31",
        }
    quoted = _QUOTED_LABEL.search(kind)
    if quoted:
        return {"label_name": quoted["name"], "label_level": "regional"}
    return {}
