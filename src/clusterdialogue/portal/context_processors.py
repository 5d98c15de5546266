"""Template context every page needs: the network shown in the header."""

from __future__ import annotations

from django.http import HttpRequest

from clusterdialogue.regions.selectors import network_default


def network(request: HttpRequest) -> dict:
    return {"current_network": network_default()}
