"""Delegate records made from the store's own documents (Delegate.from_stored): the same records
as ones built field by field, while the documents stay the plain JSON the store writes."""

from __future__ import annotations

import orjson

from store.core.shape import tables_report
from store.models import Bloc, Delegate
from store.models.base import _build
from store.service import Service


def _doc(code: str, bloc: str = "party") -> dict:
    return Delegate(code=code, family="Nguyễn", middle="Văn", given="An", position="Chuyên viên",
                    unit_code="U01", bloc=Bloc(bloc), rank=40).to_doc()


def test_a_record_from_a_stored_document_equals_one_built_field_by_field():
    for bloc in Bloc:
        stored = _doc("D1", bloc.value)
        shared = Delegate.from_stored(stored)
        built = _build(Delegate, _doc("D1", bloc.value))
        assert shared == built and hash(shared) == hash(built)
        assert shared.bloc is bloc and built.bloc is bloc
        assert shared.to_doc() == _doc("D1", bloc.value)


def test_the_stored_document_stays_plain_json():
    stored = _doc("D1", "government")
    Delegate.from_stored(stored)
    assert type(stored["bloc"]) is str
    assert orjson.loads(orjson.dumps(stored)) == _doc("D1", "government")


def test_from_doc_keeps_nothing_of_the_callers_document():
    doc = _doc("D1")
    record = Delegate.from_doc(doc)
    doc["given"] = "Bình"
    assert record.given == "An"


def test_an_opened_store_shares_its_documents_and_still_passes_its_check(sample_copy):
    with Service.open(sample_copy, operator="t") as service:
        delegates = service.delegates.all()
        assert delegates
        data = service._session.open_records().storage.read()
        stored = {id(doc) for doc in data["delegates"].values()}
        assert all(id(d.__dict__) in stored for d in delegates)  # no copy of any document
        assert tables_report(data)[0] == []
        assert service.check() == []
