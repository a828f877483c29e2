#!/usr/bin/env bash
# Builds the benchmarks in Release, runs every one, and writes bench/RESULTS.md: each figure with the command that
# produced it, the machine, the load average around it, and the baseline it is compared to.
#   BENCH_SECONDS (default 8)  timed window per measurement
#   BENCH_ROUNDS  (default 5)  interleaved rounds of the worker-vs-floor comparison
#   BENCH_MICRO   (default 1)  0 skips the BenchmarkDotNet single-image latencies
#   BENCH_SYSTEM  (default 1)  0 skips the whole-system sections (the real AppHost in local mode; ~15 min of the run)
#   BENCH_CORPUS  (default 1)  0 skips the real-corpus comparison with sharp (bench/corpus/run.sh; fetches Debian
#                              wallpaper packages and npm sharp; ~15 min with BENCH_CORPUS_MAGICK=1); with BENCH_SYSTEM=1
#                              also the 180-image corpus request and the re-sync benchmark through the AppHost (~10 min each)
#   BENCH_PROFILE (default 1)  0 skips the perf profiles of the worker and ingest processes (needs perf; ~4 min)
#   BENCH_E2E_IMAGES (1000), BENCH_SCALEOUT_IMAGES (300), BENCH_STATUS_IMAGES (300), BENCH_INGEST_ROWS (10000,100000),
#   BENCH_PAGES_PRODUCTS (10000)
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${BENCH_SECONDS:-8}"
rounds="${BENCH_ROUNDS:-5}"
micro="${BENCH_MICRO:-1}"
system="${BENCH_SYSTEM:-1}"
profile="${BENCH_PROFILE:-1}"
results=bench/RESULTS.md
partial="$(mktemp)"
bin=bench/ImagePipeline.Benchmarks/bin/Release/net10.0/ImagePipeline.Benchmarks
# what the AppHost sets for image-worker processes (AppHost/AppHost.cs); see ../shared notes on imaging
tuned=(env MALLOC_ARENA_MAX=2 MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=4294967295)
plain=(env -u MALLOC_ARENA_MAX -u MALLOC_MMAP_MAX_ -u MALLOC_TRIM_THRESHOLD_)

# Release: the system sections run the AppHost from this build, and the AppHost has its services run in its own build
# configuration (`dotnet run --no-build --configuration Release`); those commands refuse to measure anything else
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

section "Worker at 3 MP: where one image's CPU goes" \
  "the codec floor, in the same process in every round" \
  "${tuned[@]}" "$bin" worker-parts --seconds 4 --rounds 3

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

if [[ "${BENCH_CORPUS:-1}" == 1 ]]; then
  section "Real corpus: ours (vips engine) against sharp, same rule, same run" \
    "sharp 0.35.5 (its prebuilt libvips 8.18.7) on the same files, one image at a time on one libvips thread each; ratios are ours ÷ sharp's" \
    env CORPUS_MAGICK="${BENCH_CORPUS_MAGICK:-1}" bench/corpus/run.sh
fi

# BenchmarkDotNet's own log goes to stderr's log file; only its Markdown report goes into the results
micro_report() { "$@" | sed -n '/^<!-- markdown -->$/,$p' | tail -n +2; }

if [[ "$micro" == 1 ]]; then
  section "Single-image latency (BenchmarkDotNet, ShortRun, in-process, one thread)" \
    "none; per-image cost behind the floor's throughput" \
    micro_report "${tuned[@]}" "$bin" micro
fi

