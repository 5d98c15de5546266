"""The industry code lists: NACE Rev. 2 from the multilingual RAMON titles, and the A*10 groups."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from clusterdialogue.core.io.nace import read_nace_titles, to_sbs_code
from clusterdialogue.statistics.models import Industry

LANGUAGES = ("en", "fr", "de", "it", "es", "nl")
SCHEME_BY_LEVEL = {
    1: Industry.Scheme.NACE_SECTION,
    2: Industry.Scheme.NACE_DIVISION,
    3: Industry.Scheme.NACE_GROUP,
}

# Eurostat's A*10 grouping as used by the Labour Force Survey tables (lfst_r_lfe2en2).
NACE_A10 = {
    "A": "Agriculture, forestry and fishing",
    "B-E": "Industry (except construction)",
    "F": "Construction",
    "G-I": "Wholesale and retail trade, transport, accommodation and food service activities",
    "J": "Information and communication",
    "K": "Financial and insurance activities",
    "L": "Real estate activities",
    "M_N": "Professional, scientific, technical, administrative and support service activities",
    "O-Q": "Public administration, defence, education, human health and social work activities",
    "R-U": "Arts, entertainment and recreation; other services; household and extra-territorial "
    "activities",
    "TOTAL": "All NACE activities",
    "NRP": "No response",
}


@transaction.atomic
def industries_load_nace(*, path: Path) -> int:
    """Create or update NACE sections, divisions and groups under their statistical codes."""
    titles = read_nace_titles(path)
    count = 0
    for row in titles[titles["level"].astype(int) <= 3].itertuples(index=False):
        level = int(row.level)
        code = to_sbs_code(row.code, row.section)
        defaults = {"scheme": SCHEME_BY_LEVEL[level], "section": row.section}
        for language in LANGUAGES:
            defaults[f"name_{language}"] = getattr(row, f"title_{language}") or ""
        Industry.objects.update_or_create(code=code, defaults=defaults)
        count += 1
    for code, name in NACE_A10.items():
        # Single-letter A*10 codes are NACE sections already; only add the groupings.
        if not Industry.objects.filter(code=code).exists():
            Industry.objects.create(code=code, scheme=Industry.Scheme.NACE_A10, name_en=name)
            count += 1
    return count


def industry_ensure_custom(*, codes: set[str]) -> list[str]:
    """Create custom categories for ``codes`` not known yet; return the codes created."""
    known = set(Industry.objects.filter(code__in=codes).values_list("code", flat=True))
    created = sorted(codes - known)
    Industry.objects.bulk_create(
        [Industry(code=code, scheme=Industry.Scheme.CUSTOM, name_en=code) for code in created]
    )
    return created
