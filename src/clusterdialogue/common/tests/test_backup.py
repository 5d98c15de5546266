"""Backup and restore: every object back identical after a restore into an emptied database
(run on SQLite, and on PostgreSQL by the suite's PostgreSQL stage), uploaded files included;
a damaged or foreign archive is refused and changes nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile

import pytest
from django.contrib.auth.models import Group
from django.core import serializers
from django.core.files.uploadedfile import SimpleUploadedFile

from clusterdialogue.cli import main
from clusterdialogue.clusters.models import ClusterOrganisation
from clusterdialogue.collaboration.models import Collaboration
from clusterdialogue.common.backup import BackupError, backup_models, backup_restore, backup_write
from clusterdialogue.dialogue.groups import services as group_services
from clusterdialogue.testing import factories
from clusterdialogue.testing.factories import clusters as factories_clusters
from clusterdialogue.testing.factories import dialogue as factories_dialogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def populated(media):
    network = factories.NetworkFactory(name="Example network", slug="example-backup-network")
    region = factories.RegionFactory(code="QZ1", name="Exampleland", level=1)
    child = factories.RegionFactory(code="QZ11", name="Exampleland West", level=2, parent=region)
    territory = factories.TerritoryFactory(network=network, region=region)
    user = factories_clusters.UserFactory(username="example_backup", email="b@example.org")
    # Group memberships are restored through many-to-many writes, which the audit log hears.
    user.groups.add(Group.objects.create(name="Example editors"))
    factories_clusters.RoleAssignmentFactory(user=user, role="secretariat")
    organisation = factories_clusters.ClusterOrganisationFactory(
        name="Example backed-up", region=child
    )
    other = factories_clusters.ClusterOrganisationFactory(region=child)
    collaboration = Collaboration.objects.create(
        title="Example joint application", kind="joint_application", started_on=dt.date(2024, 1, 1)
    )
    collaboration.partners.set([organisation, other])
    group = factories_dialogue.WorkingGroupFactory(network=network, slug="example-backup-group")
    group_services.member_add(
        group=group, data={"name": "Example member", "role": "chair", "user": user, "territory": territory}
    )  # fmt: skip
    group_services.document_upload(
        group=group, user=user,
        data={"title": "Example terms", "language": "en", "is_public": True,
              "file": SimpleUploadedFile("terms.txt", b"Example terms of reference")},
    )  # fmt: skip
    factories_dialogue.MeetingFactory(group=group, number=1, start=dt.date(2025, 5, 5))
    return {"organisation": organisation, "group": group}


def _snapshot() -> dict[str, list]:
    """Every row as Python values: times with their microseconds, decimals exact."""
    return {
        m._meta.label_lower: serializers.serialize(
            "python", m._base_manager.order_by("pk"), use_natural_foreign_keys=True
        )
        for m in backup_models()
    }


def _empty_everything(media) -> None:
    for model in reversed(backup_models()):
        model._base_manager.all()._raw_delete(model._base_manager.db)
    for file in media.rglob("*"):
        if file.is_file():
            file.unlink()


def test_restore_brings_every_object_and_file_back_identical(populated, media, tmp_path):
    before = _snapshot()
    files_before = {p.relative_to(media): p.read_bytes() for p in media.rglob("*") if p.is_file()}
    assert (
        files_before
        and before["dialogue.groupmember"]
        and before["dialogue.historicalworkinggroup"]
    )
    report = backup_write(path=tmp_path / "backup.zip")
    assert report.counts["clusters.clusterorganisation"] == 2 and report.media_files == 1

    _empty_everything(media)
    assert not ClusterOrganisation.objects.exists()
    restored = backup_restore(path=tmp_path / "backup.zip")

    assert restored.counts == report.counts
    assert _snapshot() == before
    assert {
        p.relative_to(media): p.read_bytes() for p in media.rglob("*") if p.is_file()
    } == files_before
    # The primary-key sequences continue after the restored rows (PostgreSQL would collide).
    fresh = factories_clusters.ClusterOrganisationFactory(slug="example-after-restore")
    assert fresh.pk > max(row["pk"] for row in before["clusters.clusterorganisation"])


def test_the_manifest_counts_and_checksums_every_member(populated, tmp_path):
    backup_write(path=tmp_path / "backup.zip")
    with zipfile.ZipFile(tmp_path / "backup.zip") as archive:
        manifest = json.loads(archive.read("manifest.json"))
        assert manifest["format"] == 1 and manifest["migrations"]
        assert set(manifest["checksums"]) == set(archive.namelist()) - {"manifest.json"}
        assert manifest["counts"]["dialogue.workinggroup"] == 1


def _rewrite(source, target, change):
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        members = {name: old.read(name) for name in old.namelist()}
        change(members)
        for name, data in members.items():
            new.writestr(name, data)


def _manifest_edit(edit):
    def change(members):
        manifest = json.loads(members["manifest.json"])
        edit(manifest, members)
        members["manifest.json"] = json.dumps(manifest).encode()

    return change


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda m: m.update({"data/clusters.clusterorganisation.jsonl": b"{}"}),
            "does not match its checksum",
        ),
        (_manifest_edit(lambda man, m: man.update(format=2)), "archive format 2"),
        (
            _manifest_edit(lambda man, m: man["migrations"].append(["clusters", "9999_future"])),
            "newer version",
        ),
        (
            _manifest_edit(
                lambda man, m: (
                    m.update({"media/../evil.txt": b"x"}),
                    man["checksums"].update(
                        {"media/../evil.txt": hashlib.sha256(b"x").hexdigest()}
                    ),
                )
            ),
            "outside the media folder",
        ),
    ],
    ids=["damaged", "format", "newer", "path"],
)
def test_a_bad_archive_is_refused_and_nothing_changes(populated, tmp_path, change, message):
    backup_write(path=tmp_path / "backup.zip")
    _rewrite(tmp_path / "backup.zip", tmp_path / "bad.zip", change)
    ClusterOrganisation.objects.filter(pk=populated["organisation"].pk).update(
        name="Example changed"
    )
    before = _snapshot()
    with pytest.raises(BackupError, match=message):
        backup_restore(path=tmp_path / "bad.zip")
    assert _snapshot() == before


def test_not_an_archive_is_named(tmp_path, capsys):
    (tmp_path / "x.zip").write_bytes(b"not a zip")
    assert main(["restore", str(tmp_path / "x.zip")]) == 2
    assert "not a ZIP archive" in capsys.readouterr().err


def test_cli_reports_rows_and_files(populated, tmp_path, capsys):
    assert main(["backup", str(tmp_path / "b.zip")]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.startswith("backup written to ") and "1 files" in last
    assert main(["restore", str(tmp_path / "b.zip")]) == 0
    assert capsys.readouterr().out.strip().splitlines()[-1].startswith("restored ")


def test_restore_fails_whole_when_a_row_breaks(populated, tmp_path):
    """A row that cannot be stored (here: a reference to a missing row) rolls everything back."""
    backup_write(path=tmp_path / "backup.zip")

    def orphan(members):
        name = "data/dialogue.groupmember.jsonl"
        row = json.loads(members[name].splitlines()[0])
        row["fields"]["group"] = 999_999
        members[name] = json.dumps(row).encode() + b"\n"
        manifest = json.loads(members["manifest.json"])
        manifest["checksums"][name] = hashlib.sha256(members[name]).hexdigest()
        members["manifest.json"] = json.dumps(manifest).encode()

    _rewrite(tmp_path / "backup.zip", tmp_path / "orphan.zip", orphan)
    before = _snapshot()
    with pytest.raises(Exception):  # noqa: B017 - the database's integrity error, whatever its type
        backup_restore(path=tmp_path / "orphan.zip")
    assert _snapshot() == before
