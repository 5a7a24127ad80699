"""The agenda: programme edits and the live run (`domain`), the day's arithmetic (`timing`,
pure), and the reasons for refusing a change (`reasons`)."""

from .domain import AgendaDomain, item_field, item_fields

__all__ = ["AgendaDomain", "item_field", "item_fields"]
