#!/usr/bin/env bash
# Regenerates the shipped price table from the newest genai-prices on PyPI (or VERSION):
#   scripts/update-prices.sh [VERSION]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv/update-prices"
[[ -x "$venv/bin/python" ]] || "${PYTHON:-python3}" -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check --upgrade "genai-prices${1:+==$1}"
"$venv/bin/python" "$root/scripts/update-prices.py"
