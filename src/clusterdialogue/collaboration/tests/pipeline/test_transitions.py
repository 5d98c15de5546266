"""The pipeline's service: allowed and forbidden moves, dates, amounts, creating and editing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from clusterdialogue.collaboration.models import Collaboration, StageChange
from clusterdialogue.collaboration.pipeline import services
from clusterdialogue.testing.factories.pipeline import collaboration_with_log

pytestmark = pytest.mark.django_db
Stage = Collaboration.Stage
d = dt.date

# A path from "identified" to every stage, through allowed moves.
PATHS = {
    Stage.IDENTIFIED: [],
    Stage.CONTACT: [Stage.CONTACT],
    Stage.MEETING: [Stage.CONTACT, Stage.MEETING],
    Stage.SUBMITTED: [Stage.CONTACT, Stage.SUBMITTED],
    Stage.FUNDED: [Stage.CONTACT, Stage.SUBMITTED, Stage.FUNDED],
    Stage.REJECTED: [Stage.CONTACT, Stage.SUBMITTED, Stage.REJECTED],
    Stage.RUNNING: [Stage.CONTACT, Stage.SUBMITTED, Stage.FUNDED, Stage.RUNNING],
    Stage.CLOSED: [Stage.CONTACT, Stage.CLOSED],
}


def at_stage(world, stage: str) -> Collaboration:
    log = [("identified", d(2023, 1, 1))]
    log += [(s, d(2023, 2 + i, 1)) for i, s in enumerate(PATHS[stage])]
    return collaboration_with_log([world.organisation, world.other_organisation], log)


def snapshot(collaboration: Collaboration) -> tuple:
    fresh = Collaboration.objects.get(pk=collaboration.pk)
    log = list(fresh.stage_changes.values_list("stage", "date", "note"))
    return fresh.stage, fresh.funding_requested, fresh.funding_won, log


def test_the_documented_rules():
    assert sorted(services.FINAL_STAGES) == [Stage.CLOSED, Stage.REJECTED]
    assert services.ALLOWED_TRANSITIONS[Stage.FUNDED] == (Stage.RUNNING,)
    assert services.ALLOWED_TRANSITIONS[Stage.RUNNING] == (Stage.CLOSED,)
    assert services.ALLOWED_TRANSITIONS[Stage.SUBMITTED] == (Stage.FUNDED, Stage.REJECTED)
    assert set(services.STAGE_ORDER) == set(Stage.values)
    # Nothing moves backwards along the board.
    order = {s: i for i, s in enumerate(services.STAGE_ORDER)}
    for source, targets in services.ALLOWED_TRANSITIONS.items():
        assert all(order[t] > order[source] for t in targets)


@pytest.mark.parametrize("source", Stage.values)
@pytest.mark.parametrize("target", Stage.values)
def test_every_move_is_allowed_or_refused_as_documented(roles_world, source, target):
    collaboration = at_stage(roles_world, source)
    user = roles_world.user("secretariat")
    before = snapshot(collaboration)
    if target in services.ALLOWED_TRANSITIONS[source]:
        change = services.collaboration_move(
            collaboration=collaboration, user=user, stage=target, date=d(2024, 1, 5), note="ok"
        )
        assert (change.stage, change.date, change.changed_by) == (target, d(2024, 1, 5), user)
        assert Collaboration.objects.get(pk=collaboration.pk).stage == target
    else:
        with pytest.raises(ValidationError) as refused:
            services.collaboration_move(
                collaboration=collaboration, user=user, stage=target, date=d(2024, 1, 5)
            )
        message = " ".join(refused.value.message_dict["stage"])
        assert "final" in message if source in services.FINAL_STAGES else "moves to" in message
        assert snapshot(collaboration) == before


def test_a_move_cannot_be_dated_in_the_future_or_before_the_previous_stage(roles_world):
    collaboration = at_stage(roles_world, Stage.CONTACT)  # contact on 2023-02-01
    user = roles_world.user("manager")
    before = snapshot(collaboration)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError, match="in the future"):
        services.collaboration_move(
            collaboration=collaboration, user=user, stage="meeting", date=tomorrow
        )
    with pytest.raises(ValidationError, match="2023-02-01; this one cannot be earlier"):
        services.collaboration_move(
            collaboration=collaboration, user=user, stage="meeting", date=d(2023, 1, 31)
        )
    assert snapshot(collaboration) == before
    services.collaboration_move(
        collaboration=collaboration, user=user, stage="meeting", date=d(2023, 2, 1)
    )


def test_a_move_based_on_a_stale_page_is_refused(roles_world):
    collaboration = at_stage(roles_world, Stage.CONTACT)
    user = roles_world.user("manager")
    with pytest.raises(ValidationError, match="meanwhile"):
        services.collaboration_move(
            collaboration=collaboration,
            user=user,
            stage="meeting",
            date=d(2024, 1, 1),
            expected_stage="identified",
        )
    assert Collaboration.objects.get(pk=collaboration.pk).stage == Stage.CONTACT


def test_amounts_go_with_submitted_and_funded_only(roles_world):
    collaboration = at_stage(roles_world, Stage.CONTACT)
    user = roles_world.user("manager")
    with pytest.raises(ValidationError, match="leave it empty"):
        services.collaboration_move(
            collaboration=collaboration, user=user, stage="meeting", date=d(2024, 1, 1), amount=5
        )
    services.collaboration_move(
        collaboration=collaboration,
        user=user,
        stage="submitted",
        date=d(2024, 1, 1),
        amount=Decimal("250000.50"),
    )
    with pytest.raises(ValidationError, match="negative"):
        services.collaboration_move(
            collaboration=collaboration, user=user, stage="funded", date=d(2024, 2, 1), amount=-1
        )
    services.collaboration_move(
        collaboration=collaboration, user=user, stage="funded", date=d(2024, 2, 1), amount=200000
    )
    fresh = Collaboration.objects.get(pk=collaboration.pk)
    assert (fresh.funding_requested, fresh.funding_won) == (Decimal("250000.50"), 200000)


def test_someone_without_a_role_on_a_partner_cannot_move(roles_world):
    collaboration = collaboration_with_log(
        [roles_world.organisation], [("identified", d(2023, 1, 1))]
    )
    for role in ("member", "other_manager", "other_representative"):
        with pytest.raises(PermissionDenied):
            services.collaboration_move(
                collaboration=collaboration,
                user=roles_world.user(role),
                stage="contact",
                date=d(2023, 2, 1),
            )
    assert not collaboration.stage_changes.exclude(stage="identified").exists()


def test_create_logs_the_identification(roles_world):
    manager = roles_world.user("manager")
    collaboration = services.collaboration_create(
        user=manager,
        title="  Example joint visit ",
        kind="mission",
        partners=[roles_world.organisation, roles_world.other_organisation],
        lead=roles_world.organisation,
        started_on=d(2024, 3, 1),
        note="Met at an example fair",
    )
    assert collaboration.title == "Example joint visit"
    assert (collaboration.stage, collaboration.created_by) == (Stage.IDENTIFIED, manager)
    assert list(collaboration.stage_changes.values_list("stage", "date", "note")) == [
        ("identified", d(2024, 3, 1), "Met at an example fair")
    ]
    assert set(collaboration.partners.all()) == {
        roles_world.organisation,
        roles_world.other_organisation,
    }


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        ({"partners": []}, ValidationError, "at least one partner"),
        ({"lead": "other"}, ValidationError, "must be one of the partners"),
        ({"partners": ["other"]}, PermissionDenied, "a cluster you act for"),
        ({"started_on": "tomorrow"}, ValidationError, "in the future"),
        ({"funding_requested": Decimal(-5)}, ValidationError, "negative"),
        ({"kind": "friendship"}, ValidationError, "not a valid choice"),
    ],
)
def test_create_refuses_bad_input_and_stores_nothing(roles_world, change, error, message):
    own, other = roles_world.organisation, roles_world.other_organisation
    arguments = {
        "user": roles_world.user("manager"),
        "title": "Example",
        "kind": "bilateral",
        "partners": [own],
        "started_on": d(2024, 1, 1),
    }
    replacements = {"other": other, "tomorrow": timezone.localdate() + dt.timedelta(days=1)}
    for key, value in change.items():
        if isinstance(value, list):
            value = [replacements.get(v, v) for v in value]
        arguments[key] = replacements.get(value, value) if isinstance(value, str) else value
    with pytest.raises(error, match=message):
        services.collaboration_create(**arguments)
    assert not Collaboration.objects.exists() and not StageChange.objects.exists()


def test_update_moves_the_identification_date_within_limits(roles_world):
    collaboration = at_stage(roles_world, Stage.CONTACT)  # identified 2023-01-01, contact 02-01
    manager = roles_world.user("manager")
    services.collaboration_update(
        collaboration=collaboration, user=manager, started_on=d(2022, 12, 1), title="Renamed"
    )
    fresh = Collaboration.objects.get(pk=collaboration.pk)
    assert (fresh.title, fresh.started_on, fresh.stage) == ("Renamed", d(2022, 12, 1), "contact")
    assert fresh.stage_changes.get(stage="identified").date == d(2022, 12, 1)
    with pytest.raises(ValidationError, match="moved on on 2023-02-01"):
        services.collaboration_update(collaboration=fresh, user=manager, started_on=d(2023, 3, 1))
    # A manager cannot hand the collaboration over to partners they do not act for.
    with pytest.raises(PermissionDenied):
        services.collaboration_update(
            collaboration=fresh, user=manager, partners=[roles_world.other_organisation]
        )
    # The stage only changes through a move.
    services.collaboration_update(collaboration=fresh, user=manager, stage="funded")
    after = Collaboration.objects.get(pk=collaboration.pk)
    assert (after.stage, after.started_on) == ("contact", d(2022, 12, 1))
    assert set(after.partners.all()) == {roles_world.organisation, roles_world.other_organisation}
