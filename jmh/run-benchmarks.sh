#!/usr/bin/env bash
# Runs every benchmark recorded in docs/benchmarks.md, each side interleaved with its baseline and
# an A/A control (io.kserve4j.jmh.Ratios), and writes one log per benchmark to jmh/target/results/.
# Usage: jmh/run-benchmarks.sh [rounds] [name-filter]    (build first: mvn -B -q -DskipTests package)
set -uo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
only="${2:-}"
jar=jmh/target/benchmarks.jar
out=jmh/target/results
mkdir -p "$out"
shared="${KSERVE4J_SHARED_DIR:-testdata}"
ratio() { # name class baseline candidate control [args...]
  local name=$1; shift
  [[ -n "$only" && "$name" != *"$only"* ]] && return
  echo "== $name"
  java -Dkserve4j.shared.dir="$shared" -cp "$jar" io.kserve4j.jmh.Ratios "$@" rounds="$rounds" \
    > "$out/$name.log" 2>&1
  grep -E '^round|^\|' "$out/$name.log"
}
ratio B1-handmade_mlp io.kserve4j.jmh.core.PredictBenchmark rawRun predict rawRunControl model=handmade_mlp
ratio B1-mlp784 io.kserve4j.jmh.core.PredictBenchmark rawRun predict rawRunControl model=mlp784
ratio cold-start io.kserve4j.jmh.core.ColdStartBenchmark bareSessionFirstRun serviceFirstPredict bareSessionControl
ratio router-onnx io.kserve4j.jmh.core.RouterBenchmark revision predict revisionControl model=handmade_mlp
ratio router-java io.kserve4j.jmh.core.RouterBenchmark revision predict revisionControl model=java
ratio B3-lone-batched io.kserve4j.jmh.core.BatcherBenchmark rawRun batched rawRunControl threads=1
ratio B2-8-callers-thrpt io.kserve4j.jmh.core.BatcherBenchmark rawRun batched rawRunControl threads=8 mode=thrpt
ratio B2-8-callers-latency io.kserve4j.jmh.core.BatcherBenchmark rawRun batched rawRunControl threads=8
ratio B4-pool-handoff io.kserve4j.jmh.autoscale.PoolHandoffBenchmark executorSubmitGet poolSubmitAwait executorControl
ratio B7-first-at-zero io.kserve4j.jmh.core.ZeroColdStartBenchmark bareSessionFirstRun firstPredictionAtZero bareSessionControl
ratio B7-burst-64-at-zero io.kserve4j.jmh.core.ZeroColdStartBenchmark firstPredictionAtZero burstOf64AtZero bareSessionControl
ratio B8-rest io.kserve4j.jmh.wire.RestInferBenchmark bareHandler restServer bareHandlerControl
ratio codec io.kserve4j.jmh.wire.JsonCodecBenchmark databindTree streaming databindTreeControl
ratio grpc-overhead io.kserve4j.jmh.wire.GrpcInferBenchmark predict grpcInfer predictControl
ratio xgboost-batch1 io.kserve4j.jmh.runtime.XgboostPredictBenchmark library predict libraryControl batch=1
ratio xgboost-batch64 io.kserve4j.jmh.runtime.XgboostPredictBenchmark library predict libraryControl batch=64
ratio lightgbm-batch1 io.kserve4j.jmh.runtime.LightGbmPredictBenchmark library predict libraryControl batch=1
ratio lightgbm-batch64 io.kserve4j.jmh.runtime.LightGbmPredictBenchmark library predict libraryControl batch=64
if [[ -z "$only" || "revision-switch" == *"$only"* ]]; then
  echo "== revision-switch"
  java -Dkserve4j.shared.dir="$shared" -cp "$jar" io.kserve4j.jmh.core.RevisionSwitchLatency \
    rounds=$((rounds * 5)) threads=4 > "$out/revision-switch.log" 2>&1
  grep -E '^round|^\|' "$out/revision-switch.log"
fi
if [[ -z "$only" || "decision" == *"$only"* ]]; then
  echo "== decision"
  java -cp "$jar" org.openjdk.jmh.Main 'io.kserve4j.jmh.autoscale.DecisionBenchmark' -f 1 -wi 3 -i 5 \
    > "$out/decision.log" 2>&1
  grep -E '^DecisionBenchmark|^Benchmark' "$out/decision.log"
fi
if [[ -z "$only" || "load" == *"$only"* ]]; then
  echo "== B8-load-16"
  java -cp "$jar" io.kserve4j.jmh.wire.RestLoad seconds=5 rounds=3 > "$out/B8-load-16.log" 2>&1
  tail -5 "$out/B8-load-16.log"
fi
