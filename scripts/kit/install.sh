#!/bin/sh
# Cài hoinghi không cần mạng: tạo .venv cạnh tệp này và cài từ wheels/linux.
# Install hoinghi offline: make .venv beside this file and install from wheels/linux.
set -eu
cd "$(dirname "$0")"
PYTHON="${PYTHON:-python3}"
"$PYTHON" -m venv .venv
.venv/bin/python -m pip --isolated install --quiet --no-index --find-links wheels/linux hoinghi
.venv/bin/hoinghi --version
echo "Đã cài. Chạy: $(pwd)/.venv/bin/hoinghi"