if [[ "$system" == 1 ]]; then
  # gateway and ingest as the AppHost runs them: no allocator settings (DCP passes this process's environment on)
  section "System: ingest at scale through gateway and ingest, no image workers (goal: upload answered < 3 s at 100,000 rows)" \
    "memory: the 10,000-row run against the 100,000-row run (a fresh AppHost each); upload answer: the 3 s goal, and ProductCsvReader's in-process read of the same file in the same process run" \
    "${plain[@]}" "$bin" system ingest --rows "${BENCH_INGEST_ROWS:-10000,100000}" --urls 3

  section "System: the gateway's memory for an upload of 9,000,020 bad URLs (issue 10; goal: answered < 1 s, peak growth < 64 MB)" \
    "a valid upload just under Csv:MaxBytes (20 MB) through the same gateway process, measured first" \
    "${plain[@]}" "$bin" system gateway-memory

  # the floor runs in this process, so it gets the workers' allocator settings (and the other services inherit them)
  section "System: end to end, one mixed request from upload to webhook (goal ≤ 1.3× the floor)" \
    "the floor on exactly the same images (ImageCompressor.Compress, nproc in parallel) in the same process run, while the AppHost is idle, before and after the request" \
    "${tuned[@]}" "$bin" system e2e --images "${BENCH_E2E_IMAGES:-1000}"

  if [[ "${BENCH_CORPUS:-1}" == 1 ]]; then
    section "System: the 180-image real-corpus request (60 products × 3) from upload to webhook (goal ≤ 1.3× the floor)" \
      "the floor on the same 180 corpus files (same engine, nproc in parallel) in the same process run, right before and after the request" \
      "${tuned[@]}" "$bin" system corpus --dir bench/corpus/files --images 180

    # gateway and ingest as the AppHost runs them; the AppHost gives the workers their allocator settings itself
    section "System: re-sync, the corpus catalogue sent again by one client (issue 21; goals for the unchanged second run: ≤ 5% of the first's worker CPU, ≤ 10% of its time to webhook, ≤ 1% of its bytes downloaded)" \
      "the first upload of the same catalogue on the same AppHost; for each URL in 5 products, the same slots with every slot its own URL" \
      "${plain[@]}" "$bin" system resync --dir bench/corpus/files
  fi

  section "System: scale-out, 1 then 2 worker replicas on the same request" \
    "each AppHost's own floor on the same images, measured while it is idle; then the 2-replica run against the 1-replica run" \
    "${tuned[@]}" "$bin" system scaleout --images "${BENCH_SCALEOUT_IMAGES:-300}" --image jpeg-3mp --replicas 1,2

  section "System: status latency, 50 pollers while a request runs" \
    "one poller on the same system while it is idle, same run" \
    "${plain[@]}" "$bin" system status --images "${BENCH_STATUS_IMAGES:-300}" --pollers 50 --idle-polls 300

  # issue 23: the console's calls on a finished 10,000-product request (~10 min, most of it processing the request)
  section "System: paging a ${BENCH_PAGES_PRODUCTS:-10000}-product request (issue 23; goal: well under a second per call)" \
    "the same paths straight to Ingest, in the same rounds (what the gateway adds)" \
    "${plain[@]}" "$bin" system pages --products "${BENCH_PAGES_PRODUCTS:-10000}"

  if [[ "$profile" == 1 ]]; then
    section "System: where the worker process's CPU goes (perf, during a 3 MP request through the AppHost)" \
      "none; the codec's native library against everything else in the same process" \
      bash bench/profile.sh ImagePipeline.ImageWorker 600
    section "System: where the ingest process's CPU goes (perf, same kind of request)" \
      "none; recording results against everything else in the same process" \
      bash bench/profile.sh ImagePipeline.Ingest 600
  fi
fi

cat >>"$partial" <<'MD'

## How to read the worker figures

- "worker, consumer+bus" is the real ProcessImageConsumer with its ConsumerDefinition (ImageWorker:Concurrency
  messages at once and prefetched, the codec gate at ImageWorker:CodecConcurrency = one per core) on MassTransit's
  in-memory transport, with production's retry and in-memory outbox, publishing ImageProcessed to a counter. "codec
  ungated (before)" is the same worker in the same process with the gate opened to the whole concurrency, as it was
  before the gate; "gated ÷ ungated" is the gate's before/after. "direct path" is one slot's work without the bus
  (ImageDownloader → codec gate → ImageCompressor → DirectoryFileStore.SaveAsync) on as many lanes as cores.
- Each cell gives images/s and CPU ms per image of the benchmark process. On this shared VM, wall-clock rates swing
  with the neighbours' load; CPU per image swings less, so both ratios are given. The worker-parts table breaks one
  image's CPU into its parts measured alone.
