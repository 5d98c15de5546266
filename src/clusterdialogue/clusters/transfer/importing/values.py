"""Turn one cell's text into a stored value, or say (as a ``ValueError``) what is wrong with it.

Each parser receives non-empty, stripped text; an empty cell never reaches them because empty
means "no information" in the import layouts.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator

from clusterdialogue.core.io.nace import to_sbs_code

_URL = URLValidator(schemes=["http", "https"])
_EMAIL = EmailValidator()
_SBS = re.compile(r"^[A-U](\d{2}\d{0,2})?$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})?$")
_SLUG = re.compile(r"^[-a-z0-9_]+$")
# Words that say what kind of body an organisation is, not which one (dropped for fuzzy matching).
LEGAL_FORM_WORDS = frozenset({
    "e", "v", "ev", "gmbh", "mbh", "ag", "gbr", "ug", "asbl", "vzw", "srl", "spa", "scarl",
    "sl", "sa", "sas", "sarl", "association", "associazione", "verein", "asociacion",
    "associacio",
})  # fmt: skip


def normalise_name(name: str) -> str:
    """A name for exact matching: case, accents, punctuation and spacing ignored.

    >>> normalise_name("  Végépolys   Valley ")
    'vegepolys valley'
    >>> normalise_name("Flanders' FOOD") == normalise_name("Flanders FOOD")
    True
    """
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def fold_name(name: str) -> str:
    """A name for fuzzy matching: also German transliterations (ä = ae) and legal forms dropped.

    >>> fold_name("Cluster Elektromobilität Süd-West") == fold_name(
    ...     "Cluster Elektromobilitaet Sued-West e.V.")
    True
    """
    text = name.casefold()
    for umlaut, plain in (("ä", "a"), ("ö", "o"), ("ü", "u"), ("ß", "ss")):
        text = text.replace(umlaut, plain)
    words = normalise_name(text).split()
    # Transliterated umlauts (ae, oe, ue) fold to the plain vowel on both sides alike.
    words = [re.sub(r"([aou])e", r"\1", w) for w in words if w not in LEGAL_FORM_WORDS]
    return " ".join(words)


def parse_text(text: str, *, max_length: int | None) -> str:
    if max_length is not None and len(text) > max_length:
        raise ValueError(f"is {len(text)} characters long; at most {max_length} fit")
    return text


def parse_int(text: str) -> int:
    """A whole number, zero or more (``"1 200"`` and ``"15.0"`` are accepted)."""
    cleaned = text.replace(" ", "").replace("\u00a0", "")
    if re.fullmatch(r"\d+(\.0+)?", cleaned) is None:
        raise ValueError(f"{text!r} is not a whole number of zero or more")
    return int(cleaned.split(".")[0])


def parse_year(text: str) -> int:
    year = parse_int(text) if re.fullmatch(r"\d{4}(\.0+)?", text) else None
    this_year = dt.date.today().year
    if year is None or not 1800 <= year <= this_year:
        raise ValueError(f"{text!r} is not a year between 1800 and {this_year} (write e.g. 2005)")
    return year


def parse_decimal(text: str, *, maximum: int = 9999) -> Decimal:
    """A number with at most two decimals; a decimal comma is accepted (``"1,5"``)."""
    try:
        value = Decimal(text.replace(",", ".") if text.count(",") == 1 else text)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or not 0 <= value <= maximum:
        raise ValueError(f"{text!r} is not a number between 0 and {maximum}")
    return value.quantize(Decimal("0.01"))


def parse_float(text: str, *, low: float, high: float) -> float:
    try:
        value = float(text.replace(",", ".") if text.count(",") == 1 else text)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        raise ValueError(f"{text!r} is not a number between {low:g} and {high:g}")
    return value


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise ValueError(f"{text!r} is not a date written as YYYY-MM-DD") from None


def parse_url(text: str, *, max_length: int) -> tuple[str, str | None]:
    """A web address; ``https://`` is added when the scheme is missing (returned as a note)."""
    note = None
    url = text
    if "://" not in url:
        url = f"https://{url}"
        note = f"https:// added to {text!r}"
    try:
        _URL(url)
    except ValidationError:
        raise ValueError(
            f"{text!r} is not a web address (write e.g. https://example.org)"
        ) from None
    if len(url) > max_length:
        raise ValueError(f"is {len(url)} characters long; at most {max_length} fit")
    return url, note


def parse_email(text: str) -> str:
    try:
        _EMAIL(text)
    except ValidationError:
        raise ValueError(f"{text!r} is not an e-mail address") from None
    return text


def parse_list(text: str) -> list[str]:
    """Items separated by ``;`` (blank items dropped, order and first spelling kept)."""
    items: list[str] = []
    for item in (part.strip() for part in text.split(";")):
        if item and item.casefold() not in {i.casefold() for i in items}:
            items.append(item)
    return items


def parse_choice(text: str, *, choices: list[tuple[str, str]]) -> str:
    """One of the model's choices, by value or by its label (case ignored)."""
    wanted = text.casefold()
    for value, label in choices:
        if wanted in (value.casefold(), str(label).casefold()):
            return value
    allowed = ", ".join(value for value, _ in choices)
    raise ValueError(f"{text!r} is not one of {allowed}")


def parse_language(text: str) -> str:
    code = text.lower()
    if _LANGUAGE.match(code) is None or len(code) > 8:
        raise ValueError(f"{text!r} is not a language code (write e.g. en, fr, de, it, ca)")
    return code


def parse_slug(text: str) -> str:
    if _SLUG.match(text) is None:
        raise ValueError(f"{text!r} is not a slug (lower-case letters, digits and '-')")
    return text


def parse_nace(text: str) -> str:
    """A NACE Rev. 2 code in its statistical (SBS) form: ``29`` and ``C29`` give ``C29``.

    >>> [parse_nace(c) for c in ("C29", "29", "29.1", "c29", "C")]
    ['C29', 'C29', 'C291', 'C29', 'C']
    """
    code = text.strip().upper()
    if _SBS.match(code):
        return code
    try:
        return to_sbs_code(code)
    except ValueError:
        raise ValueError(
            f"{text!r} is not a NACE Rev. 2 code (write e.g. C29, 29 or 29.1)"
        ) from None
