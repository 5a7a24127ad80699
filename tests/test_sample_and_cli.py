"""The demo conference adds up to the article; the command line's store commands."""

from __future__ import annotations


import orjson
import pytest

from store.checks import check_raw
from tui.cli.main import main, sample_path

from .conftest import SAMPLE


def test_sample_matches_the_article_and_passes_every_check():
    raw = orjson.loads(SAMPLE.read_bytes())
    assert check_raw(raw) == []
    units = sorted(raw["units"].values(), key=lambda u: u["order"])
    assert [u["short_name"] for u in units] == [
        "Hà Nội", "Phú Thọ", "Vĩnh Phúc", "Tuyên Quang", "Hà Giang", "Yên Bái", "Điện Biên",
        "Lào Cai", "Lai Châu", "Sơn La", "Hòa Bình", "Thái Nguyên", "Cao Bằng", "Bắc Kạn"]
    indicators = list(raw["indicators"].values())
    totals = {k: sum(i[k] for i in indicators) for k in ("models", "schemes", "resolutions", "regulations")}
    assert totals == {"models": 49, "schemes": 25, "resolutions": 30, "regulations": 90}
    assert len(raw["content_groups"]) == 8
    assert sum(g["max_points"] for g in raw["content_groups"].values()) == 100
    covenant = next(iter(raw["covenant"].values()))
    assert covenant["year"] == 2025 and len(covenant["groups"]) == 8
    assert len(covenant["signing_order"]) == 14 and not raw.get("signatures")
    assert len(raw["handovers"]) == 5
    names = {(d["family"], d["middle"], d["given"]): d for d in raw["delegates"].values()}
    assert names[("Nguyễn", "Văn", "Phong")]["position"] == "Phó Bí thư Thường trực Thành ủy Hà Nội"
    assert "Trưởng Ban Tổ chức Thành ủy Hà Nội" in names[("Vũ", "Đức", "Bảo")]["position"]
    invented = [d for d in raw["delegates"].values()
                if (d["family"], d["middle"], d["given"]) not in {("Nguyễn", "Văn", "Phong"), ("Vũ", "Đức", "Bảo")}]
    assert invented and all("mẫu" in d["note"] for d in invented)


def test_packaged_sample_is_the_root_sample():
    assert sample_path().read_bytes() == SAMPLE.read_bytes()


def test_check_prints_summary_and_exits_0(sample_copy, capsys):
    assert main(["--db", str(sample_copy), "check"]) == 0
    out = capsys.readouterr().out
    assert "tốt, lược đồ 2" in out and "đại biểu 62" in out and "đơn vị 14" in out


def test_check_reports_problems_and_exits_1(sample_copy, capsys):
    raw = orjson.loads(sample_copy.read_bytes())
    raw["conference"]["1"]["host_unit"] = "ZZ"
    sample_copy.write_bytes(orjson.dumps(raw))
    assert main(["--db", str(sample_copy), "check"]) == 1
    assert "đơn vị đăng cai 'ZZ'" in capsys.readouterr().out


@pytest.mark.parametrize("content", [b"", b'{"delegates": {"1": {"co', b"\x00\xff garbage"])
def test_corrupt_file_is_one_line_error_and_untouched(tmp_path, capsys, content):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    assert main(["--db", str(path), "check"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("hoinghi: ") and err.count("\n") == 1 and "Traceback" not in err
    assert path.read_bytes() == content


def test_missing_and_locked_files(tmp_path, sample_copy, capsys):
    assert main(["--db", str(tmp_path / "nope.json"), "check"]) == 1
    assert "nope.json" in capsys.readouterr().err
    from store.service import Service

    with Service.open(sample_copy):
        assert main(["--db", str(sample_copy), "check"]) == 0  # read without the lock
        capsys.readouterr()
        assert main(["--db", str(sample_copy), "purge-personal"]) == 1  # a command that may write
        assert "đang được mở trong chính chương trình này" in capsys.readouterr().err


def test_new_store_empty_and_from_sample(tmp_path, capsys):
    empty = tmp_path / "empty.json"
    assert main(["--db", str(empty), "new"]) == 0
    assert main(["--db", str(empty), "check"]) == 0
    copy = tmp_path / "copy.json"
    assert main(["--db", str(copy), "new", "--from", str(SAMPLE)]) == 0
    assert "đại biểu 62" in capsys.readouterr().out
    assert main(["--db", str(copy), "new"]) == 1  # never overwrites
    assert "đã có; chọn tên khác" in capsys.readouterr().err


def test_new_from_invalid_file_is_refused(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    raw = orjson.loads(SAMPLE.read_bytes())
    raw["delegates"]["1"]["given"] = ""
    bad.write_bytes(orjson.dumps(raw))
    assert main(["--db", str(tmp_path / "new.json"), "new", "--from", str(bad)]) == 1
    assert "trường given: là bắt buộc" in capsys.readouterr().err
    assert not (tmp_path / "new.json").exists()


def test_version(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0 and capsys.readouterr().out.startswith("hoinghi ")


def test_default_store_is_a_copy_of_the_demo(tmp_path, monkeypatch):
    import tui.cli.main as cli

    monkeypatch.setattr("platformdirs.user_data_dir", lambda *a, **k: str(tmp_path / "data"))
    path, demo = cli.default_store()
    assert demo and path.read_bytes() == SAMPLE.read_bytes()
    path2, demo2 = cli.default_store()
    assert path2 == path and not demo2
