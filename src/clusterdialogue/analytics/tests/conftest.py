"""Fixtures of the analytics tests: the synthetic world and a small HTML reader.

``analytics_world`` lives in :mod:`clusterdialogue.testing.fixtures.analytics`; importing it
here makes it available to these tests (list that module in the root conftest's
``pytest_plugins`` to share it with other apps).
"""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

from clusterdialogue.testing.fixtures.analytics import analytics_world  # noqa: F401


class Page(HTMLParser):
    """Elements by id, table cells by table id, JSON scripts by id, links and text."""

    VOID = {"meta", "link", "input", "br", "img", "hr", "source", "area", "base", "col", "wbr"}

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.ids: dict[str, dict] = {}
        self.tables: dict[str, list[list[str]]] = {}
        self.scripts: dict[str, object] = {}
        self.links: list[str] = []
        self.text_by_id: dict[str, str] = {}
        self._open: list[tuple[str, dict]] = []
        self._cell: list[str] | None = None
        self._script: tuple[str, list[str]] | None = None
        self.feed(html)

    def _table(self) -> str | None:
        return next((a.get("id") for t, a in reversed(self._open) if t == "table"), None)

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        if "id" in attrs:
            self.ids[attrs["id"]] = attrs
        if tag == "a" and "href" in attrs:
            self.links.append(attrs["href"])
        table = self._table()
        if table and tag == "tr":
            self.tables.setdefault(table, []).append([])
        if table and tag in ("td", "th"):
            self._cell = []
        if tag == "script" and attrs.get("type") == "application/json":
            self._script = (attrs["id"], [])
        if tag not in self.VOID:
            self._open.append((tag, attrs))

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self._table():
            self.tables[self._table()][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        if tag == "script" and self._script:
            self.scripts[self._script[0]] = json.loads("".join(self._script[1]))
            self._script = None
        while self._open:
            open_tag, _attrs = self._open.pop()
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        if self._script:
            self._script[1].append(data)
        for _tag, attrs in self._open:
            if "id" in attrs:
                self.text_by_id[attrs["id"]] = self.text_by_id.get(attrs["id"], "") + data

    def text(self, element_id: str) -> str:
        return " ".join(self.text_by_id.get(element_id, "").split())

    def rows(self, table_id: str) -> list[list[str]]:
        """The body rows of a table (the first row, its header, left out)."""
        return self.tables.get(table_id, [])[1:]


@pytest.fixture
def read_page():
    """Parse a response into a :class:`Page`."""

    def parse(response) -> Page:
        return Page(response.content.decode())

    return parse
