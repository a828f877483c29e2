#!/usr/bin/env bash
# Builds the benchmarks in Release, runs every one, and writes bench/RESULTS.md: each figure with the command that
# produced it, the machine, the load average around it, and the baseline it is compared to.
#   BENCH_SECONDS (default 8)  timed window per measurement
#   BENCH_ROUNDS  (default 5)  interleaved rounds of the worker-vs-floor comparison
#   BENCH_MICRO   (default 1)  0 skips the BenchmarkDotNet single-image latencies
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${BENCH_SECONDS:-8}"
rounds="${BENCH_ROUNDS:-5}"
micro="${BENCH_MICRO:-1}"
results=bench/RESULTS.md
partial="$(mktemp)"
bin=bench/ImagePipeline.Benchmarks/bin/Release/net10.0/ImagePipeline.Benchmarks
# what the AppHost sets for image-worker processes (AppHost/AppHost.cs); see ../shared notes on imaging
tuned=(env MALLOC_ARENA_MAX=2 MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=4294967295)
plain=(env -u MALLOC_ARENA_MAX -u MALLOC_MMAP_MAX_ -u MALLOC_TRIM_THRESHOLD_)

dotnet build bench/ImagePipeline.Benchmarks -c Release -nologo -v quiet

load() { cut -d' ' -f1-3 /proc/loadavg; }

# section TITLE BASELINE COMMAND...: runs the command, keeps its Markdown with how it was made
section() {
  local title="$1" baseline="$2"
  shift 2
  echo "== $title" >&2
  {
    echo
    echo "## $title"
    echo
    echo "- command: \`$*\`"
    echo "- baseline: $baseline"
    echo "- load average before (1/5/15 min): $(load); started $(date -u +%H:%M:%S) UTC"
    echo
    "$@"
    echo
    echo "- load average after: $(load); finished $(date -u +%H:%M:%S) UTC"
  } >>"$partial"
}

{
  echo "# Benchmark results"
  echo
  echo "Written by \`bench/run.sh\` on $(date -u '+%Y-%m-%d %H:%M') UTC (git $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo ', uncommitted changes')). Read figures as **ratios measured in the"
  echo "same run**: the machine is a shared VM and its load average is given with every section; absolute images/s are context."
  echo
  echo "| machine | |"
  echo "|---|---|"
  echo "| nproc | $(nproc) |"
  "$bin" machine
} >"$partial"

section "Codec floor (baseline), AppHost worker allocator settings" \
  "none: this is the baseline. ImageCompressor.Compress on in-memory images, Environment.ProcessorCount images at once" \
  "${tuned[@]}" "$bin" floor --seconds "$seconds"

section "Codec floor, glibc default allocator" \
  "the floor above (same images, same parallelism)" \
  "${plain[@]}" "$bin" floor --seconds "$seconds"

section "Allocator settings: tuned ÷ glibc default, alternating child processes" \
  "the floor under glibc defaults, measured alternately with the tuned floor" \
  "$bin" allocator --seconds "$seconds" --rounds 2

section "Worker throughput at 3 MP versus the floor (goal ≥ 0.9)" \
  "the floor at 3 MP, measured in the same process in every round (order rotating)" \
  "${tuned[@]}" "$bin" worker --seconds "$seconds" --rounds "$rounds"

{
  echo
  echo "## Ingest: ProductCsvReader over generated CSVs (3 URLs per row)"
  echo
  echo "- command: \`$bin ingest --rows N\`, one process per row count"
  echo "- baseline: the 10,000-row run; peak RSS should not grow with rows (allocations are garbage per row, not retained)"
  echo "- load average before: $(load)"
  echo
  echo "| rows | URLs | file | read time | rows/s | allocated | GC heap before → after | peak RSS while reading (VmHWM reset) | process PeakWorkingSet64 | load at end |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  "$bin" ingest --rows 10000
  "$bin" ingest --rows 100000
} >>"$partial"

# BenchmarkDotNet's own log goes to stderr's log file; only its Markdown report goes into the results
micro_report() { "$@" | sed -n '/^<!-- markdown -->$/,$p' | tail -n +2; }

if [[ "$micro" == 1 ]]; then
  section "Single-image latency (BenchmarkDotNet, ShortRun, in-process, one thread)" \
    "none; per-image cost behind the floor's throughput" \
    micro_report "${tuned[@]}" "$bin" micro
fi

cat >>"$partial" <<'MD'

## How to read the worker figures

- "direct" is one worker slot's work without the bus (ImageDownloader → ImageCompressor → DirectoryFileStore.SaveAsync),
  run on ImageWorker:Concurrency lanes and, for comparison, on as many lanes as cores. "consumer+bus" is the real
  ProcessImageConsumer with its ConsumerDefinition (concurrency and prefetch from ImageWorker:Concurrency) on
  MassTransit's in-memory transport, with production's retry and in-memory outbox, publishing ImageProcessed to a counter.
- The loopback image server runs in the same process and on the same cores, so serving ~1.3 MB per image is counted
  against the worker; in production that cost is on the image host. Logging providers are off in the benchmark.
- RabbitMQ is not in this figure (see notes/environment.md: 2,000–4,800 small persistent msg/s here, far above the
  codec's rate at 3 MP).

## Not yet measured

- **Scale-out** (1 vs 2 worker replicas through the AppHost, and images/s per worker process).
- **End to end**: a 1,000-image mixed request from upload to webhook versus the floor's time for the same images (goal ≤ 1.3×).
- **Ingest at scale through the services**: upload answer time for 100,000 rows (goal < 3 s), gateway and ingest peak
  memory, time to fan out every ProcessImage.
- **Status under load**: p50/p99 of `GET /api/requests/{id}` with 50 concurrent pollers while a request runs.
MD

mv "$partial" "$results"
echo "wrote $results" >&2
