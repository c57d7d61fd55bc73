#!/bin/sh
# gpu-bench/run.sh [--software] [bench:webgpu's options]
# One epoch of an ML-10M-shaped synthetic set (10,000,054 ratings, 69,878 users, 10,677 movies, seed 42) on this
# machine's GPU (the fused WGSL step, WebGPU over Dawn and Vulkan) and on wasm on its CPU, side by side, with the
# valid MSE and the adapter's name. Needs Linux x86-64 with glibc 2.34 or later, and the GPU driver's Vulkan ICD
# (NVIDIA: nvidia_icd.json and libGLX_nvidia.so.0); no Node, no network. Options after --software go to the bench:
#   --sets 10m|1m|100k   --ratings N [--users U --movies M]   --engines fused,wasm[,ops]   --epochs 1   --bs 256
#   --software   use a SwiftShader Vulkan ICD (Chromium's) instead of the GPU's, to test this script without a GPU
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
say() { printf '[gpu-bench] %s\n' "$*" >&2; }

software=0
n=$#
while [ "$n" -gt 0 ]; do
  a=$1; shift; n=$((n - 1))
  if [ "$a" = --software ]; then software=1; else set -- "$@" "$a"; fi
done

[ "$(uname -s)-$(uname -m)" = Linux-x86_64 ] || { say "this pack is for Linux x86-64, not $(uname -s)-$(uname -m)"; exit 1; }

# 1. Unpack what travels compressed (Node, dawn.node, the bundle), once.
for f in "$HERE/bin/node.xz" "$HERE/node_modules/webgpu/dist/linux-x64/dawn.node.xz" "$HERE/bench.mjs.xz"; do
  out=${f%.xz}
  [ -s "$out" ] && continue
  say "unpacking ${out#"$HERE"/}"
  if command -v xz >/dev/null 2>&1; then xz -dc "$f" > "$out.part"
  elif command -v python3 >/dev/null 2>&1; then python3 -c 'import lzma, shutil, sys; shutil.copyfileobj(lzma.open(sys.argv[1]), open(sys.argv[2], "wb"))' "$f" "$out.part"
  else say "neither xz nor python3 is here to unpack $f"; exit 1
  fi
  mv "$out.part" "$out"
done
chmod +x "$HERE/bin/node"

# 2. The Vulkan loader travels with the pack; Dawn opens libvulkan.so.1 by name.
export LD_LIBRARY_PATH="$HERE/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"

# 3. The Vulkan driver: the GPU's own ICD from the loader's default search path, or SwiftShader with --software.
if [ "$software" = 1 ]; then
  for icd in /usr/lib/chromium/vk_swiftshader_icd.json /usr/lib/chromium-browser/vk_swiftshader_icd.json /opt/google/chrome/vk_swiftshader_icd.json; do
    [ -f "$icd" ] && { export VK_ICD_FILENAMES="$icd"; break; }
  done
  [ -n "${VK_ICD_FILENAMES:-}" ] || { say "--software: no SwiftShader ICD found (Chromium's vk_swiftshader_icd.json)"; exit 1; }
  say "software Vulkan: VK_ICD_FILENAMES=$VK_ICD_FILENAMES"
elif [ -z "${VK_ICD_FILENAMES:-}${VK_DRIVER_FILES:-}" ]; then
  icds=$(ls /etc/vulkan/icd.d/*.json /usr/share/vulkan/icd.d/*.json /usr/local/share/vulkan/icd.d/*.json 2>/dev/null || true)
  say "Vulkan ICDs: ${icds:-none}"
  # A container given the GPU without the driver's "graphics" capability may have NVIDIA's Vulkan driver but not its
  # ICD file: describe it, and point the loader at it.
  ldconfig=$(command -v ldconfig || echo /sbin/ldconfig)
  if ! printf '%s' "$icds" | grep -qi nvidia && [ -x "$ldconfig" ] && "$ldconfig" -p | grep -q 'libGLX_nvidia.so.0'; then
    printf '{"file_format_version": "1.0.0", "ICD": {"library_path": "libGLX_nvidia.so.0", "api_version": "1.3.0"}}\n' > "$HERE/nvidia_icd.json"
    export VK_ICD_FILENAMES="$HERE/nvidia_icd.json"
    say "no NVIDIA ICD file, but libGLX_nvidia.so.0 is installed: VK_ICD_FILENAMES=$VK_ICD_FILENAMES"
  fi
fi
command -v nvidia-smi >/dev/null 2>&1 && say "nvidia-smi: $(nvidia-smi --query-gpu=name,driver_version --format=csv,noheader 2>/dev/null | head -1)"

# 4. The bench: one epoch of the ML-10M shape, fused WebGPU and wasm; later options override these.
cd "$HERE"
exec "$HERE/bin/node" "$HERE/bench.mjs" --sets 10m --engines fused,wasm --epochs 1 "$@"
