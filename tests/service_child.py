"""Child process: checks delegates in and adds delegates through the app's service, printing an
"ack" line after each call returned (i.e. after the change was durable), until it is killed.

    python tests/service_child.py STORE
"""

from __future__ import annotations

import sys

from store.service import Service


def main(path: str) -> None:
    service = Service.open(path, operator="kill-test")
    print("ready", flush=True)
    codes = [d.code for d in service.delegates.all()]
    i = 0
    while True:
        if i < len(codes):
            service.delegates.check_in(codes[i], desk="test")
            print(f"ack checkin {codes[i]}", flush=True)
        added = service.delegates.add(family="Trần", middle="Thị", given=f"Số {i}", unit_code="HN")
        print(f"ack add {added.code}", flush=True)
        i += 1


if __name__ == "__main__":
    main(sys.argv[1])
