"""API of the library feature: ROUTES lists (prefix, viewset, basename) for the API router."""

ROUTES: list = []
