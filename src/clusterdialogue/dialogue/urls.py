"""Routes of the Dialogue (under /dialogue/), one include per feature."""

from clusterdialogue.dialogue.groups import urls as groups
from clusterdialogue.dialogue.library import urls as library
from clusterdialogue.dialogue.meetings import urls as meetings
from clusterdialogue.dialogue.planning import urls as planning
from clusterdialogue.dialogue.roadmap import urls as roadmap

app_name = "dialogue"
# The library's fixed paths (/dialogue/library/...) come before the groups' /dialogue/<slug>/.
urlpatterns = [
    *library.urlpatterns,
    *groups.urlpatterns,
    *roadmap.urlpatterns,
    *meetings.urlpatterns,
    *planning.urlpatterns,
]
