"""``clusterdialogue import clusters|cluster-members`` and ``clusterdialogue clusters export``."""

from __future__ import annotations

import json

from clusterdialogue.cli import main
from clusterdialogue.clusters.models import ClusterOrganisation
from clusterdialogue.testing.factories.clusters import ClusterOrganisationFactory

GOOD = "name,region,founding_year\nExample Cluster One,FRK,2001\nExample Cluster Two,DE1,2002\n"
BAD = GOOD + "Example Cluster Three,ZZ9,20x\n"


def write(tmp_path, text: str, name: str = "profiles.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_dry_run_prints_a_table_and_writes_nothing(transfer_world, tmp_path, capsys):
    code = main(["import", "clusters", write(tmp_path, BAD), "--dry-run"])

    out = capsys.readouterr().out
    assert code == 0
    assert "    4  reject" in out and "region: unknown region code 'ZZ9'" in out
    assert "founding_year: '20x' is not a year" in out
    assert "dry run: nothing was written" in out
    assert not ClusterOrganisation.objects.exists()


def test_rejected_rows_exit_2_and_write_nothing(transfer_world, tmp_path, capsys):
    assert main(["import", "clusters", write(tmp_path, BAD)]) == 2
    assert "nothing was written: 1 row(s) rejected" in capsys.readouterr().out
    assert not ClusterOrganisation.objects.exists()


def test_skip_invalid_writes_valid_rows_and_still_exits_2(transfer_world, tmp_path):
    assert main(["import", "clusters", write(tmp_path, BAD), "--skip-invalid"]) == 2
    assert ClusterOrganisation.objects.count() == 2


def test_clean_file_exits_0(transfer_world, tmp_path, capsys):
    assert main(["import", "clusters", write(tmp_path, GOOD)]) == 0
    assert "2 created" in capsys.readouterr().out


def test_unreadable_file_is_one_error_line(transfer_world, tmp_path, capsys):
    assert main(["import", "clusters", str(tmp_path / "missing.csv")]) == 2
    assert "missing.csv: file not found" in capsys.readouterr().err


def test_members_import(transfer_world, tmp_path, capsys):
    ClusterOrganisationFactory(slug="example", region=transfer_world["regions"]["FRK"])
    members = write(tmp_path, "name,member_type\nExample Member,sme\n", "members.csv")

    assert main(["import", "cluster-members", members, "--organisation", "example"]) == 0
    assert ClusterOrganisation.objects.get().members.count() == 1

    assert main(["import", "cluster-members", members, "--organisation", "nope"]) == 2
    assert "--organisation 'nope': no cluster profile has this slug" in capsys.readouterr().err


def test_export(transfer_world, tmp_path, capsys):
    main(["import", "clusters", write(tmp_path, GOOD)])
    out = tmp_path / "out.json"

    assert main(["clusters", "export", str(out), "--territory", "FRK"]) == 0
    assert [row["name"] for row in json.loads(out.read_text())] == ["Example Cluster One"]
    assert main(["clusters", "export", str(tmp_path / "out.pdf")]) == 2
