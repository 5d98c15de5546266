"""Every model of the events app is in the admin, and its list pages open."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

MODELS = sorted(apps.get_app_config("events").get_models(), key=lambda m: m.__name__)


@pytest.mark.parametrize("model", MODELS, ids=[m.__name__ for m in MODELS])
def test_every_events_model_is_registered(model):
    assert admin.site.is_registered(model)


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS, ids=[m.__name__ for m in MODELS])
def test_admin_list_and_search_open(admin_client, events_world, model):
    url = reverse(f"admin:events_{model._meta.model_name}_changelist")
    assert admin_client.get(url).status_code == 200
    assert admin_client.get(url, {"q": "x"}).status_code == 200
