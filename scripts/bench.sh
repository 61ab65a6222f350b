#!/usr/bin/env bash
# The benchmarks: sets up what they need, prints a table, writes benchmarks/results/latest.json
# (--quick writes benchmarks/results/quick.json, so a smoke run never replaces the committed figures).
#   bash scripts/bench.sh [--quick]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python benchmarks/run.py "$@"
