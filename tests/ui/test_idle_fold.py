"""The app folds the store's journal into its file once no change was written for a while."""

from __future__ import annotations

from tui.idle_fold import IdleFold




class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_folds_once_idle_and_only_after_a_write(service):
    clock, folds = Clock(), []
    watcher = IdleFold(service, lambda: folds.append(service.fold_journal()), clock, idle=3.0)
    clock.now = 10.0
    assert not watcher.tick()  # nothing written: nothing to fold
    service.delegates.check_in(service.delegates.all()[0].code)
    journal = service.path.with_name(service.path.name + ".journal")
    assert journal.stat().st_size > 0
    assert not watcher.tick()  # the write is seen now...
    clock.now = 12.0
    assert not watcher.tick()  # ...not yet idle for 3 s
    clock.now = 13.5
    assert watcher.tick() and folds == [True]
    assert journal.stat().st_size == 0  # the file holds the records now
    clock.now = 30.0
    assert not watcher.tick() and folds == [True]  # folded already


async def test_a_save_cut_by_a_power_loss_is_said_at_start(sample_copy, tmp_path):
    import shutil

    from store.service import Service

    from ..conftest import make_app

    journal = sample_copy.with_name(sample_copy.name + ".journal")
    killed = tmp_path / "killed.json"
    with Service.open(sample_copy) as before:
        before.delegates.check_in(before.delegates.all()[0].code)
        shutil.copyfile(sample_copy, killed)  # the files as a power loss would leave them now
        shutil.copyfile(journal, killed.with_name("killed.json.journal"))
    with open(killed.with_name("killed.json.journal"), "ab") as handle:
        handle.write(b'900 0badc0de {"v":1,"gen')
    with Service.open(killed) as service:
        app = make_app(service)
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            await pilot.pause()
            said = " ".join(str(n.message) for n in app._notifications)
            assert "tắt đột ngột đúng lúc đang lưu" in said and "vẫn còn nguyên" in said
        assert service.delegates.all()[0].checked_in_at is not None
