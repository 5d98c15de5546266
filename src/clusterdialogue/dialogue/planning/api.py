"""API of the planning feature: ROUTES lists (prefix, viewset, basename) for the API router."""

ROUTES: list = []
