#!/usr/bin/env bash
# Builds and runs one libFuzzer harness of Tests/Fuzz.
#
#   Tests/Fuzz/run.sh TARGET [SECONDS] [libFuzzer options…]   fuzz for SECONDS (default 600)
#   Tests/Fuzz/run.sh TARGET repro FILE…                        run the harness on saved inputs
#   Tests/Fuzz/run.sh TARGET build                              only build
#
# TARGET: tokenizer | offsets | rulefile.
#
# The library modules are built by SwiftPM with sanitizer coverage into .build-fuzz (a scratch
# folder of its own, git-ignored); the harness is compiled with `swiftc -sanitize=fuzzer,address`
# and linked with their object files (SwiftPM cannot link a libFuzzer executable itself: its
# own `main` clashes with libFuzzer's). Seeds are read from Tests/Fuzz/seeds/TARGET; new corpus
# entries go to .build-fuzz/fuzz/corpus/TARGET and crashes to .build-fuzz/fuzz/crashes/TARGET/.
# Environment: JOBS (build jobs, default 2), FUZZ_SCRATCH (default .build-fuzz),
# FUZZ_NOBUILD=1 (skip the SwiftPM step, e.g. while someone is editing a module),
# VNX_FUZZ_RULES (offsets: rules folder to run the pipeline with; default rules/, "" for none).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

target="${1:-}"
case "$target" in
  tokenizer) harness=FuzzTokenizer.swift; modules=(VNText Tokenization) ;;
  offsets) harness=FuzzOffsets.swift; modules=(VNText Tokenization Yams RuleLanguage RuleEngine Extraction) ;;
  rulefile) harness=FuzzRuleFile.swift; modules=(VNText Tokenization Yams RuleLanguage RuleEngine) ;;
  *) echo "usage: $0 tokenizer|offsets|rulefile [SECONDS | repro FILE… | build] [libFuzzer options…]" >&2; exit 2 ;;
esac
shift
mode="${1:-600}"
[ $# -gt 0 ] && shift

scratch="${FUZZ_SCRATCH:-.build-fuzz}"
case "$(basename "$scratch")" in .build-*) ;; *) echo "FUZZ_SCRATCH must be named .build-*" >&2; exit 2 ;; esac
# (Not $scratch/artifacts: SwiftPM empties that folder on every build.)
work="$scratch/fuzz"
mkdir -p "$work/bin" "$work/corpus/$target" "$work/crashes/$target"

# 1. The library modules, instrumented.
echo "building the library modules into $scratch (log: $scratch/build.log)…" >&2
if [ -n "${FUZZ_NOBUILD:-}" ]; then
  echo "FUZZ_NOBUILD set: using the modules as last built" >&2
elif ! swift build -c release --scratch-path "$scratch" -j "${JOBS:-2}" --target Extraction \
  -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address >"$scratch/build.log" 2>&1; then
  grep -E "error:" "$scratch/build.log" | head -20 >&2 || tail -20 "$scratch/build.log" >&2
  echo "the library build failed (someone editing a module? retry in a minute)" >&2
  exit 1
fi
bin="$(swift build -c release --scratch-path "$scratch" --show-bin-path)"

# 2. The harness, linked with the modules' object files (the current ones, from SwiftPM's
# output file maps, so that objects of deleted source files are never linked).
objects=()
for m in "${modules[@]}"; do
  while IFS= read -r o; do objects+=("$o"); done < <(python3 - "$bin/$m.build/output-file-map.json" <<'EOF'
import json, os, sys
for key, entry in json.load(open(sys.argv[1])).items():
    o = entry.get("object")
    if key and o and os.path.exists(o):
        print(o)
EOF
)
done
while IFS= read -r o; do objects+=("$o"); done < <(find "$bin/CICU.build" -name '*.o')
if [[ " ${modules[*]} " == *" Yams "* ]]; then
  while IFS= read -r o; do objects+=("$o"); done < <(find "$bin/CYaml.build" -name '*.o')
fi
cyaml_map="$(find "$scratch/checkouts" -path '*/CYaml/include/module.modulemap' | head -1)"

exe="$work/bin/fuzz-$target"
echo "compiling $harness…" >&2
swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name "Fuzz_$target" \
  -I "$bin/Modules" -I Sources/ICU \
  -Xcc -fmodule-map-file="$bin/CICU.build/module.modulemap" \
  ${cyaml_map:+-Xcc -fmodule-map-file="$cyaml_map"} \
  "$here/$harness" "${objects[@]}" -licuuc -licui18n -licudata -o "$exe" 2>"$work/link-$target.log" || {
  grep -v "Cannot export local symbol" "$work/link-$target.log" >&2
  exit 1
}

# 3. Run.
export VNX_FUZZ_RULES="${VNX_FUZZ_RULES-$root/rules}"
# Swift's runtime keeps caches that LeakSanitizer would report as leaks.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"
# Swift's own backtracer can take minutes on a crash; libFuzzer and ASan print the stack.
export SWIFT_BACKTRACE="${SWIFT_BACKTRACE:-enable=no}"
dict=()
[ -f "$here/dict/$target.dict" ] && dict=(-dict="$here/dict/$target.dict")
case "$mode" in
  build) echo "$exe" ;;
  repro) exec "$exe" "$@" ;;
  *[!0-9]*) echo "SECONDS must be a number, 'repro' or 'build'" >&2; exit 2 ;;
  *)
    exec "$exe" "$work/corpus/$target" "$here/seeds/$target" \
      -max_total_time="$mode" -timeout=30 -rss_limit_mb=3072 -max_len=8192 -print_final_stats=1 \
      -artifact_prefix="$root/$work/crashes/$target/" "${dict[@]}" "$@"
    ;;
esac
