#!/usr/bin/env bash
# Where one service process's CPU goes while the system runs a request through the AppHost: `perf record` of that
# process for 10 s in the middle of `system scaleout`'s measured request, summed by shared object (the codec's native
# library, the kernel, libc, the .NET runtime, JIT-compiled code, the JIT). Prints Markdown.
#   bench/profile.sh [ASSEMBLY] [IMAGES]   ASSEMBLY defaults to ImagePipeline.ImageWorker, IMAGES to 600 (jpeg-3mp)
# Needs perf (linux-perf) and the Release build that bench/run.sh makes.
set -euo pipefail
cd "$(dirname "$0")/.."

target="${1:-ImagePipeline.ImageWorker}"
images="${2:-600}"
bin=bench/ImagePipeline.Benchmarks/bin/Release/net10.0/ImagePipeline.Benchmarks
command -v perf >/dev/null || { echo "perf is not installed: no profile." ; exit 0; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# the workers' allocator settings, as in the other system sections
env MALLOC_ARENA_MAX=2 MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=4294967295 \
  "$bin" system scaleout --images "$images" --image jpeg-3mp --replicas 1 >"$work/out.md" 2>"$work/err.log" &
bench=$!

# the benchmark says on stderr when it submits the measured request; a few seconds later the workers are at full speed
until grep -q "measured request submitted" "$work/err.log" 2>/dev/null; do
  kill -0 "$bench" 2>/dev/null || { echo "the benchmark ended before its measured request"; exit 1; }
  sleep 0.5
done
sleep 3
pid="$(pgrep -f "bin/Release/net10.0/$target\$" | head -1)"
perf record -F 499 -g -p "$pid" -o "$work/perf.data" -- sleep 10 >/dev/null 2>&1
wait "$bench"

echo "Process: \`$target\` (pid $pid), 1 worker replica, $images × jpeg-3mp; perf at 499 Hz for 10 s, starting 3 s after the upload."
echo
grep "^| 1 \|^- 1 " "$work/out.md" | sed 's/^/> /'
echo
echo "| shared object | share of the process's samples |"
echo "|---|---|"
perf report -i "$work/perf.data" --no-children --sort dso --stdio -g none 2>/dev/null \
  | grep -v '^#' | grep -v '^$' | head -8 \
  | awk '{ share=$1; $1=""; sub(/^ /, ""); print "| " $0 " | " share " |" }'
echo
total="$(perf report -i "$work/perf.data" --no-children --sort dso --stdio -n -g none 2>/dev/null | grep -v '^#' | awk 'NF { n += $2 } END { print n + 0 }')"
echo "$total samples in 10 s at 499 Hz: the process used $(awk -v s="$total" 'BEGIN { printf "%.0f", s / 49.9 }')% of one core on average."
