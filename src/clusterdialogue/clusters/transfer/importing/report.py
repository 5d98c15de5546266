"""What an import did, or would do, row by row; printable as a table for the command line."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

CREATE, UPDATE, UNCHANGED, REJECT = "create", "update", "unchanged", "reject"


@dataclass
class RowReport:
    """One data row: its line in the file, what happens to it and why.

    ``errors`` say why a row is rejected, each naming the field; ``changes`` list the fields an
    update changes; ``notes`` are things worth knowing (e.g. ``https://`` added); ``duplicates``
    name rows or stored profiles that look like the same organisation under another name.
    """

    line: int
    name: str
    region: str = ""
    action: str = CREATE
    errors: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)

    def reject(self, field_name: str, message: str) -> None:
        self.errors.append(f"{field_name}: {message}")
        self.action = REJECT

    @property
    def details(self) -> list[str]:
        lines = list(self.errors)
        if self.changes:
            lines.append("changes " + ", ".join(self.changes))
        lines += [f"possible duplicate of {d}" for d in self.duplicates]
        lines += self.notes
        return lines


@dataclass
class ImportReport:
    """The outcome of an import: one :class:`RowReport` per data row, and whether it was written."""

    file: str
    kind: str
    dry_run: bool
    skip_invalid: bool = False
    rows: list[RowReport] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    written: bool = False
    #: The heading of the short column beside the name (the region, or a member's type).
    key_heading: str = "region"

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def rejected(self) -> list[RowReport]:
        return [row for row in self.rows if row.action == REJECT]

    @property
    def duplicate_count(self) -> int:
        return sum(1 for row in self.rows if row.duplicates)

    @property
    def outcome(self) -> str:
        """One sentence: was anything written, and if not, why not."""
        if self.dry_run:
            return "dry run: nothing was written"
        if not self.written:
            return (
                f"nothing was written: {len(self.rejected)} row(s) rejected; fix them, or import "
                "again with --skip-invalid to write the valid rows only"
            )
        if not self.count(CREATE) and not self.count(UPDATE):
            return "nothing needed to change"
        if self.rejected:
            return f"written, except the {len(self.rejected)} rejected row(s) listed"
        return "written"

    @property
    def summary(self) -> str:
        verbs = (
            ("to create", "to update")
            if self.dry_run or not self.written
            else ("created", "updated")
        )
        return (
            f"{self.kind} from {self.file}: {self.count(CREATE)} {verbs[0]}, {self.count(UPDATE)} "
            f"{verbs[1]}, {self.count(UNCHANGED)} unchanged, {self.count(REJECT)} rejected, "
            f"{self.duplicate_count} possible duplicate(s) — {self.outcome}"
        )

    def __str__(self) -> str:
        return self.summary

    def as_table(self, *, width: int = 120) -> str:
        """The report as a plain-text table: line, action, region (or type), name, details."""
        name_width = 38
        head = f"{'line':>5}  {'action':<9}  {self.key_heading:<7}  {'name':<{name_width}}  details"
        out = [head, "-" * min(width, len(head) + 40)]
        indent = 5 + 2 + 9 + 2 + 7 + 2 + name_width + 2
        detail_width = max(30, width - indent)
        for row in self.rows:
            name = row.name if len(row.name) <= name_width else row.name[: name_width - 1] + "…"
            details = [
                piece
                for detail in row.details or [""]
                for piece in textwrap.wrap(detail, detail_width) or [""]
            ]
            first = f"{row.line:>5}  {row.action:<9}  {row.region:<7}  {name:<{name_width}}  "
            out.append((first + details[0]).rstrip())
            out += [" " * indent + piece for piece in details[1:]]
        out += [f"note: {note}" for note in self.notes]
        out.append(self.summary)
        return "\n".join(out)
