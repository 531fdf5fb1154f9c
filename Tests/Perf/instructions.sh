#!/usr/bin/env bash
# Instructions per input byte, per pipeline stage, counted by valgrind's callgrind.
#
# Timings on a shared 2-core machine move by 10% from run to run; instruction counts do not.
# This script builds vnx in release, generates the benchmark corpus (`vnx bench --keep`, seeded,
# so every run reads the same bytes), runs `vnx extract --jobs 1` over it under callgrind with
# collection switched on only inside document processing (rule loading is left out), and prints
# instructions per input byte for each stage and in total.
#
#   Tests/Perf/instructions.sh                    # 2 MB corpus, default rules
#   Tests/Perf/instructions.sh --size 4 --scratch-path .build-perf
#   Tests/Perf/instructions.sh --max 400          # exit 1 if the total exceeds 400 per byte
#   Tests/Perf/instructions.sh --scratch-path /tmp/b --swiftc -enforce-exclusivity=unchecked
#
# Needs valgrind (apt-get install valgrind). The binary's DWARF is stripped from a copy first:
# valgrind 3.19 cannot read the debug info that swiftc writes, but the symbol table is enough.
set -euo pipefail
cd "$(dirname "$0")/../.."

size=2
scratch=.build
max=""
keep=""
flags=()
while [ $# -gt 0 ]; do
  case "$1" in
    --size) size="$2"; shift 2 ;;
    --scratch-path) scratch="$2"; shift 2 ;;
    --max) max="$2"; shift 2 ;;
    --keep) keep="$2"; shift 2 ;;
    --swiftc) flags+=(-Xswiftc "$2"); shift 2 ;;
    *) echo "usage: $0 [--size MB] [--scratch-path DIR] [--max INSTRUCTIONS_PER_BYTE] [--keep DIR] [--swiftc FLAG]..." >&2; exit 2 ;;
  esac
done
command -v valgrind >/dev/null || { echo "error: valgrind is not installed" >&2; exit 2; }

swift build -c release --scratch-path "$scratch" ${flags[@]+"${flags[@]}"} >&2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$scratch/release/vnx" "$work/vnx"
strip --strip-debug "$work/vnx"
corpus="$work/corpus.jsonl"
"$work/vnx" bench --size "$size" --jobs 1 --keep "$corpus" --rules rules >/dev/null
bytes=$(wc -c < "$corpus")

valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" --toggle-collect='*BatchRunnerV7process*' \
  "$work/vnx" extract --jobs 1 --rules rules "$corpus" -o "$work/records.jsonl" 2>"$work/valgrind.log"
callgrind_annotate --inclusive=yes --threshold=100 "$work/cg.out" > "$work/inclusive.txt"

# The first (largest) inclusive count of the functions whose mangled names contain $2. A stage
# that is not in the profile (its function renamed) is an error, not a silent zero.
stage() {
  local count
  count=$(grep -F -- "$2" "$work/inclusive.txt" | head -1 | awk '{gsub(",", "", $1); print $1}' || true)
  if [ -z "$count" ]; then
    echo "error: no function matching '$2' (stage $1) in the profile; update this script" >&2
    exit 2
  fi
  awk -v n="$count" -v b="$bytes" -v s="$1" 'BEGIN { printf "%-22s %14d %10.1f\n", s, n, n / b }'
}

echo "corpus: $bytes bytes (vnx bench --size $size), $(wc -l < "$corpus") documents"
printf "%-22s %14s %10s\n" "stage" "instructions" "per byte"
stage "JSON parse" 'JSONLineParserV5parse'
stage "normalize" 'NormalizerV9normalize'
stage "tokenize" 'TokenizerV8tokenize'
stage "dates" 'DateResolverO12resolveYears'
stage "rules" '0A3SetC8annotate_6tokens'
stage "mentions" 'MentionBuilderO4plan'
stage "JSON encode" 'ExtractedDocumentV5write'
stage "total" 'BatchRunnerV7process'
if [ -n "$keep" ]; then
  mkdir -p "$keep"
  cp "$work/cg.out" "$work/inclusive.txt" "$work/records.jsonl" "$keep/"
fi
if [ -n "$max" ]; then
  total=$(grep -F 'BatchRunnerV7process' "$work/inclusive.txt" | head -1 | awk '{gsub(",", "", $1); print $1}')
  awk -v n="$total" -v b="$bytes" -v m="$max" 'BEGIN { if (n / b > m) { printf "error: %.1f instructions per byte, more than %s\n", n / b, m; exit 1 } }'
fi
