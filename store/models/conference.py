"""The conference and its member units."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .base import _Record

#: the papers that carry a document number (the conference's doc_numbers, one per kind)
NUMBERED_PAPERS = ("agenda", "delegates", "introduction", "invitations", "ranking", "covenant", "summary")
#: a paper's kind -> the abbreviation of its type in the number (36-HD/VPTW's list: CTr
#: chương trình, DS danh sách, GM giấy mời, BC báo cáo; the covenant's GƯ)
KIND_SIGNS = {"agenda": "CTr", "delegates": "DS", "introduction": "DS", "invitations": "GM",
              "ranking": "BC", "covenant": "GƯ", "summary": "BC"}

@dataclass(frozen=True)
class Conference(_Record):
    title: str
    cluster: str
    year: int
    date: str
    venue: str
    host_unit: str
    organizer: str = ""
    #: the cluster head (cụm trưởng) for the year: a member unit's code, "" when not chosen
    head_unit: str = ""
    #: the papers' heading (store/io/papers/letterhead.py): the issuing body as printed, the
    #: superior body first ("BAN TỔ CHỨC THÀNH ỦY HÀ NỘI / CỤM THI ĐUA SỐ 1"); "" = organizer / cluster
    issuer: str = ""
    #: the place named on the papers' date line; "" = the venue
    doc_place: str = ""
    #: the issuing body's sign in a document number ("Số 12-BC/CTĐ"); "" = CTĐ
    doc_symbol: str = ""
    #: a paper's number by its kind ("ranking": "12"); a paper without one leaves it blank to fill by hand
    doc_numbers: dict[str, str] = field(default_factory=dict)
    #: "Nơi nhận": who receives the papers, one line each
    recipients: tuple[str, ...] = ()


@dataclass(frozen=True)
class Unit(_Record):
    """A member unit of the cluster; `order` is the cluster's unit order (1 = first)."""

    code: str
    order: int
    full_name: str
    short_name: str


@dataclass(frozen=True)
class Gap:
    """One thing the conference needs before the day and lacks (`Service.readiness`)."""

    #: what is missing: a catalog key "setup.gap.<code>" words it
    code: str
    #: the panel where it is fixed ("setup", "agenda", "scorecards", "covenant", "delegates")
    panel: str
    params: dict[str, Any] = field(default_factory=dict)
