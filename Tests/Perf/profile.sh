#!/usr/bin/env bash
# Makes the profile that release builds are optimized with, Sources/Profile/vnx.profdata
# (README, "Profile-guided optimization").
#
# Builds vnx with LLVM's IR-level counters (`-ir-profile-generate`, without the current
# profile), generates the seeded benchmark corpus (`vnx bench --keep`), runs
# `vnx extract --jobs 1` over it with the project's rules, and merges the counts
# (`llvm-profdata merge --sparse`) into the profile.
#
#   Tests/Perf/profile.sh                          # 16 MB from corpus/, into Sources/Profile/
#   Tests/Perf/profile.sh --corpus DIR --out FILE  # train on other articles, write elsewhere
#
# Make it again after changing code on the hot path: a function whose control flow no longer
# matches its counts is compiled as if there were no profile (correct, only not tuned).
# Static functions are named without their object file's directory
# (`-static-func-full-module-prefix=false`) in this build and in `Package.swift`'s, so that
# the profile does not depend on where the package is checked out.
set -euo pipefail
cd "$(dirname "$0")/../.."

size=16
corpus=""
out=Sources/Profile/vnx.profdata
scratch=.build-profile
while [ $# -gt 0 ]; do
  case "$1" in
    --size) size="$2"; shift 2 ;;
    --corpus) corpus="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --scratch-path) scratch="$2"; shift 2 ;;
    *) echo "usage: $0 [--size MB] [--corpus DIR] [--out FILE] [--scratch-path DIR]" >&2; exit 2 ;;
  esac
done

# The toolchain's profile runtime and merger, next to `swift`.
toolchain=$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")
runtime=$(find "$toolchain/lib/clang" -name 'libclang_rt.profile-x86_64.a' 2>/dev/null | head -1)
merger="$toolchain/bin/llvm-profdata"
if [ -z "$runtime" ] || [ ! -x "$merger" ]; then
  echo "error: no libclang_rt.profile or llvm-profdata in the toolchain at $toolchain" >&2
  exit 2
fi

VNX_PGO=0 swift build -c release --scratch-path "$scratch" \
  -Xswiftc -Xfrontend -Xswiftc -ir-profile-generate \
  -Xswiftc -Xllvm -Xswiftc -static-func-full-module-prefix=false \
  -Xlinker "$runtime" -Xlinker -u__llvm_profile_runtime >&2

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Generating the corpus runs the pipeline too; those counts go elsewhere.
LLVM_PROFILE_FILE="$work/generate.profraw" "$scratch/release/vnx" bench --size "$size" --jobs 1 --repeat 1 \
  --keep "$work/corpus.jsonl" ${corpus:+--corpus "$corpus"} --rules rules >/dev/null
LLVM_PROFILE_FILE="$work/extract.profraw" "$scratch/release/vnx" extract --jobs 1 --rules rules \
  "$work/corpus.jsonl" -o "$work/records.jsonl"
mkdir -p "$(dirname "$out")"
"$merger" merge --sparse -o "$out" "$work/extract.profraw"
echo "$out: $(wc -c < "$out") bytes, from $(wc -l < "$work/corpus.jsonl") documents ($(wc -c < "$work/corpus.jsonl") bytes)"
