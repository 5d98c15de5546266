"""The pages in French, German, Italian, Spanish, Catalan and Dutch, and the health of the catalogs.

The page tests choose the language the way a visitor does (the language menu posts to
``/i18n/setlang/``, or the browser sends ``Accept-Language``) and look for words in the page. The
catalog tests read the ``.po`` files with a tiny parser: every message translated, none fuzzy, the
placeholders kept, and the committed ``.mo`` files saying exactly what their ``.po`` files say
(fresh machines may lack ``msgfmt``, so the compiled catalogs are kept in the tree).
"""

from __future__ import annotations

import ast
import gettext
import html
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]

# The navigation link to the map, written out by hand so the test does not read the catalog it
# checks.
MAP_IN = {"fr": "Carte", "de": "Karte", "it": "Mappa", "es": "Mapa", "ca": "Mapa", "nl": "Kaart"}
LQ_IN = {
    "fr": "Quotient de localisation",
    "de": "Standortquotient",
    "it": "Quoziente di localizzazione",
    "es": "Cociente de localización",
    "ca": "Quocient de localització",
    "nl": "Locatiequotiënt",
}


def test_every_configured_language_has_a_catalog():
    assert sorted(LANGUAGES) == sorted(["fr", "de", "it", "es", "ca", "nl"])
    for code in LANGUAGES:
        assert (LOCALE_DIR / code / "LC_MESSAGES" / "django.po").is_file(), code


# --- the pages ---------------------------------------------------------------------------------


def _text(response) -> str:
    """The page as text, entities decoded (translations with apostrophes are escaped)."""
    assert response.status_code == 200, response.status_code
    return html.unescape(response.content.decode())


def _pages(world: dict) -> dict[str, tuple[str, str]]:
    """Name → (address, an English message the page shows besides the navigation)."""
    region = world["level2"][0]
    return {
        "home": (reverse("portal:home"), "Explore specialisations on the map"),
        "map": (reverse("portal:map"), "Where is Europe specialised?"),
        "region": (region.get_absolute_url(), "Top specialisations"),
        # The chart labels of this page come from Python code (gettext in statistics/growth/views.py).
        "growth": (reverse("statistics:region-growth", args=[region.code]), "National share"),
    }


def _translated(code: str, message: str) -> str:
    with translation.override(code):
        translated = translation.gettext(message)
    assert translated != message, f"{message!r} is not translated into {code}"
    return translated


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["home", "map", "region", "growth"])
@pytest.mark.parametrize("code", LANGUAGES)
def test_page_in_the_language_chosen_from_the_menu(client, small_world, code, page):
    address, message = _pages(small_world)[page]
    answer = client.post("/i18n/setlang/", {"language": code, "next": address})
    assert answer.status_code == 302 and answer["Location"] == address
    text = _text(client.get(address))
    assert f'<html lang="{code}">' in text
    assert f">{MAP_IN[code]}</a>" in text
    assert ">Map</a>" not in text
    assert _translated(code, message) in text
    assert re.search(rf'<option value="{code}" selected>', text), "the menu shows the language"


@pytest.mark.django_db
@pytest.mark.parametrize("code", LANGUAGES)
def test_browser_language_is_used_without_a_choice(client, small_world, code):
    text = _text(client.get(reverse("portal:map"), HTTP_ACCEPT_LANGUAGE=f"{code},en;q=0.5"))
    assert f'<html lang="{code}">' in text
    assert f">{MAP_IN[code]}</a>" in text
    assert LQ_IN[code] in text  # the "Colour by" choices come from the form in portal/forms.py


@pytest.mark.django_db
@pytest.mark.parametrize("code", LANGUAGES)
def test_numbers_use_the_decimal_comma(client, small_world, code):
    """All six languages write 2,30 and +11,1 % (the growth column goes through ``percent``)."""
    address = small_world["level2"][0].get_absolute_url()
    text = _text(client.get(address, HTTP_ACCEPT_LANGUAGE=code))
    assert "2,30" in text and "+11,1 %" in text
    assert "+11.1 %" not in text


@pytest.mark.django_db
def test_english_stays_the_default(client, small_world):
    text = _text(client.get(reverse("portal:map"), HTTP_ACCEPT_LANGUAGE="pt"))
    assert '<html lang="en">' in text
    assert ">Map</a>" in text


@pytest.mark.django_db
@pytest.mark.parametrize("code", LANGUAGES)
def test_choices_of_the_models_are_translated(small_world, code):
    associate = small_world["territories"][1]
    with translation.override(code):
        assert associate.get_role_display() not in ("", "Associate")


# --- the catalogs ------------------------------------------------------------------------------


@dataclass
class Entry:
    """One message of a ``.po`` file."""

    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0


def _po_string(text: str) -> str:
    return ast.literal_eval(text)  # a PO string is a C string; Python reads the escapes we use


