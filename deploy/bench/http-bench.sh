#!/usr/bin/env bash
# HTTP benchmark of the extender against a parse-and-echo baseline in the same run (wrk on loopback),
# then resident memory with 5000 nodes and 50 000 pods in a JVM sized for a 512 MiB container.
# Usage: deploy/bench/http-bench.sh [DURATION]
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v wrk >/dev/null 2>&1; then
  echo "installing wrk (load generator)..." >&2
  if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && apt-get install -y -qq wrk; else sudo apt-get install -y wrk; fi
fi

# the extender's benchmark classpath needs the config module (and its test fixtures) installed
./mvnw -B -q -pl .,config -DskipTests install
./mvnw -B -q -pl extender test-compile exec:exec@http-bench -Dbench.duration="${1:-8s}"
./mvnw -B -q -pl extender exec:exec@memory-bench
