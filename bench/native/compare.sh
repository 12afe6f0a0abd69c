#!/usr/bin/env bash
# Side by side: numgrad's black-box central gradient (numgrad gradient --json) against the
# native C reference (numgrad_ref.c), alternating the two in one run so that both see the
# same machine load. Prints a Markdown table with the medians of the rounds and
# "C time / numgrad time" (above 1: numgrad is faster).
#
# Usage: bench/native/compare.sh [-t THREADS] [-n ROUNDS] [-b PROBE_BATCH] [-w WARMUP] [-v] [WORKLOAD:SIZES ...]
#   default workloads: the standard ones of issue 12 (see docs/performance.md)
#   -t  workers for both (default 2)       -n  alternating rounds (default 3)
#   -b  pass --probe-batch to numgrad (default: leave numgrad's default)
#   -w  warm-up gradients before the timed ones, for both (default 1)
#   -v  also print every round's times (one line per round, on stderr), to see the spread
#       from one JVM start to the next, not only the median
# Each round runs one process of each with --warmup WARMUP and --repeat 5; a round's figure is
# that process's median. One warm-up is the issue's protocol; a JVM needs more on the fast
# gradients (a rosen(10000) gradient takes ~15 ms, shorter than C2 takes to compile the loops),
# so also run -w 20. Needs gcc with OpenMP.
# NUMGRAD=/path/to/numgrad compares another checkout's launcher instead of this one.
# NUMGRAD_BASELINE=/path/to/numgrad adds a third program to every round (e.g. the previous
# round's code, built from `git archive` elsewhere): its median and "C time ÷ its time" get columns
# of their own, so that before and after are measured under the same machine load.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
threads=2 rounds=3 batch="" warmup=1 verbose=""
while getopts "t:n:b:w:v" opt; do
  case $opt in
    t) threads=$OPTARG ;;
    n) rounds=$OPTARG ;;
    b) batch=$OPTARG ;;
    w) warmup=$OPTARG ;;
    v) verbose=1 ;;
    *) sed -n '2,21p' "$0" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
workloads=("$@")
if [[ ${#workloads[@]} -eq 0 ]]; then
  workloads=(sumsq:100000 rosen:10000 linreg:256,1000 linreg:256,4000 logreg:256,1000 logreg:256,4000
             mlp:64,64,10,32 mlp:784,128,10,32)
fi

build="$root/bench/target/native"
mkdir -p "$build"
ref="$build/numgrad_ref"
if [[ ! -x "$ref" || "$root/bench/native/numgrad_ref.c" -nt "$ref" ]]; then
  gcc -O3 -march=native -fopenmp -o "$ref" "$root/bench/native/numgrad_ref.c" -lm
fi
numgrad_args=(--threads "$threads" --warmup "$warmup" --repeat 5 --json)
[[ -n "$batch" ]] && numgrad_args+=(--probe-batch "$batch")
numgrad=${NUMGRAD:-$root/numgrad}
"$numgrad" --version >/dev/null 2>&1 || true   # builds once, outside the timings
baseline=${NUMGRAD_BASELINE:-}
[[ -n "$baseline" ]] && { "$baseline" --version >/dev/null 2>&1 || true; }

median() { sort -g | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }

if [[ -n "$baseline" ]]; then
  echo "| workload | numgrad (s) | C reference (s) | C time ÷ numgrad time | numgrad err_inf | C err_inf | baseline (s) | C time ÷ baseline time |"
  echo "|---|---|---|---|---|---|---|---|"
else
  echo "| workload | numgrad (s) | C reference (s) | C time ÷ numgrad time | numgrad err_inf | C err_inf |"
  echo "|---|---|---|---|---|---|"
fi
for spec in "${workloads[@]}"; do
  name=${spec%%:*} sizes=${spec#*:}
  j_times=() c_times=() b_times=() j_err="" c_err=""
  for ((r = 0; r < rounds; r++)); do
    c_json=$("$ref" "$name" "$sizes" "$threads" "$warmup" 5)
    j_json=$("$numgrad" gradient --workload "$name" --size "$sizes" "${numgrad_args[@]}")
    c_times+=("$(jq -r .seconds <<<"$c_json")")
    j_times+=("$(jq -r .seconds <<<"$j_json")")
    c_err=$(jq -r .err_inf <<<"$c_json")
    j_err=$(jq -r .err_inf <<<"$j_json")
    if [[ -n "$baseline" ]]; then
      b_json=$("$baseline" gradient --workload "$name" --size "$sizes" "${numgrad_args[@]}")
      b_times+=("$(jq -r .seconds <<<"$b_json")")
    fi
    if [[ -n "$verbose" ]]; then
      line=$(awk -v j="${j_times[r]}" -v c="${c_times[r]}" \
        'BEGIN {printf "numgrad %.4g s, C %.4g s, C ÷ numgrad %.2f", j, c, c / j}')
      [[ -n "$baseline" ]] && line+=$(awk -v b="${b_times[r]}" -v c="${c_times[r]}" \
        'BEGIN {printf ", baseline %.4g s, C ÷ baseline %.2f", b, c / b}')
      echo "$name($sizes) round $((r + 1)): $line" >&2
    fi
  done
  j=$(printf '%s\n' "${j_times[@]}" | median)
  c=$(printf '%s\n' "${c_times[@]}" | median)
  ratio=$(awk -v c="$c" -v j="$j" 'BEGIN {printf "%.2f", c / j}')
  row=$(printf '| %s(%s) | %.4g | %.4g | %s | %.2g | %.2g |' "$name" "$sizes" "$j" "$c" "$ratio" "$j_err" "$c_err")
  if [[ -n "$baseline" ]]; then
    b=$(printf '%s\n' "${b_times[@]}" | median)
    row+=$(printf ' %.4g | %s |' "$b" "$(awk -v c="$c" -v b="$b" 'BEGIN {printf "%.2f", c / b}')")
  fi
  echo "$row"
done
