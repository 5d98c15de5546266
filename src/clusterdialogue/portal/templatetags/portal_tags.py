"""Small display filters for the portal templates."""

from __future__ import annotations

from urllib.parse import urlsplit

from django import template
from django.utils import formats

register = template.Library()


@register.filter
def stars(count: int | None, out_of: int = 3) -> str:
    """``2`` → ``★★☆``."""
    count = int(count or 0)
    return "★" * count + "☆" * max(out_of - count, 0)


@register.filter
def percent(value: float | None, digits: int = 1) -> str:
    """``0.0234`` → ``+2.3 %`` (``+2,3 %`` in French, German, …); missing → an en dash."""
    if value is None:
        return "\u2013"  # en dash
    text = f"{100 * value:+.{digits}f} %"
    return text.replace(".", formats.get_format("DECIMAL_SEPARATOR"))


@register.filter
def http_url(value: object) -> str:
    """A stored web address fit for an ``href``: only ``http``/``https``, else ``""``.

    Whatever the database holds (a ``javascript:`` or ``data:`` address saved by any path),
    templates link only to web pages; the text is still shown, unlinked.
    """
    text = str(value or "").strip()
    try:
        scheme = urlsplit(text).scheme.lower()
    except ValueError:
        return ""
    return text if scheme in ("http", "https") else ""
