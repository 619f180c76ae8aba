// Draws the ThreadDesk icon (a white speech bubble with two lines on a teal rounded square) into
// public/icon/<size>.png. Run with `npx tsx scripts/make-icons.ts`; the PNGs are committed, so this only
// runs when the design changes. Shapes are signed distance functions: coverage comes from the distance to the
// edge, which anti-aliases every size without supersampling.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZES = [16, 32, 48, 128];
const TEAL: Rgb = [13, 128, 128];
const WHITE: Rgb = [255, 255, 255];

type Rgb = [number, number, number];
/** Signed distance in pixels from a point to a shape's edge: negative inside. */
type Sdf = (x: number, y: number) => number;

function roundedRect(x0: number, y0: number, x1: number, y1: number, r: number): Sdf {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const hx = (x1 - x0) / 2 - r;
  const hy = (y1 - y0) / 2 - r;
  return (x, y) => {
    const qx = Math.abs(x - cx) - hx;
    const qy = Math.abs(y - cy) - hy;
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
  };
}

/** A convex polygon (points clockwise on screen): exact along edges, which is all anti-aliasing needs. */
function polygon(points: Array<[number, number]>): Sdf {
  const edges = points.map(([ax, ay], i) => {
    const [bx, by] = points[(i + 1) % points.length]!;
    const len = Math.hypot(bx - ax, by - ay);
    return { ax, ay, nx: (by - ay) / len, ny: -(bx - ax) / len };
  });
  return (x, y) => Math.max(...edges.map((e) => (x - e.ax) * e.nx + (y - e.ay) * e.ny));
}

const union =
  (...shapes: Sdf[]): Sdf =>
  (x, y) =>
    Math.min(...shapes.map((s) => s(x, y)));

const coverage = (d: number) => Math.min(1, Math.max(0, 0.5 - d));

/** RGBA pixels of the icon at `size`, row by row. */
export function drawIcon(size: number): Uint8Array {
  // At 16 px, edges on whole pixels keep the two lines apart instead of blurring into one grey bar.
  const u = (v: number) => (size <= 16 ? Math.round(v * size) : v * size);
  const background = roundedRect(0, 0, size, size, u(0.22));
  const bubble = union(
    roundedRect(u(0.18), u(0.2), u(0.82), u(0.68), u(0.12)),
    polygon([
      [u(0.3), u(0.6)],
      [u(0.48), u(0.6)],
      [u(0.28), u(0.84)],
    ]),
  );
  const thick = Math.max(1, u(0.08));
  const line = (top: number, x1: number) => roundedRect(u(0.3), top, x1, top + thick, thick / 2);
  const lines = union(line(u(0.33), u(0.7)), line(u(0.49), u(0.58)));

  const out = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      const white = coverage(bubble(px, py));
      const ink = coverage(lines(px, py));
      const i = (y * size + x) * 4;
      for (let c = 0; c < 3; c++) {
        const onBubble = TEAL[c]! + (WHITE[c]! - TEAL[c]!) * white;
        out[i + c] = Math.round(onBubble + (TEAL[c]! - onBubble) * ink);
      }
      out[i + 3] = Math.round(255 * coverage(background(px, py)));
    }
  }
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/** An 8-bit RGBA PNG: signature, IHDR, one IDAT (filter "none" on every row), IEND. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type RGBA, deflate, adaptive filters, no interlace
  const raw = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) {
    raw.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array()),
  ]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icon');
  mkdirSync(dir, { recursive: true });
  for (const size of SIZES) {
    writeFileSync(join(dir, `${size}.png`), encodePng(size, size, drawIcon(size)));
    console.log(`public/icon/${size}.png`);
  }
}
