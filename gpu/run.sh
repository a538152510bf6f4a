#!/usr/bin/env bash
# The device side of the GPU check (docs/gpu.md). Run from the repository root on the GPU machine.
#
#   bash gpu/run.sh receive <part>...   keep parts of the payload in /tmp (one call per part)
#   bash gpu/run.sh run [<part>...]     keep the last parts, join, check the sha256, unpack, and run
#                                       io.kserve4j.samples.GpuCheck on the carried JRE
#
# It prints the machine (nvidia-smi, the CUDA and cuDNN libraries the loader finds), then the
# check's lines: the GPUs kserve4j discovers, which ONNX Runtime build serves CUDA, one PASS/FAIL
# line per model and batch (max |cuda - cpu|, the tolerance, predict() medians), the placement
# checks, and "N passed, N failed". Exit status: the check's (0 all passed, 1 some failed, 2 no
# GPU). A copy of the output goes to $OUT/gpu-check.log when $OUT is set. GPU_CHECK_ARGS adds
# arguments (--allow-no-gpu rehearses it all on a machine without GPU).
set -euo pipefail

STORE=${GPU_CHECK_STORE:-/tmp/kserve4j-gpu-check}
mkdir -p "$STORE/parts"

receive() {
  for p in "$@"; do
    cp "$p" "$STORE/parts/"
    if [[ -f "$(dirname "$p")/payload.sha256" ]]; then
      cp "$(dirname "$p")/payload.sha256" "$STORE/"
    fi
  done
  ls -la "$STORE/parts"
}

machine() {
  echo "== machine"
  uname -srm
  if command -v nvidia-smi >/dev/null; then
    nvidia-smi --query-gpu=index,name,driver_version,memory.total,memory.used,pci.bus_id --format=csv
  else
    echo "nvidia-smi: not found"
  fi
  ldconfig -p | grep -E 'libcuda\.so\.1|libcudart\.so\.1|libcublas(Lt)?\.so\.1|libcudnn\.so\.9' || true
}

run() {
  receive "$@"
  cat "$STORE"/parts/part-* > "$STORE/payload.tgz"
  if [[ -f "$STORE/payload.sha256" ]]; then
    (cd "$STORE" && sha256sum -c payload.sha256)
  fi
  rm -rf "$STORE/x"
  mkdir -p "$STORE/x"
  tar -C "$STORE/x" -xzf "$STORE/payload.tgz"
  machine
  echo "== kserve4j GPU check"
  set +e
  "$STORE/x/jre/bin/java" -Xmx4g \
    -Dkserve4j.cache.dir="$STORE/cache" \
    -cp "$STORE/x/lib/*" io.kserve4j.samples.GpuCheck --models "$STORE/x/models" \
    ${GPU_CHECK_ARGS:-} 2>&1 \
    | tee "${OUT:-$STORE}/gpu-check.log"
  code=${PIPESTATUS[0]}
  set -e
  echo "== exit $code"
  exit "$code"
}

case "${1:-}" in
  receive) shift; receive "$@" ;;
  run) shift; run "$@" ;;
  *) echo "usage: bash gpu/run.sh receive <part>... | run [<part>...]" >&2; exit 64 ;;
esac
