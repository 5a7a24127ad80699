"""The session's index of delegates by given name (store/io/given_words.py) answers what a scan
of the store answers, after every kind of commit, and catches up by the changed codes only."""

from __future__ import annotations

from store.io import given_words
from store.io.given_words import last_word
from store.io.importer import plan_import
from store.io.reading import read_table
from tests.test_import import HEADER, write_csv


def scan(service, words):
    return sorted(d.code for d in service.delegates.all() if last_word(d.given) in words)


def looked_up(service, words):
    by_code, found = service.delegates.given_words().delegates(words)
    assert dict(by_code) == {d.code: d for d in service.delegates.all()}
    return sorted(d.code for d in found)


def test_the_index_answers_as_a_scan_after_adds_edits_removals_and_imports(service, tmp_path):
    index = service.delegates.given_words()
    first = service.delegates.all()[0]
    words = {last_word(first.given), "tung", "moi"}
    assert looked_up(service, words) == scan(service, words)
    added = service.delegates.add(family="Nguyễn", middle="Văn", given="Tùng", unit_code="PT")
    service.delegates.update(first.code, given="Mới")
    service.delegates.remove(service.delegates.all()[1].code)
    file = write_csv(tmp_path / "in.csv", [HEADER, ["1", "Lê Văn Tùng", "Chuyên viên", "PT", "", ""]])
    service.delegates.import_many([{"family": "Lê", "middle": "Thị", "given": "Mới", "unit_code": "PT"}], [])
    assert service.delegates.given_words() is index
    assert looked_up(service, words) == scan(service, words)
    assert added.code in looked_up(service, {"tung"}) and first.code in looked_up(service, {"moi"})
    plan = plan_import(read_table(file), service.conference.units(), index)
    same = plan_import(read_table(file), service.conference.units(), service.delegates.all())
    assert plan.rows == same.rows


def test_a_commit_is_caught_up_by_its_codes_not_a_rebuild(service, monkeypatch):
    from store.unit_of_work import Records

    index = service.delegates.given_words()
    index.delegates({"x"})
    added: list[str] = []
    walks: list[str] = []
    real_add, real_documents = given_words.GivenWords._add, Records.documents
    monkeypatch.setattr(given_words.GivenWords, "_add", lambda self, code, g: (added.append(code), real_add(self, code, g)))
    monkeypatch.setattr(Records, "documents", lambda self, name: (walks.append(name), real_documents(self, name))[1])
    code = service.delegates.all()[0].code
    service.delegates.check_in(code)
    index.delegates({"x"})
    assert added == [code] and walks == []
    service.reload()  # every table may have changed: built again
    index.delegates({"x"})
    assert walks == ["delegates"]


def test_without_the_records_built_the_plan_reads_only_the_documents_it_needs(sample_copy, tmp_path):
    """The command line never builds the delegates' records: a plan through the index builds
    those the list names, and plans exactly as with every delegate given."""
    from store.service import Service

    with Service.open(sample_copy, operator="t") as service:
        records = service._session.open_records()
        doc = next(d for _code, d in records.documents("delegates") if d["unit_code"] == "PT")
        name = " ".join(p for p in (doc["family"], doc["middle"], doc["given"]) if p)
        file = write_csv(tmp_path / "in.csv", [HEADER, ["1", name, "Phó Giám đốc", "PT", "", ""],
                                               ["2", "Lê Văn Mới", "Chuyên viên", "PT", "", ""]])
        units = service.conference.units()
        plan = plan_import(read_table(file), units, service.delegates.given_words())
        assert records.cached("delegates") is None
        assert plan_import(read_table(file), units, service.delegates.all()).rows == plan.rows
        assert plan.rows[0].code == doc["code"]
