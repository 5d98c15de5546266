"""Routes of the library feature (under /dialogue/)."""

urlpatterns: list = []
