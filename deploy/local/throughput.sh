#!/usr/bin/env bash
# Scheduling throughput of the same kube-scheduler build with and without the
# netplane extender, in one run against one local control plane: 1000 nodes,
# rounds of 2000 pods alternating NETPLANE_EXTENDER=none and netplane. Prints
# pods/s both ways and their ratio (target >= 0.8). Not part of CI.
#
#   deploy/local/throughput.sh [extra Maven args, e.g. -o]
#
#   NETPLANE_BENCH_NODES   nodes (default 1000)
#   NETPLANE_BENCH_PODS    pods per round (default 2000)
#   NETPLANE_BENCH_ROUNDS  rounds per mode (default 3)
#   NETPLANE_BENCH_WARMUP  pods of the unreported warm-up round per mode (default 500)
#   NETPLANE_BENCH_QPS     kube-scheduler client qps, burst 2x (default 2000: no rate limit)
#   NETPLANE_BENCH_REBUILD extender snapshot rebuild interval (default 50ms, serve's default)
#   NETPLANE_BENCH_MODES   modes per round (default none,passthrough,netplane; also netplane-filter)
#
# The benchmark is extender/src/test/java/io/netplane/extender/e2e/ThroughputBenchmark.java,
# run by the e2e Maven profile; see docs/e2e.md. Results: extender/target/e2e/throughput.txt.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

RESULT="extender/target/e2e/throughput.txt"
rm -f "$RESULT"
./mvnw -B "$@" -Pe2e verify -pl extender -am -DskipTests -DskipITs \
  -Dit.test=ThroughputBenchmark \
  -Dnetplane.bench.nodes="${NETPLANE_BENCH_NODES:-1000}" \
  -Dnetplane.bench.pods="${NETPLANE_BENCH_PODS:-2000}" \
  -Dnetplane.bench.rounds="${NETPLANE_BENCH_ROUNDS:-3}" \
  -Dnetplane.bench.warmup="${NETPLANE_BENCH_WARMUP:-500}" \
  -Dnetplane.bench.qps="${NETPLANE_BENCH_QPS:-2000}" \
  -Dnetplane.bench.rebuild="${NETPLANE_BENCH_REBUILD:-50ms}" \
  -Dnetplane.bench.modes="${NETPLANE_BENCH_MODES:-none,passthrough,netplane}"

echo
echo "== $RESULT"
cat "$RESULT"
