"""`CovenantDomain`, as the service hands it out: the text, the ceremony, the seal, next year's
cluster head and the handovers."""

from __future__ import annotations

from .ceremony import Ceremony
from .handovers import Handovers
from .next_head import NextHead
from .order import SigningOrder
from .seal import Sealing
from .text import TextChanges


class CovenantDomain(TextChanges, SigningOrder, Ceremony, Sealing, NextHead, Handovers):
    """The covenant (see the package's docstring)."""
