"""Routes of the roadmap feature (under /dialogue/)."""

urlpatterns: list = []
