import pytest


@pytest.mark.django_db
def test_region_dashboard_shows_specialisations(client, small_world):
    response = client.get("/regions/QA1/")
    assert response.status_code == 200
    assert b"Motor vehicles" in response.content
