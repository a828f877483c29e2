// The peer: sharp (its prebuilt libvips) on the real corpus with the worker's rule, one image at a time on one
// libvips thread, writing the same TSV columns as `ImagePipeline.Benchmarks corpus`.
//   node compress.mjs <corpus dir> <ours.tsv> <out.tsv>
// ours.tsv gives each JPEG's output quality (round(Q/2) of the source's estimate, which sharp cannot read) so both
// sides write the same quality. The rule: auto-orient, sRGB, no metadata; JPEG at that quality with optimised Huffman
// coding and the source's chroma subsampling; WebP at 50 (every frame); PNG as a libimagequant palette at quality 50
// (dithered, alpha kept) when smaller than the source, else lossless at zlib 6 with adaptive filtering (sharp has no
// SSIM check: it never rejects a palette, so its PNG CPU is a lower bound for ours); GIF re-encoded with its palette
// reused; the source kept whenever the output is not smaller.
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

const [dir, oursPath, outPath] = process.argv.slice(2);
sharp.concurrency(1);
sharp.cache(false);

const quality = new Map();
for (const line of fs.readFileSync(oursPath, 'utf8').split('\n').slice(1)) {
  const f = line.split('\t');
  if (f.length > 6 && f[6].startsWith('q')) quality.set(f[0], Number(f[6].slice(1)));
}

async function encode(name, source) {
  const meta = await sharp(source).metadata();
  const animated = (meta.pages ?? 1) > 1;
  const image = () => sharp(source, { animated, failOn: 'truncated' }).rotate();
  switch (meta.format) {
    case 'jpeg':
      return [await image().jpeg({
        quality: quality.get(name) ?? 50,
        optimiseCoding: true,
        chromaSubsampling: meta.chromaSubsampling === '4:4:4' ? '4:4:4' : '4:2:0',
      }).toBuffer(), 'jpeg'];
    case 'webp':
      return [await image().webp({ quality: 50, effort: 4 }).toBuffer(), 'webp'];
    case 'gif':
      return [await image().gif({ reuse: true, effort: 7 }).toBuffer(), 'gif'];
    case 'png': {
      const palette = await image().png({ palette: true, quality: 50, dither: 1.0, effort: 7, compressionLevel: 6 }).toBuffer();
      if (palette.length < source.length) return [palette, 'png'];
      return [await image().png({ compressionLevel: 6, adaptiveFiltering: true }).toBuffer(), 'png'];
    }
    default:
      throw new Error(`unsupported ${meta.format}`);
  }
}

const files = fs.readdirSync(dir).sort();
// warm: the first image pays for loading libvips
await encode(files[0], fs.readFileSync(path.join(dir, files[0]))).catch(() => {});
const rows = ['name\tformat\tbytes_in\tbytes_out\tcpu_ms\twall_ms\toutcome'];
for (const name of files) {
  const source = fs.readFileSync(path.join(dir, name));
  const cpu = process.cpuUsage();
  const wall = process.hrtime.bigint();
  let format = path.extname(name).slice(1), out = source.length, outcome;
  try {
    const [buffer, f] = await encode(name, source);
    format = f;
    outcome = buffer.length < source.length ? 'encoded' : 'kept';
    out = Math.min(buffer.length, source.length);
  } catch (e) {
    outcome = 'failed';
  }
  const used = process.cpuUsage(cpu);
  const row = [name, format, source.length, out, ((used.user + used.system) / 1000).toFixed(1),
    (Number(process.hrtime.bigint() - wall) / 1e6).toFixed(1), outcome].join('\t');
  rows.push(row);
  process.stderr.write(row + '\n');
}
fs.writeFileSync(outPath, rows.join('\n') + '\n');
