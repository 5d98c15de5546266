"""Search results in ranked order, fetched from the database one page at a time."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import QuerySet


class RankedResults:
    """A list-like view of ranked organisations for paginators (Django's and DRF's).

    Holds only the ranked ``(id, score)`` pairs; slicing fetches those organisations from
    ``queryset`` in one query and puts them in rank order, each with a ``search_score``.
    """

    def __init__(self, *, queryset: QuerySet, ranking: list[tuple[int, float]]) -> None:
        self.queryset = queryset
        self.ranking = ranking
        self.scores = dict(ranking)

    def __len__(self) -> int:
        return len(self.ranking)

    def _fetch(self, pairs: list[tuple[int, float]]) -> list:
        objects = self.queryset.model._default_manager.none()
        if pairs:
            objects = self.queryset.filter(pk__in=[pk for pk, _ in pairs])
        by_pk = {obj.pk: obj for obj in objects}
        fetched = []
        for pk, score in pairs:
            if pk in by_pk:
                by_pk[pk].search_score = score
                fetched.append(by_pk[pk])
        return fetched

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self._fetch(self.ranking[index])
        found = self._fetch([self.ranking[index]])
        if not found:
            raise IndexError(index)
        return found[0]

    def __iter__(self) -> Iterator:
        for start in range(0, len(self.ranking), 500):
            yield from self._fetch(self.ranking[start : start + 500])
