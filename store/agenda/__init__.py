"""The agenda: the programme's edits (`programme`) and the live run (`run`) over the reads both
share (`reads`), composed as `service.agenda` (`domain`); the day's arithmetic (`timing`, pure);
the reasons for refusing a change (`reasons`)."""

from .domain import AgendaDomain
from .programme import item_field, item_fields

__all__ = ["AgendaDomain", "item_field", "item_fields"]
