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
