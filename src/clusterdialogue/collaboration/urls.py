"""Collaboration URLs; each feature keeps its routes in its own ``urls.py``."""

from clusterdialogue.collaboration.board import urls as board
from clusterdialogue.collaboration.calls import urls as calls
from clusterdialogue.collaboration.network import urls as network
from clusterdialogue.collaboration.notifications import urls as notifications
from clusterdialogue.collaboration.pipeline import urls as pipeline
from clusterdialogue.collaboration.suggestions import urls as suggestions

app_name = "collaboration"
urlpatterns = [
    *board.urlpatterns,
    *notifications.urlpatterns,
    *suggestions.urlpatterns,
    *calls.urlpatterns,
    *pipeline.urlpatterns,
    *network.urlpatterns,
]
