#!/usr/bin/env bash
# The README's main job: build, serve KServe's sklearn-iris sample (the model ships in the repo)
# with the kserve4j command line, ask it for a prediction over the v2 REST protocol, then stop.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${PORT:-8080}"
mvn -B -q -DskipTests package
java -jar tools/cli/target/kserve4j.jar serve samples/src/main/resources/sklearn-iris-v2.yaml \
  --http-port "$port" --grpc-port "${GRPC_PORT:-8081}" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do
  curl -sf "localhost:$port/v2/models/sklearn-iris/ready" >/dev/null && break
  kill -0 "$server" 2>/dev/null || { echo "kserve4j serve exited" >&2; exit 1; }
  sleep 0.5
done
curl -sS -H 'Content-Type: application/json' \
  "localhost:$port/v2/models/sklearn-iris/infer" -d @samples/serve/iris-request.json
echo