def parse_po(path: Path) -> list[Entry]:
    """The messages of a ``.po`` file, one per blank-line separated block (``#~`` obsolete skipped).

    gettext's tools (and so ``makemessages``) always separate messages by a blank line.
    """
    entries: list[Entry] = []
    number = 0
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        entry, key = Entry(), None
        for raw in block.splitlines():
            number += 1
            line = raw.strip()
            if line.startswith("#,"):
                entry.flags |= {flag.strip() for flag in line[2:].split(",")}
                continue
            if not line or line.startswith("#"):
                continue
            match = re.match(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*\")$", line)
            if match:
                keyword, index, value = match.group(1), match.group(2), _po_string(match.group(3))
                key = ("msgstr", int(index or 0)) if keyword.startswith("msgstr") else keyword
                entry.line = entry.line or number
            elif line.startswith('"') and key is not None:
                value = _po_string(line)
            else:
                raise ValueError(f"{path}:{number}: cannot read {raw!r}")
            if isinstance(key, tuple):
                entry.msgstr[key[1]] = entry.msgstr.get(key[1], "") + value
            else:
                setattr(entry, key, (getattr(entry, key) or "") + value)
        number += 1  # the blank line
        if key is not None:
            entries.append(entry)
    return entries


def _catalog(code: str) -> list[Entry]:
    return parse_po(LOCALE_DIR / code / "LC_MESSAGES" / "django.po")


# %(name)s, %(size).1f, bare %s/%d, and Plotly's %{x} in hover templates.
PLACEHOLDER = re.compile(r"%\(\w+\)[#0 +-]?\d*(?:\.\d+)?[sdfr]|%[sd]|%\{\w+\}")


@pytest.mark.parametrize("code", LANGUAGES)
def test_catalog_is_fully_translated(code):
    entries = _catalog(code)
    messages = [e for e in entries if e.msgid]
    assert len(messages) > 500, "run makemessages from src/clusterdialogue"
    problems = []
    for e in entries:
        where = f"{code}/django.po:{e.line} {e.msgid!r}"
        if "fuzzy" in e.flags:
            problems.append(f"{where} is fuzzy")
        if not e.msgid:
            continue
        if not e.msgstr or any(not text for text in e.msgstr.values()):
            problems.append(f"{where} is not translated")
        source = e.msgid_plural if e.msgid_plural is not None else e.msgid
        for index, text in e.msgstr.items():
            # A singular form may spell out "one" instead of its number.
            expected = e.msgid if index == 0 and e.msgid_plural is not None else source
            if text and sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(expected)):
                problems.append(f"{where} changes the placeholders: {text!r}")
            if text and text.count("<") != expected.count("<"):
                problems.append(f"{where} changes the HTML tags: {text!r}")
    assert not problems, "fix these with a text editor, then compilemessages:\n" + "\n".join(
        problems
    )


@pytest.mark.parametrize("code", LANGUAGES)
def test_yesno_translations_keep_their_three_parts(code):
    """``yesno`` filters split their argument at the commas: the count must not change."""
    with translation.override(code):
        assert translation.gettext("yes,no,–").count(",") == 2
        assert translation.gettext("met,not met").count(",") == 1


@pytest.mark.parametrize("code", LANGUAGES)
def test_compiled_catalog_matches_its_po_file(code):
    """The committed ``.mo`` holds exactly the ``.po`` translations (re-run compilemessages)."""
    directory = LOCALE_DIR / code / "LC_MESSAGES"
    with (directory / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)._catalog
    compiled.pop("", None)  # the header: msgfmt leaves out the POT creation date
    expected: dict = {}
    for e in _catalog(code):
        if "fuzzy" in e.flags or not e.msgid:
            continue  # msgfmt leaves fuzzy messages out
        key = e.msgid if e.msgctxt is None else f"{e.msgctxt}\x04{e.msgid}"
        if e.msgid_plural is None:
            expected[key] = e.msgstr.get(0, "")
        else:
            expected.update({(key, index): text for index, text in e.msgstr.items()})
    assert compiled == expected, (
        f"{directory}/django.mo is stale: run `django-admin compilemessages` in src/clusterdialogue"
    )


@pytest.mark.parametrize("code", LANGUAGES)
def test_msgfmt_accepts_the_catalog(code, tmp_path):
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("msgfmt (GNU gettext) is not installed: apt-get install gettext")
    po = LOCALE_DIR / code / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        [msgfmt, "--check", "-o", str(tmp_path / "django.mo"), str(po)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    with (tmp_path / "django.mo").open("rb") as fresh, (po.with_suffix(".mo")).open("rb") as kept:
        assert gettext.GNUTranslations(fresh)._catalog == gettext.GNUTranslations(kept)._catalog


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "no_figure"),
    [("fr", "aucun chiffre"), ("de", "keine Angabe"), ("nl", "geen cijfer"), ("en", "no figure")],
)
def test_the_map_scripts_get_their_words_in_the_page_language(client, language, no_figure):
    response = client.get("/map/", HTTP_ACCEPT_LANGUAGE=language)
    html = response.content.decode()
    # The words are a JSON block (no inline script under the CSP) that behaviours.js reads.
    assert '<script type="application/json" id="ui-labels">' in html
    assert f'"noFigure": "{no_figure}"' in html
