#!/bin/sh
# Builds the fake libnvidia-ml.so variants into $1 (agent/target/fake-nvml), called by the agent's
# test build (exec-maven-plugin, phase process-test-resources). Without gcc it only warns: the NVML
# tests then skip with a message (and fail when CI=true).
set -e
out="$1"
src="${0%/*}/fake_nvml.c"
if ! command -v gcc >/dev/null 2>&1; then
  echo "WARNING: gcc not found: the fake NVML library is not built and the NVML tests will be skipped" >&2
  exit 0
fi
mkdir -p "$out/no-meminfo-v2" "$out/r535"
flags="-shared -fPIC -O2 -Wall -Wextra -std=gnu11"
gcc $flags -o "$out/libnvidia-ml.so" "$src" -lm -lpthread
gcc $flags -DNO_MEMINFO_V2 -DNO_GPM -o "$out/no-meminfo-v2/libnvidia-ml.so" "$src" -lm -lpthread
gcc $flags -DR535_PROCESS -o "$out/r535/libnvidia-ml.so" "$src" -lm -lpthread
