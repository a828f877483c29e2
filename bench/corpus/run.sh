#!/usr/bin/env bash
# The real-corpus comparison, as a Markdown fragment on stdout (bench/run.sh puts it into RESULTS.md):
# fetches the corpus (bench/corpus/fetch.sh) and sharp (npm, bench/sharp), then compresses every image with our vips
# engine, with sharp (same rule, same run, one image at a time on one libvips thread each) and, with
# CORPUS_MAGICK=1, with our Magick.NET engine; then the per-format table (corpus-compare).
#   CORPUS_OUT (default a temp dir)  where the per-image TSVs are kept
set -euo pipefail
cd "$(dirname "$0")/.."
out="${CORPUS_OUT:-$(mktemp -d)}"
bin=ImagePipeline.Benchmarks/bin/Release/net10.0/ImagePipeline.Benchmarks
tuned=(env MALLOC_ARENA_MAX=2 MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=4294967295)
corpus/fetch.sh
[ -d sharp/node_modules/sharp ] || (cd sharp && npm install --no-audit --no-fund >/dev/null)
[ -x "$bin" ] || dotnet build ImagePipeline.Benchmarks -c Release -nologo -v quiet >&2

"${tuned[@]}" "$bin" corpus --engine vips --dir corpus/files --out "$out/vips.tsv" 2>"$out/vips.log"
(cd sharp && node compress.mjs ../corpus/files "$out/vips.tsv" "$out/sharp.tsv" 2>"$out/sharp.log")
magick=()
if [ "${CORPUS_MAGICK:-0}" = 1 ]; then
  "${tuned[@]}" "$bin" corpus --engine magick --dir corpus/files --out "$out/magick.tsv" 2>"$out/magick.log"
  magick=(--magick "$out/magick.tsv")
fi
"$bin" corpus-compare --ours "$out/vips.tsv" --sharp "$out/sharp.tsv" "${magick[@]}"
echo
echo "- per-image rows: \`$out\` (vips.tsv, sharp.tsv$([ ${#magick[@]} -gt 0 ] && echo ', magick.tsv'))"
