"""Routes of the meetings feature (under /dialogue/)."""

urlpatterns: list = []
