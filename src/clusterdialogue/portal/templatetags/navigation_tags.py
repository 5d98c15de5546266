"""The header menu and the breadcrumbs in templates: ``{% site_menu as groups %}``, ``{% breadcrumbs %}``."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader_tags import BLOCK_CONTEXT_KEY, BlockNode
from django.utils.safestring import mark_safe

from clusterdialogue.portal.navigation.registry import Place
from clusterdialogue.portal.navigation.selectors import (
    Crumb,
    MenuGroup,
    breadcrumb_trail,
    menu_visible,
)

register = template.Library()

_MENU_ATTRIBUTE = "_site_menu"


def _place(context: template.Context) -> Place:
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    return Place(
        user=getattr(request, "user", None),
        view_name=(match.view_name if match else "") or "",
        kwargs=(match.kwargs if match else {}) or {},
    )


def _menu(context: template.Context) -> list[MenuGroup]:
    # The header and the breadcrumbs ask for the same menu: compute it once per request.
    request = context.get("request")
    cached = getattr(request, _MENU_ATTRIBUTE, None)
    if cached is None:
        cached = menu_visible(place=_place(context))
        if request is not None:
            setattr(request, _MENU_ATTRIBUTE, cached)
    return cached


@register.simple_tag(takes_context=True)
def site_menu(context: template.Context) -> list[MenuGroup]:
    """The menu groups this visitor sees on this page."""
    return _menu(context)


def _block_text(context: template.Context, name: str) -> str:
    """The rendered text of the page's ``{% block name %}``, as the most derived template says.

    Breadcrumbs end with the page's own title; reading the ``title`` block keeps every page's
    title in one place instead of asking each template to repeat it.
    """
    block_context = context.render_context.get(BLOCK_CONTEXT_KEY)
    block = block_context.get_block(name) if block_context is not None else None
    if block is None:
        return ""
    copy = BlockNode(block.name, block.nodelist)
    copy.context = context
    with context.push(block=copy):
        return block.nodelist.render(context)


@register.inclusion_tag("portal/navigation/_breadcrumbs.html", takes_context=True)
def breadcrumbs(context: template.Context, *via: Any) -> dict[str, Any]:
    """Home › group › page › the page's title (nothing on the top-level pages).

    A deeper page names the pages between as label, URL pairs:
    ``{% block breadcrumb %}{% breadcrumbs organisation.name organisation.get_absolute_url %}{% endblock %}``.
    """
    if len(via) % 2:
        raise template.TemplateSyntaxError("breadcrumbs takes label and URL pairs")
    between = [Crumb(label, url) for label, url in zip(via[::2], via[1::2], strict=True)]
    # The block was rendered with autoescaping, so its text is already safe HTML.
    title = mark_safe(" ".join(_block_text(context, "title").split()))
    trail = breadcrumb_trail(place=_place(context), title=title, groups=_menu(context), via=between)
    return {"crumbs": trail}
