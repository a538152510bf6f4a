#!/usr/bin/env bash
# Prepares the GPU device check (docs/gpu.md, "The device check"), on a machine with JDK 17 and
# Maven: builds the samples, copies their runtime class path with the gpu profile (bytedeco's ONNX
# Runtime for CUDA 13, the javacpp CUDA presets), links a small JRE (the device has no Java), adds
# the shared test models, packs it all and splits it into parts that each fit one device call.
#
#   bash gpu/check.sh            # writes target/gpu-check/part-00, part-01, ... and payload.sha256
#
# Then, on the device (one call per part, back to back, the last one runs the check):
#   bash gpu/run.sh receive target/gpu-check/part-00          carry: target/gpu-check/part-00
#   ...
#   bash gpu/run.sh run target/gpu-check/part-NN              carry: target/gpu-check/part-NN,
#                                                                    target/gpu-check/payload.sha256
# check.sh prints these commands with the real part names at the end.
#
# Settings (environment): KSERVE4J_SHARED_DIR (default testdata/ in the checkout),
# PART_SIZE (default 52m), GPU_CHECK_DIR (default target/gpu-check).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${GPU_CHECK_DIR:-$ROOT/target/gpu-check}
SHARED=${KSERVE4J_SHARED_DIR:-$ROOT/testdata}
PART_SIZE=${PART_SIZE:-52m}
MODELS="handmade_mlp torchscript_mlp torchscript_cnn mnist_lenet1 onnx_light_squeezenet onnx_pytorch_converted_conv2d onnx_simple_single_relu"
# What the check needs of the JDK: Jackson and the rest run on these (checked with --allow-no-gpu).
JRE_MODULES=${JRE_MODULES:-java.base,java.logging,jdk.unsupported,java.xml,java.sql}

cd "$ROOT"
rm -rf "$OUT"
STAGE="$OUT/stage"
mkdir -p "$STAGE/lib" "$STAGE/models"

echo "== build the samples and copy their runtime class path with -Pgpu"
# Each module of the reactor copies into its own target/dependency; the samples' is the class path.
rm -rf samples/target/dependency
mvn -B -q -pl samples -am -Pgpu -DskipTests package dependency:copy-dependencies \
  -DincludeScope=runtime
cp samples/target/dependency/*.jar samples/target/samples-*.jar "$STAGE/lib/"
ls "$STAGE/lib"

echo "== trim Microsoft's ONNX Runtime jar to its Linux x64 natives (the device is Linux x64)"
ORT_JAR=$(ls "$STAGE"/lib/onnxruntime-1.28.0.jar)
zip -q -d "$ORT_JAR" 'ai/onnxruntime/native/osx-*' 'ai/onnxruntime/native/win-*' \
  'ai/onnxruntime/native/linux-aarch64/*' >/dev/null || true
BYTEDECO_JAR=$(ls "$STAGE"/lib/onnxruntime-1.28.0-1.5.14-linux-x86_64-gpu.jar)
unzip -l "$BYTEDECO_JAR" | grep -q 'org/bytedeco/onnxruntime/linux-x86_64-gpu/libonnxruntime_providers_cuda.so' \
  || { echo "bytedeco's jar has no CUDA provider: $BYTEDECO_JAR" >&2; exit 1; }

echo "== link a JRE ($JRE_MODULES)"
jlink --add-modules "$JRE_MODULES" --strip-debug --no-header-files --no-man-pages --compress=2 \
  --output "$STAGE/jre"

echo "== copy the shared models"
for m in $MODELS; do
  cp -r "$SHARED/models/$m" "$STAGE/models/"
done

echo "== pack and split into $PART_SIZE parts"
tar -C "$STAGE" -czf "$OUT/payload.tgz" .
(cd "$OUT" && sha256sum payload.tgz > payload.sha256)
split -b "$PART_SIZE" -d -a 2 "$OUT/payload.tgz" "$OUT/part-"
rm -rf "$STAGE" "$OUT/payload.tgz"
ls -la "$OUT"

PARTS=("$OUT"/part-*)
N=${#PARTS[@]}
REL=${OUT#"$ROOT"/}
echo
echo "== on the device: $N calls, back to back (the machine stays warm ~30 s between calls)"
for ((i = 0; i < N; i++)); do
  P="$REL/$(basename "${PARTS[$i]}")"
  if ((i < N - 1)); then
    echo "  run command: bash gpu/run.sh receive $P    carry: [\"$P\"]"
  else
    echo "  run command: bash gpu/run.sh run $P    carry: [\"$P\", \"$REL/payload.sha256\"]    timeout_s: 300"
  fi
done
