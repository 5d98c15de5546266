"""The REST API router: each app registers its viewsets here."""

from rest_framework.routers import DefaultRouter

from clusterdialogue.analytics.api.views import AnalyticsViewSet, RegionAnalyticsViewSet
from clusterdialogue.clusters.directory.api.views import (
    ClusterMemberViewSet,
    ClusterOrganisationViewSet,
    LabelViewSet,
)
from clusterdialogue.collaboration.board.api.views import CooperationPostViewSet
from clusterdialogue.collaboration.calls.api.views import ConsortiumViewSet, FundingCallViewSet
from clusterdialogue.collaboration.network.api import CollaborationNetworkViewSet
from clusterdialogue.collaboration.notifications.api import NotificationViewSet
from clusterdialogue.collaboration.pipeline.api.views import (
    CollaborationStatisticsViewSet,
    CollaborationViewSet,
)
from clusterdialogue.collaboration.suggestions.api import RecommendationViewSet
from clusterdialogue.dialogue.routes import dialogue_routes
from clusterdialogue.events.routes import events_routes
from clusterdialogue.regions.api.views import (
    NetworkViewSet,
    RegionCodeChangeViewSet,
    RegionViewSet,
    TerritoryViewSet,
)
from clusterdialogue.statistics.api.views import (
    DatasetViewSet,
    IndustryViewSet,
    MappingResultViewSet,
    ObservationViewSet,
)
from clusterdialogue.statistics.growth.api import RegionGrowthViewSet

router = DefaultRouter()
router.register("regions", RegionViewSet)
router.register("region-code-changes", RegionCodeChangeViewSet)
router.register("networks", NetworkViewSet)
router.register("territories", TerritoryViewSet)
router.register("datasets", DatasetViewSet)
router.register("industries", IndustryViewSet)
router.register("observations", ObservationViewSet)
router.register("mapping", MappingResultViewSet, basename="mappingresult")
router.register("growth", RegionGrowthViewSet, basename="growth")  # {code}/?start=&end=
router.register("clusters", ClusterOrganisationViewSet)  # also /api/clusters/search/?q=
router.register("cluster-members", ClusterMemberViewSet)
router.register("cluster-labels", LabelViewSet)
router.register("analytics", AnalyticsViewSet, basename="analytics")  # complexity/, proximity/
router.register("analytics/regions", RegionAnalyticsViewSet, basename="analytics-region")
router.register("cooperation-posts", CooperationPostViewSet, basename="cooperationpost")
router.register("notifications", NotificationViewSet, basename="notification")  # one's own
router.register("recommendations", RecommendationViewSet, basename="recommendation")
router.register("funding-calls", FundingCallViewSet)  # matches/, consortia/ (POST), import/
router.register("consortia", ConsortiumViewSet, basename="consortium")  # POST: start one
router.register("collaborations", CollaborationViewSet)  # also {id}/move/, {id}/documents/
router.register(
    "collaboration-statistics", CollaborationStatisticsViewSet, basename="collaboration-statistics"
)
router.register(
    "collaboration-network", CollaborationNetworkViewSet, basename="collaboration-network"
)
for prefix, viewset, basename in dialogue_routes():
    router.register(prefix, viewset, basename=basename)
for prefix, viewset, basename in events_routes():
    router.register(prefix, viewset, basename=basename)
