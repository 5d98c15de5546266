"""API of the groups feature: ROUTES lists (prefix, viewset, basename) for the API router."""

ROUTES: list = []
