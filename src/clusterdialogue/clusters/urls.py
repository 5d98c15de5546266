"""The directory's URLs (namespace ``clusters``); each feature keeps its routes in its own."""

from clusterdialogue.clusters.changes import urls as changes
from clusterdialogue.clusters.directory import urls as directory
from clusterdialogue.clusters.profiles import urls as profiles
from clusterdialogue.clusters.transfer import urls as transfer

app_name = "clusters"
# The profiles' "<slug>/" routes come last: "changes/", "import/" and "export.csv" are not slugs.
urlpatterns = [
    *directory.urlpatterns,
    *transfer.urlpatterns,
    *changes.urlpatterns,
    *profiles.urlpatterns,
]
