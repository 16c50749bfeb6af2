#!/usr/bin/env bash
# Issue 10's end-to-end benchmark at full size: 100,000 vtiger events behind the horizon, pushes of 300, 1,200 and
# 10,000 events at Google's quota (600 calls/min/user, emulated). Runs in a 256 MB heap and writes its figures into
# docs/benchmarks.md (section "End to end"). Takes about 25 minutes (the 10,000 push alone needs 16 windows of a minute).
#   ./benchmarks/e2e.sh [events] [pushes]      e.g. ./benchmarks/e2e.sh 10000 300,1200
set -euo pipefail
cd "$(dirname "$0")/.."
events="${1:-100000}"
pushes="${2:-300,1200,10000}"
exec mvn -B -o -q verify -pl benchmark-e2e -am \
  -Dtest=E2eBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.events="$events" -Dbench.pushes="$pushes" -Dbench.write=true -Dbench.heap=-Xmx256m \
  -Dsurefire.timeout=3600
