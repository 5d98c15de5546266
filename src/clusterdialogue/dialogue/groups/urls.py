"""Routes of the groups feature (under /dialogue/)."""

urlpatterns: list = []
