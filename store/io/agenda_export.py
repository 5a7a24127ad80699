"""The agenda on paper: `hoinghi --db PATH export agenda --format csv|xlsx|md|pdf`.

Before the day (no item has started) it is the printable programme: time, minutes, item,
presenter. Once the day is under way it is the timekeeper's record: per item the planned start
and minutes (as first printed, before any re-plan), the actual start, end and minutes, and the
minutes over (+) or under (-); a last row for the whole day. Cells are data, written literally
(store.io.exporter's CSV/XLSX/Markdown writers; the PDF with Be Vietnam Pro embedded, A4).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Sequence

from wording import numbers as vnformat
from ..models import timing
from ..models.agenda import AgendaItem, AgendaStatus
from .exporter import render
from wording.catalog import table

FORMATS = ("csv", "xlsx", "md", "pdf")

PROGRAMME_HEADERS = table("doc.agenda.programme_headers")
RUN_HEADERS = table("doc.agenda.run_headers")
STATUS = table("doc.agenda.status")
WORDS = table("doc.agenda")


def _lang(lang: str) -> str:
    return lang if lang in WORDS else "vi"


def _minutes(seconds: float) -> int:
    """Whole minutes, rounded half away from zero."""
    sign = 1 if seconds >= 0 else -1
    return sign * int((abs(seconds) + 30) // 60)


def signed(n: int) -> str:
    return f"+{n}" if n > 0 else str(n)


def programme_rows(items: Sequence[AgendaItem], lang: str) -> list[list[Any]]:
    rows = []
    for n, item in enumerate((i for i in items if i.status is not AgendaStatus.SKIPPED), start=1):
        start = timing.minutes_of(item.planned_start)
        end = timing.hhmm(start + timing.bounded(item.duration_min))
        when = f"{item.planned_start} – {end}"
        if item.fixed_start:
            when = f"{when} {WORDS[lang]['fixed']}"
        rows.append([n, when, item.duration_min, item.title, item.presenter])
    return rows


def run_rows(items: Sequence[AgendaItem], now: dt.datetime, day: dt.date, lang: str) -> tuple[list[list[Any]], str]:
    """(one row per item and one for the day, the day's offset in words)."""
    projection = timing.project(items, now, day)
    rows: list[list[Any]] = []
    planned_total = actual_total = 0
    first_start: dt.datetime | None = None
    last_end: dt.datetime | None = None
    for n, item in enumerate(items, start=1):
        start_min, planned_min = timing.original_plan(item)
        planned_total += planned_min
        actual_start = timing.instant(item.actual_start)
        actual_end = timing.instant(item.actual_end)
        actual_min: Any = ""
        over: Any = ""
        if item.status is AgendaStatus.DONE and actual_start and actual_end:
            seconds = (actual_end - actual_start).total_seconds()
            actual_min = _minutes(seconds)
            actual_total += actual_min
            over = actual_min - planned_min
        elif item.status is AgendaStatus.SKIPPED:
            over = -planned_min
        if actual_start:
            first_start = min(first_start, actual_start) if first_start else actual_start
        if actual_end:
            last_end = max(last_end, actual_end) if last_end else actual_end
        rows.append([n, item.title, item.presenter, timing.hhmm(start_min), planned_min,
                     _clock(actual_start), _clock(actual_end), actual_min, over,
                     STATUS[lang][item.status.value]])
    offset = projection.offset_min
    plan_start = min((timing.original_plan(i)[0] for i in items), default=0)
    plan_end = projection.planned_end
    rows.append(["", WORDS[lang]["day"], "", timing.hhmm(plan_start), planned_total,
                 _clock(first_start), _clock(last_end), actual_total or "",
                 offset, ""])
    words = WORDS[lang]
    said = words["late" if offset > 0 else "early"].format(n=abs(offset)) if offset else words["on_time"]
    if plan_end is not None and projection.projected_end is not None:
        said = f"{said}; " + words["ends"].format(plan=f"{plan_end:%H:%M}", end=f"{projection.projected_end:%H:%M}")
    return rows, said


def record_moment(items: Sequence[AgendaItem], now: dt.datetime, day: dt.date) -> dt.datetime:
    """The moment the record is told at: now on the day; after the day, the last step recorded
    (an item left running then ends the record there, not days later)."""
    if now.date() <= day:
        return now
    moments = [m for i in items for m in (timing.instant(i.actual_start), timing.instant(i.actual_end)) if m]
    return max(moments, default=now)


def _clock(moment: dt.datetime | None) -> str:
    return moment.strftime("%H:%M:%S") if moment else ""


def export_agenda(service: Any, fmt: str, lang: str = "vi") -> bytes:
    """The programme before the day, the timekeeping record once it has begun."""
    lang = _lang(lang)
    items = service.agenda.items()
    live = any(item.actual_start for item in items)
    day = service.agenda.day()
    if live:
        now = record_moment(items, service.agenda.timing().now, day)
        headers, (rows, said) = RUN_HEADERS[lang], run_rows(items, now, day, lang)
        title, sheet = WORDS[lang]["record"], WORDS[lang]["sheet_record"]
    else:
        headers, rows, said = PROGRAMME_HEADERS[lang], programme_rows(items, lang), ""
        title, sheet = WORDS[lang]["programme"], WORDS[lang]["sheet_programme"]
    if fmt == "pdf":
        return _pdf(service, lang, title, headers, _signed(rows, live), said, live)
    if fmt == "md":
        rows = _signed(rows, live)
    data = render(fmt, headers, rows, sheet)
    if said and fmt == "md":
        data += f"\n{said}\n".encode("utf-8")
    return data


#: the column of the minutes over (+) or under (-) in the timekeeping record
OVER_COLUMN = 8


def _signed(rows: list[list[Any]], live: bool) -> list[list[Any]]:
    """The over/under minutes written "+2" / "-1" for people (CSV and XLSX keep numbers)."""
    if not live:
        return rows
    return [[signed(c) if n == OVER_COLUMN and isinstance(c, int) else c for n, c in enumerate(row)]
            for row in rows]


def _pdf(service: Any, lang: str, title: str, headers: Sequence[str], rows: list[list[Any]],
         said: str, live: bool) -> bytes:
    from .papers.letterhead import closing, document, letterhead

    head = letterhead(service, "agenda", lang)
    conference = service.conference.get()
    doc = document(head, title, (conference.title if conference else "") or "", landscape=live)
    if live:
        widths = (4, 30, 20, 8, 7, 9, 9, 7, 9, 10)
        align = ("R", "L", "L", "C", "R", "C", "C", "R", "R", "L")
    else:
        widths = (5, 18, 8, 45, 30)
        align = ("R", "C", "R", "L", "L")
    shown = [[vnformat.integer(c) if isinstance(c, int) and not isinstance(c, bool) else c for c in row]
             for row in rows]
    doc.table(headers, shown, widths=widths, align=align)
    if said:
        doc.paragraph(said, bold=True)
    closing(doc, head)
    return doc.output()
