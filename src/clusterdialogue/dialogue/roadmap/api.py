"""API of the roadmap feature: ROUTES lists (prefix, viewset, basename) for the API router."""

ROUTES: list = []
