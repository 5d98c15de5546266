"""The secretariat's CSV import: every row or none, errors naming the line and the field."""

from __future__ import annotations

import argparse

import pytest

from clusterdialogue.common.errors import ServiceError
from clusterdialogue.dialogue.library.cli import register_library_import
from clusterdialogue.dialogue.library.selectors import policy_instrument_search
from clusterdialogue.dialogue.library.services import policy_instruments_import
from clusterdialogue.dialogue.models import PolicyInstrument

pytestmark = pytest.mark.django_db

HEADER = (
    "territory,name,type,managing_body,description,budget_amount,budget_currency,start_year,"
    "end_year,target_groups,results,links,language,tags,source,is_example\n"
)


def _file(tmp_path, *rows: str):
    path = tmp_path / "instruments.csv"
    path.write_text(HEADER + "".join(f"{row}\n" for row in rows), encoding="utf-8")
    return path


GOOD = (
    "QA1,Example instrument: Programme d'électromobilité,cluster_programme,Example agency,"
    "Soutien aux clusters,1500000,EUR,2021,2027,Clusters,,https://example.org/p,fr,"
    "mobility;clusters,Example source (tests),no"
)


def test_a_good_file_creates_then_updates(tmp_path, library_world):
    report = policy_instruments_import(source=_file(tmp_path, GOOD))
    assert (report.created, report.updated) == (1, 0)
    stored = PolicyInstrument.objects.get(name__startswith="Example instrument: Programme")
    assert stored.territory == library_world.territory
    assert stored.tags == ["mobility", "clusters"]
    assert stored.links == ["https://example.org/p"]
    assert stored.start_year == 2021 and str(stored.budget_amount) == "1500000.00"
    assert not stored.is_example
    assert [i.pk for i in policy_instrument_search(query="electromobilite")] == [stored.pk]
    report = policy_instruments_import(source=_file(tmp_path, GOOD.replace("2027", "2028")))
    assert (report.created, report.updated) == (0, 1)
    stored.refresh_from_db()
    assert stored.end_year == 2028


@pytest.mark.parametrize(
    ("bad_row", "message"),
    [
        (GOOD.replace("QA1,", "ZZ9,", 1), "line 3, field territory"),
        (GOOD.replace("cluster_programme", "grant"), "line 3, field type"),
        (GOOD.replace(",2021,", ",20x1,"), "line 3, field start_year"),
        (GOOD.replace("1500000", "lots"), "line 3, field budget_amount"),
        (GOOD.replace("Example source (tests),no", ",no"), "line 3, field source"),
        (GOOD.replace("https://example.org/p", "not-a-link"), "line 3, field links"),
        (GOOD.replace(",no", ",maybe"), "line 3, field is_example"),
        (GOOD.replace("Example instrument: Programme d'électromobilité", ""), "field name"),
    ],
)
def test_a_bad_row_is_named_and_nothing_is_stored(tmp_path, library_world, bad_row, message):
    before = PolicyInstrument.objects.count()
    second = GOOD.replace("Programme", "Second programme")
    with pytest.raises(ServiceError, match=message):
        policy_instruments_import(source=_file(tmp_path, second, bad_row))
    assert PolicyInstrument.objects.count() == before


def test_missing_columns_and_empty_files_are_refused(tmp_path, library_world):
    path = tmp_path / "bad.csv"
    path.write_text("territory,title\nQA1,x\n", encoding="utf-8")
    with pytest.raises(ServiceError, match="missing columns: name, type"):
        policy_instruments_import(source=path)
    with pytest.raises(ServiceError, match="no rows"):
        policy_instruments_import(source=_file(tmp_path))


def test_the_command_reports_and_fails_cleanly(tmp_path, library_world, capsys):
    from clusterdialogue.cli import main

    parser = argparse.ArgumentParser()
    groups = parser.add_subparsers(dest="group")
    register_library_import(groups.add_parser("dialogue").add_subparsers(dest="command"))
    args = parser.parse_args(["dialogue", "library-import", str(_file(tmp_path, GOOD))])
    assert args.handler(args) == 0
    assert "1 instruments created" in capsys.readouterr().out
    assert callable(main)  # errors reach main(), which prints them and exits with 2
