"""API of the meetings feature: ROUTES lists (prefix, viewset, basename) for the API router."""

ROUTES: list = []
