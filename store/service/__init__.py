"""The facade: what the UI and the command line use of the store, beside its values
(`store.models`), its coded errors (`store.errors`) and the registry of exports
(`store.io.exports`). Split by idea; each part is imported where it is used:

    facade.py     Service: open, open_snapshot, create, close, check, summary, readiness,
                  reload, fold_journal; hands out the domains (service.delegates, .agenda, ...)
    new_store.py  the demo's private copy; a store from a workbook or from last year's
    lists.py      a delegates list or a scores sheet read, planned and imported
    desks.py      several desks: a desk laptop, the desks' folder, Syncthing
    projector.py  a store followed read-only while the app writes it
"""

from .facade import Service, default_operator

__all__ = ["Service", "default_operator"]
