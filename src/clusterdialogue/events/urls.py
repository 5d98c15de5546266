"""Routes of the events app (under /events/), one include per feature."""

from clusterdialogue.events.b2b import urls as b2b
from clusterdialogue.events.live import urls as live
from clusterdialogue.events.outcomes import urls as outcomes
from clusterdialogue.events.participants import urls as participants
from clusterdialogue.events.programme import urls as programme
from clusterdialogue.events.proposals import urls as proposals
from clusterdialogue.events.report import urls as report
from clusterdialogue.events.schedule import urls as schedule

app_name = "events"
urlpatterns = [
    *programme.urlpatterns,
    *participants.urlpatterns,
    *b2b.urlpatterns,
    *schedule.urlpatterns,
    *outcomes.urlpatterns,
    *live.urlpatterns,
    *report.urlpatterns,
    *proposals.urlpatterns,
]
