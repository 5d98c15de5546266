"""The audit log records sign-ins, role and permission changes, erasures and exports, whatever
path made them; the secretariat reads it as a page and a CSV, nobody else."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from clusterdialogue.accounts.models import AuditEvent, Role, RoleAssignment
from clusterdialogue.accounts.personal_data.services import account_erase
from clusterdialogue.accounts.services import role_assign
from clusterdialogue.testing.factories import clusters as factories_clusters

pytestmark = pytest.mark.django_db
A = AuditEvent.Action


def _actions() -> list[str]:
    return list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))


def _user(name="example_audited", password="Example-pass-1"):
    user = factories_clusters.UserFactory(username=name)
    user.set_password(password)
    user.save()
    return user


def test_sign_in_failure_and_sign_out_are_recorded_with_the_address(client):
    _user()
    login = reverse("accounts:login")
    client.post(
        login, {"username": "example_audited", "password": "wrong"}, REMOTE_ADDR="192.0.2.1"
    )
    client.post(
        login,
        {"username": "example_audited", "password": "Example-pass-1"},
        REMOTE_ADDR="192.0.2.1",
    )
    client.post(reverse("accounts:logout"))
    assert _actions() == [A.SIGN_IN_FAILED, A.SIGN_IN, A.SIGN_OUT]
    failed = AuditEvent.objects.get(action=A.SIGN_IN_FAILED)
    assert failed.target == "example_audited" and failed.ip_address == "192.0.2.1"
    assert "wrong" not in str(failed.detail)


def test_roles_and_permissions_changed_by_any_path(roles_world):
    user = _user()
    granter = roles_world.user("secretariat")
    AuditEvent.objects.all().delete()  # the world's own role assignments
    assignment = role_assign(
        user=user, role=Role.MEMBER, network=roles_world.network, granted_by=granter
    )
    RoleAssignment.objects.filter(
        pk=assignment.pk
    ).delete()  # a queryset delete still sends signals
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.create(name="Example editors"))
    granted = AuditEvent.objects.get(action=A.ROLE_GRANTED)
    assert granted.actor == granter and "example_audited" in granted.target
    assert AuditEvent.objects.filter(action=A.ROLE_REMOVED).count() == 1
    changes = AuditEvent.objects.filter(action=A.PERMISSION_CHANGED).order_by("pk")
    assert changes[0].detail == {"is_staff": [False, True]}
    assert changes[1].detail["change"] == "add"


def test_exports_and_erasure_are_recorded_and_the_erased_account_is_forgotten(client, roles_world):
    user = _user()
    client.force_login(user)
    client.get(reverse("accounts:personal_data_export"), REMOTE_ADDR="192.0.2.9")
    export = AuditEvent.objects.get(action=A.EXPORT)
    assert export.actor == user and export.target == "own personal data"
    account_erase(user=user, actor=roles_world.user("secretariat"))
    erasure = AuditEvent.objects.get(action=A.ERASURE)
    assert erasure.actor == roles_world.user("secretariat") and erasure.target.startswith(
        "account #"
    )
    export.refresh_from_db()
    assert (
        export.actor is None and export.actor_name == "erased account" and export.ip_address is None
    )


@pytest.mark.parametrize(
    ("role", "status"),
    [("secretariat", 200), ("member", 403), ("manager", 403), ("representative", 403)],
)
def test_only_the_secretariat_reads_the_log(client, roles_world, role, status):
    client.force_login(roles_world.user(role))
    assert client.get(reverse("accounts:audit_log")).status_code == status


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(reverse("accounts:audit_log"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_log_filters_and_downloads_as_csv(client, roles_world):
    secretariat = roles_world.user("secretariat")
    role_assign(user=_user(), role=Role.MEMBER, network=roles_world.network, granted_by=secretariat)
    client.force_login(secretariat)
    page = client.get(reverse("accounts:audit_log"), {"action": "role_granted"}).content.decode()
    assert "example_audited" in page
    response = client.get(
        reverse("accounts:audit_log"), {"action": "role_granted", "format": "csv"}
    )
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert (
        {r["action"] for r in rows} == {"role_granted"}
        and rows[0]["by"] == "example_network_secretariat"
    ) or rows
    bad = client.get(reverse("accounts:audit_log"), {"since": "not-a-date"})
    assert bad.status_code == 400


def test_roles_removed_by_a_cascade_are_recorded(roles_world):
    manager = roles_world.user("manager")
    AuditEvent.objects.all().delete()
    roles_world.organisation.delete()  # its manager's role goes with it
    removed = AuditEvent.objects.get(action=A.ROLE_REMOVED)
    assert removed.target.startswith(f"{manager.username}: ")
