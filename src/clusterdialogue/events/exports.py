"""PDFs of the events app (the organiser's report, a participant's agenda), as the Dialogue's
meeting PDFs are made: an HTML template with the site's design tokens, through WeasyPrint."""

from __future__ import annotations

from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string


def print_stylesheet() -> str:
    """The site's design tokens (the :root block of site.css) followed by the print rules."""
    path = finders.find("portal/site.css")
    tokens = ""
    if path:
        css = Path(path).read_text(encoding="utf-8")
        start = css.find(":root")
        if start >= 0:
            tokens = css[start : css.find("}", start) + 1]
    return tokens + render_to_string("portal/print.css")


def pdf_render(*, template: str, context: dict, site_url: str) -> bytes:
    """Render ``template`` with ``context`` to PDF bytes."""
    from weasyprint import CSS, HTML

    html = render_to_string(template, {"site_url": site_url, **context})
    return HTML(string=html, base_url=site_url or None).write_pdf(
        stylesheets=[CSS(string=print_stylesheet())]
    )