- The loopback image server runs in the same process and on the same cores, so serving ~1.3 MB per image is counted
  against the worker; in production that cost is on the image host. Logging providers are off in the benchmark.
- RabbitMQ is not in this figure (see notes/environment.md: 2,000–4,800 small persistent msg/s here, far above the
  codec's rate at 3 MP).

## How to read the system figures

- Each system command starts the real AppHost in local mode through Aspire.Hosting.Testing in the benchmark process
  (a private RabbitMQ node, SQLite files and a files directory under a temporary data directory; no dashboard; the
  services' OTLP exporter is switched off because nothing would receive it), waits until every service is healthy,
  and stops it all at the end. Services run as **Release** builds: the AppHost runs each with
  `dotnet run --no-build --configuration <its own build configuration>`, `run.sh` builds the benchmark (and with it
  the AppHost and every service) in Release, and each command reads the launchers' command lines and refuses to run
  on anything else.
- Images come from a loopback server in the benchmark process and the webhook goes to a loopback receiver there,
  on the same cores as the system: serving the bytes is counted against the system. Every measured request is
  preceded by a warm-up request on the same AppHost (JIT, first connections) and then a wait until the whole machine
  is quiet (at most 15% of the cores busy over 3 s, from `/proc/stat`): a fresh AppHost's services spend their first
  minute starting and recompiling hot methods, which took the floor measured right after start from 40 down to
  21–31 images/s in an earlier run.
- "Where the cores went" (e2e and scale-out) is each process's CPU time (`/proc/<pid>/stat`) over the measured
  request, as a share of all cores: the worker processes, each other service, the benchmark process (image server,
  webhook receiver and the AppHost itself, which runs in it), and the rest of the machine (RabbitMQ, DCP). With the
  workers' CPU per image next to the floor's, it splits the gap to the floor in two: the share of the cores the
  workers got, and what each image cost them.
- The profiles sample one service process with `perf` for 10 s in the middle of a scale-out request
  (`bench/profile.sh`). Kernel samples on this VM land mostly on `pvm_irq_enable`, where the paravirtualised kernel
  re-enables interrupts, so they stand for kernel time in general (scheduling, sockets, files), not one function.
- The floors in these sections are `FixedSetFloor`: ImageCompressor.Compress on exactly the images of the request,
  nproc at a time, in the benchmark process, measured while the AppHost is up and idle. They run with the workers'
  allocator settings; DCP passes the benchmark's environment on, so in the e2e and scale-out sections the gateway,
  ingest, export and notifier have those settings too (they do little of the work there).
- Ingest at scale runs with `ImageWorker:Replicas=0` (no worker process). RabbitMQ drops messages that no queue is
  bound to, so the benchmark declares the worker's own queue with the worker's own consumer definition
  (MassTransit's `DeployTopologyOnly`) before the upload. "Every ProcessImage queued" is timed by a passive queue
  declare every 50 ms (one cheap AMQP round trip; a `rabbitmqctl` run costs about a second of CPU per call here), and
  `rabbitmqctl list_queues` confirms the final count. Peak RSS is VmHWM of the service process (the launcher's
  child), reset (`clear_refs`) after a 10-row warm-up upload; the RSS just before the upload is in parentheses.
- Scale-out: "first → last result" is the span of the images' completion times as ingest recorded them (the workers'
  stretch, without upload, fan-out, export and webhook). Each run is divided by its own floor before the two runs are
  compared, so load that changed between the two AppHosts cancels out. With 2 cores, 2 replicas × 4 concurrent images
  share the same cores as 1 replica × 4, so the ratio measures what one more worker process costs, not a speed-up;
  bigger machines are where replicas add throughput.
- Status latency: the pollers call the gateway's endpoint as the AppHost publishes it (through DCP's proxy), each in
  a loop without pause (`--interval-ms` sets one), from the upload until the webhook arrives; the baseline polls the
  finished warm-up request while nothing runs.
MD

mv "$partial" "$results"
echo "wrote $results" >&2
