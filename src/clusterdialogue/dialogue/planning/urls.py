"""Routes of the planning feature (under /dialogue/)."""

urlpatterns: list = []
