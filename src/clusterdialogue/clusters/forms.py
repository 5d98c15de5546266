"""Form fields the directory's features share with other apps' forms."""

from __future__ import annotations

import re
from typing import Any

from django import forms


class CommaListField(forms.CharField):
    """A list of short texts typed as one line, separated by commas or semicolons."""

    def prepare_value(self, value: Any) -> Any:
        return ", ".join(value) if isinstance(value, list | tuple) else value

    def to_python(self, value: Any) -> list[str]:
        text = super().to_python(value)
        seen: list[str] = []
        for item in re.split(r"[,;\n]", text or ""):
            item = item.strip()
            if item and item.lower() not in {s.lower() for s in seen}:
                seen.append(item)
        return seen
