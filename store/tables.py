"""The one registry of the store's tables: name, record model, and the field that keys a record.

The service, the unit of work, `check` and the summary all read it; a table is added here once.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import (
    AgendaItem, AuditEntry, Ballot, Conference, ContentGroup, Covenant, Delegate, Handover, Indicators,
    ScoringConfig, Signature, Unit, UnitScore,
)
from .models.agenda import AgendaRun

#: The table holding the schema version and the code counters (not a domain table).
META = "meta"


@dataclass(frozen=True)
class TableSpec:
    name: str
    model: type
    #: the field holding a record's stable code; None for a table of one record
    key: str | None

    @property
    def single(self) -> bool:
        return self.key is None


TABLES: tuple[TableSpec, ...] = (
    TableSpec("conference", Conference, None),
    TableSpec("units", Unit, "code"),
    TableSpec("delegates", Delegate, "code"),
    TableSpec("agenda", AgendaItem, "code"),
    TableSpec("agenda_run", AgendaRun, None),
    TableSpec("content_groups", ContentGroup, "code"),
    TableSpec("scoring_config", ScoringConfig, None),
    TableSpec("scores", UnitScore, "unit_code"),
    TableSpec("indicators", Indicators, "unit_code"),
    TableSpec("ballots", Ballot, "tier"),
    TableSpec("covenant", Covenant, None),
    TableSpec("signatures", Signature, "unit_code"),
    TableSpec("handovers", Handover, "code"),
    TableSpec("audit", AuditEntry, "seq"),
)

BY_NAME: dict[str, TableSpec] = {spec.name: spec for spec in TABLES}
NAMES: tuple[str, ...] = tuple(spec.name for spec in TABLES)


def spec(name: str) -> TableSpec:
    return BY_NAME[name]
