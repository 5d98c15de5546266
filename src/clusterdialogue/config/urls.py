"""URL map: portal pages, the REST API with its OpenAPI schema and docs, the admin."""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)

from clusterdialogue.config.api import router

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's start script as a file: the CSP allows no inline script.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="swagger-ui"),
    path(
        "api/redoc/",
        SpectacularRedocView.as_view(url_name="schema", template_name="api/redoc.html"),
        name="redoc",
    ),
    path("api/", include(router.urls)),
    path("statistics/", include("clusterdialogue.statistics.urls")),
    path("clusters/", include("clusterdialogue.clusters.urls")),
    path("collaboration/", include("clusterdialogue.collaboration.urls")),
    path("accounts/", include("clusterdialogue.accounts.urls")),
    path("analytics/", include("clusterdialogue.analytics.urls")),
    path("dialogue/", include("clusterdialogue.dialogue.urls")),
    path("events/", include("clusterdialogue.events.urls")),
    path("", include("clusterdialogue.portal.urls")),
]
