"""CSV of a roadmap's actions and indicators, for the secretariat's reports."""

from __future__ import annotations

import io

from clusterdialogue.common.spreadsheets import csv_writer
from clusterdialogue.dialogue.models import Roadmap, RoadmapAction
from clusterdialogue.dialogue.roadmap.selectors import roadmap_detail

ACTION_COLUMNS = ["objective", "action", "owner", "territory", "due_on", "status", "is_example"]
INDICATOR_COLUMNS = [
    "objective", "indicator", "unit", "target", "value", "percent", "source", "metric",
    "is_example",
]  # fmt: skip


def roadmap_actions_csv(*, roadmap: Roadmap) -> str:
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(ACTION_COLUMNS)
    actions = RoadmapAction.objects.filter(objective__roadmap=roadmap).select_related(
        "objective", "owner_member", "territory__region"
    )
    for action in actions:
        territory = action.territory.region.code if action.territory else ""
        writer.writerow(
            [action.objective.get_kind_display(), action.title, action.owner, territory,
             action.due_on.isoformat() if action.due_on else "", action.status,
             int(action.is_example)]
        )  # fmt: skip
    return out.getvalue()


def roadmap_indicators_csv(*, roadmap: Roadmap) -> str:
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(INDICATOR_COLUMNS)
    for row in roadmap_detail(roadmap=roadmap):
        for progress in row["progress"]:
            indicator = progress.indicator
            writer.writerow(
                [row["objective"].get_kind_display(), indicator.name, indicator.unit,
                 "" if indicator.target is None else indicator.target,
                 "" if progress.value is None else progress.value,
                 "" if progress.percent is None else progress.percent,
                 indicator.source_kind, indicator.metric_key, int(indicator.is_example)]
            )  # fmt: skip
    return out.getvalue()
