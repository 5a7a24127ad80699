"""The agenda as `service.agenda`: the programme (add, edit, remove, reorder; programme.py) and
its live run (start, finish, skip, a minute more or less, re-plan, undo, the message for the
speaker and the warning minutes; run.py), over the reads both share (reads.py).

Every change is one unit of work: validated first (ValidationError with a reason code; nothing
changed), durable, audited with the wall-clock time of the step. The arithmetic of the day lives
in `store.models.timing`, pure.
"""

from __future__ import annotations

from .programme import ProgrammeEdits
from .reasons import register
from .run import LiveRun

register()


class AgendaDomain(ProgrammeEdits, LiveRun):
    """The programme's edits and the live run, one domain."""
