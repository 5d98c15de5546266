"""Country codes as the platform stores them: Eurostat style, ISO 3166-1 alpha-2 accepted.

Eurostat (and the EU's funding documents) write Greece ``EL`` and the United Kingdom ``UK``
where ISO 3166-1 writes ``GR`` and ``GB``. The platform stores the Eurostat form everywhere, so
that a country code from a NUTS region (``EL30`` → ``EL``) and one from a funding call compare
equal. Both forms are accepted on input.
"""

from __future__ import annotations

import re

__all__ = ["COUNTRY_CODES", "EU27", "EUROSTAT_FROM_ISO", "normalise_country", "parse_countries"]

#: ISO 3166-1 alpha-2 codes whose Eurostat form differs.
EUROSTAT_FROM_ISO = {"GR": "EL", "GB": "UK"}

# fmt: off
#: The 27 EU member states (since 1 February 2020), Eurostat codes.
EU27 = frozenset((
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "HR", "HU",
    "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
))
# fmt: on

# All officially assigned ISO 3166-1 alpha-2 codes, plus XK (Kosovo, user-assigned but used by
# the European Commission), then the Eurostat forms EL and UK.
_ISO_CODES = """
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR
BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ
EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW
GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY
KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV
MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY
QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG
TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM
ZW XK
"""

#: Every code the platform stores (Eurostat style: ``EL`` and ``UK``, never ``GR`` or ``GB``).
COUNTRY_CODES = frozenset(EUROSTAT_FROM_ISO.get(c, c) for c in _ISO_CODES.split())


def normalise_country(code: str) -> str:
    """Return ``code`` in the platform's (Eurostat) form, or raise ``ValueError`` if unknown.

    Case and surrounding spaces are ignored.

    Examples
    --------
    >>> normalise_country(" gr"), normalise_country("GB"), normalise_country("UK")
    ('EL', 'UK', 'UK')
    >>> normalise_country("XX")
    Traceback (most recent call last):
    ...
    ValueError: unknown country code 'XX'; use a two-letter code such as DE, FR, EL (or GR), UK (or GB)
    """
    cleaned = code.strip().upper()
    cleaned = EUROSTAT_FROM_ISO.get(cleaned, cleaned)
    if cleaned not in COUNTRY_CODES:
        raise ValueError(
            f"unknown country code {code.strip()!r}; use a two-letter code such as DE, FR, "
            "EL (or GR), UK (or GB)"
        )
    return cleaned


def parse_countries(value: object) -> tuple[str, ...]:
    """Read a list of countries: a text such as ``"DE;FR;GR"`` or a list of codes.

    Codes may be separated by ``;``, ``,`` or spaces; ``EU27`` stands for the member states.
    Returns the distinct codes in Eurostat form, sorted; ``None`` or an empty text gives ``()``.
    Raises ``ValueError`` naming the first unknown code.

    >>> parse_countries("de; GR;uk"), parse_countries(["FR", "GB"]), len(parse_countries("EU27"))
    (('DE', 'EL', 'UK'), ('FR', 'UK'), 27)
    """
    if value is None:
        return ()
    if isinstance(value, str):
        tokens = [t for t in re.split(r"[;,\s]+", value) if t]
    elif isinstance(value, list | tuple) and all(isinstance(t, str) for t in value):
        tokens = [t.strip() for t in value if t.strip()]
    else:
        raise ValueError(f"{value!r} is not a list of country codes; write e.g. 'DE;FR;IT'")
    codes: set[str] = set()
    for token in tokens:
        if token.upper() == "EU27":
            codes |= EU27
        else:
            codes.add(normalise_country(token))
    return tuple(sorted(codes))
