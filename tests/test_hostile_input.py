"""Found when the platform was tried as a hostile user would, each kept as a test (issue 14).

* Text that a spreadsheet would run as a formula (``=HYPERLINK(...)``, ``+``, ``-``, ``@``, tab,
  carriage return) is inert in every CSV and XLSX download of every app.
* A stored web address that is not ``http(s)`` (``javascript:``, ``data:``) is never a link,
  whatever path stored it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from clusterdialogue.clusters.models import ClusterOrganisation
from clusterdialogue.collaboration.models import FundingCall
from clusterdialogue.collaboration.pipeline.exports import tables_csv, tables_xlsx
from clusterdialogue.common.spreadsheets import spreadsheet_text
from clusterdialogue.core.scheduling import Proposal
from clusterdialogue.dialogue.library.exports import policy_instruments_download
from clusterdialogue.dialogue.models import PolicyInstrument
from clusterdialogue.dialogue.planning.exports import plan_csv_write
from clusterdialogue.dialogue.roadmap.exports import roadmap_actions_csv
from clusterdialogue.portal.exports import csv_response
from clusterdialogue.portal.templatetags.portal_tags import http_url
from clusterdialogue.testing.factories import calls as factories_calls
from clusterdialogue.testing.factories import clusters as factories_clusters
from clusterdialogue.testing.factories import dialogue as factories_dialogue

HYPERLINK = '=HYPERLINK("http://127.0.0.1/x","y")'
FORMULAS = [HYPERLINK, "+1+2", "-2+3", "@SUM(A1)", "\tx", "\rx", "=1"]


def _csv_cells(content: bytes) -> list[str]:
    text = content.decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def _xlsx_cells(content: bytes) -> list:
    workbook = load_workbook(io.BytesIO(content))
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


def _assert_inert_csv(content: bytes, text: str = HYPERLINK) -> None:
    cells = _csv_cells(content)
    assert "'" + text in cells
    assert not any(c.startswith(("=", "+", "@", "\t", "\r")) for c in cells)


def _assert_inert_xlsx(content: bytes, text: str = HYPERLINK) -> None:
    cells = _xlsx_cells(content)
    assert all(cell.data_type != "f" for cell in cells)
    assert "'" + text in [cell.value for cell in cells]
    assert not any(isinstance(c.value, str) and c.value.startswith("=") for c in cells)


@pytest.mark.parametrize("text", FORMULAS)
def test_formula_like_text_gets_quoted_and_numbers_do_not(text):
    assert spreadsheet_text(text) == "'" + text
    for kept in ("-0.25", "+3", "-1e-5", "Lombardy", "", 12, -3.5, None):
        assert spreadsheet_text(kept) == kept


@pytest.mark.django_db
@pytest.mark.parametrize("format_", ["csv", "xlsx"])
def test_cluster_named_as_a_formula_is_inert_in_the_directory_export(client, format_):
    factories_clusters.ClusterOrganisationFactory(name=HYPERLINK, slug="example-formula")
    response = client.get(reverse("clusters:export", args=[format_]))
    assert response.status_code == 200
    check = _assert_inert_csv if format_ == "csv" else _assert_inert_xlsx
    check(response.content)


def test_portal_table_downloads_quote_formulas():
    response = csv_response("t.csv", ["name", "value"], [[HYPERLINK, -0.5], ["@x", None]])
    cells = _csv_cells(response.content)
    assert cells == ["name", "value", "'" + HYPERLINK, "-0.5", "'@x", ""]


def test_pipeline_tables_quote_formulas():
    tables = [("collaborations", ["title", "funding"], [[HYPERLINK, -1]])]
    _assert_inert_csv(tables_csv("p.csv", tables).content)
    _assert_inert_xlsx(tables_xlsx("p.xlsx", tables).content)


@pytest.mark.django_db
@pytest.mark.parametrize("format_", ["csv", "xlsx"])
def test_library_download_quotes_formulas(format_):
    factories_dialogue.PolicyInstrumentFactory(name=HYPERLINK)
    response = policy_instruments_download(
        instruments=PolicyInstrument.objects.all(), format=format_
    )
    check = _assert_inert_csv if format_ == "csv" else _assert_inert_xlsx
    check(response.content)


@pytest.mark.django_db
def test_roadmap_csv_quotes_formulas():
    roadmap = factories_dialogue.RoadmapFactory()
    objective = factories_dialogue.ObjectiveFactory(roadmap=roadmap)
    factories_dialogue.RoadmapActionFactory(objective=objective, title=HYPERLINK)
    _assert_inert_csv(roadmap_actions_csv(roadmap=roadmap).encode())


def test_planner_page_csv_quotes_formulas_and_the_cli_file_is_the_contract():
    proposal = Proposal(1, "DE1", HYPERLINK, dt.date(2027, 4, 15), dt.date(2027, 4, 16), ())
    page = io.StringIO()
    plan_csv_write(proposals=[proposal], out=page, safe=True)
    _assert_inert_csv(page.getvalue().encode())
    cli = io.StringIO()
    plan_csv_write(proposals=[proposal], out=cli)
    assert HYPERLINK in _csv_cells(cli.getvalue().encode())


HOSTILE_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "  javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/x",
    "ftp://example.org/file",
]


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_only_web_addresses_become_links(url):
    assert http_url(url) == ""


@pytest.mark.parametrize(
    "url", ["https://example.org/a?b=c", "http://example.org", " https://x.eu "]
)
def test_web_addresses_stay_links(url):
    assert http_url(url) == url.strip()


@pytest.mark.django_db
def test_stored_javascript_addresses_are_shown_but_never_linked(client):
    organisation = factories_clusters.ClusterOrganisationFactory(slug="example-hostile-url")
    factories_clusters.ClusterMemberFactory(organisation=organisation, name="Example member firm")
    # Stored past the forms and the import (which refuse it): straight into the table.
    ClusterOrganisation.objects.filter(pk=organisation.pk).update(website="javascript:alert(1)")
    organisation.members.update(website="javascript:alert(2)")
    page = client.get(organisation.get_absolute_url()).content.decode()
    assert "javascript:alert(1)" in page  # shown as text
    assert 'href="javascript:' not in page.lower()

    call = factories_calls.FundingCallFactory()
    FundingCall.objects.filter(pk=call.pk).update(url="javascript:alert(3)")
    page = client.get(reverse("collaboration:call-detail", args=[call.pk])).content.decode()
    assert 'href="javascript:' not in page.lower()

    instrument = factories_dialogue.PolicyInstrumentFactory(links=["javascript:alert(4)"])
    page = client.get(instrument.get_absolute_url()).content.decode()
    assert "javascript:alert(4)" in page and 'href="javascript:' not in page.lower()


def _zip_bytes(members: dict[str, bytes]) -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


class _RawFile(io.BytesIO):
    def __init__(self, content: bytes, name: str) -> None:
        super().__init__(content)
        self.name, self.size = name, len(content)


BOMB = _zip_bytes({"word/document.xml": b"\0" * 5_000_000})
REFUSED_UPLOADS = [
    ("page.html", b"<script>alert(1)</script>", "not accepted"),
    ("image.svg", b"<svg onload='alert(1)'/>", "not accepted"),
    ("report.pdf", b"<html>not a pdf</html>", "does not contain a PDF"),
    ("letter.docx", BOMB, "would unpack"),
    ("letter.docx", b"PK\x03\x04 broken", "not a valid DOCX"),
    ("notes.txt", b"\x00\x01binary", "not plain text"),
    ("empty.pdf", b"", "empty"),
    ("../../etc/passwd.txt", b"x", "plain name"),
]


@pytest.mark.parametrize(("name", "content", "message"), REFUSED_UPLOADS)
def test_hostile_uploads_are_refused_with_the_reason(name, content, message):
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from clusterdialogue.common.uploads import uploaded_document_check

    upload = SimpleUploadedFile(name, content)
    if "/" in name:  # Django's upload keeps only the base name; a file from elsewhere might not
        upload = _RawFile(content, name)
    with pytest.raises(ValidationError, match=message):
        uploaded_document_check(upload)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", b"%PDF-1.4\n%example\n"),
        ("letter.docx", _zip_bytes({"word/document.xml": b"<w:document/>"})),
        ("notes.txt", "Zusammenfassung: Übersicht für Lombardia".encode()),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 10),
    ],
)
def test_ordinary_documents_pass(name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from clusterdialogue.common.uploads import uploaded_document_check

    uploaded_document_check(SimpleUploadedFile(name, content))


def test_oversized_upload_is_refused(settings):
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from clusterdialogue.common.uploads import uploaded_document_check

    settings.CLUSTERDIALOGUE_MAX_UPLOAD_MB = 1
    with pytest.raises(ValidationError, match="larger than 1 MB"):
        uploaded_document_check(SimpleUploadedFile("big.pdf", b"%PDF-" + b"x" * 1_100_000))


@pytest.mark.django_db
def test_group_document_page_refuses_a_disguised_file_and_stores_nothing(
    client, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from clusterdialogue.dialogue.models import GroupDocument

    settings.MEDIA_ROOT = tmp_path
    group = factories_dialogue.WorkingGroupFactory(slug="example-upload-group")
    secretariat = factories_clusters.UserFactory(username="example_upload_secretariat")
    factories_clusters.RoleAssignmentFactory(user=secretariat, role="secretariat")
    client.force_login(secretariat)
    response = client.post(
        reverse("dialogue:document-upload", args=[group.slug]),
        {"title": "Example", "language": "en",
         "file": SimpleUploadedFile("minutes.pdf", b"<script>alert(1)</script>")},
    )  # fmt: skip
    assert response.status_code == 400
    assert "does not contain a PDF" in response.content.decode()
    assert not GroupDocument.objects.exists() and not any(tmp_path.rglob("*.pdf"))


def test_a_zip_bomb_spreadsheet_import_is_refused_before_it_is_opened():
    from clusterdialogue.clusters.transfer.importing.read import table_read
    from clusterdialogue.core.io.errors import DataFileError

    bomb = _zip_bytes({"xl/worksheets/sheet1.xml": b"\0" * 5_000_000})
    with pytest.raises(DataFileError, match="would unpack"):
        table_read(source=bomb, name="clusters.xlsx")
