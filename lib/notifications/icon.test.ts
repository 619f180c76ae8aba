import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, drawIcon, encodePng } from '../../scripts/make-icons';

const SIZES = [16, 32, 48, 128];
// Vitest runs from the project root (happy-dom's import.meta.url is not a file URL).
const file = (size: number) => readFileSync(join(process.cwd(), 'public', 'icon', `${size}.png`));

/** Splits a PNG into its chunks, checking each CRC. */
function chunks(png: Buffer): Array<{ type: string; data: Buffer }> {
  const out: Array<{ type: string; data: Buffer }> = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const body = png.subarray(at + 4, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(body));
    out.push({ type: body.subarray(0, 4).toString('ascii'), data: body.subarray(4) });
    at += 12 + length;
  }
  return out;
}

describe('extension icons (the notifications need /icon/128.png)', () => {
  it.each(SIZES)(
    'public/icon/%i.png is a valid RGBA PNG of that size, up to date with the script',
    (size) => {
      const png = file(size);
      expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      const parts = chunks(png);
      expect(parts.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
      const ihdr = parts[0]!.data;
      expect([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ihdr[8], ihdr[9]]).toEqual([size, size, 8, 6]);
      const raw = inflateSync(parts[1]!.data);
      expect(raw.length).toBe(size * (size * 4 + 1));
      const alpha = (x: number, y: number) => raw[y * (size * 4 + 1) + 1 + x * 4 + 3];
      // Rounded corners are transparent, the middle is opaque.
      expect(alpha(0, 0)).toBe(0);
      expect(alpha(size >> 1, size >> 1)).toBe(255);
      expect(png.equals(encodePng(size, size, drawIcon(size)))).toBe(true);
    },
  );

  it('draws a white bubble with teal lines on teal', () => {
    const px = drawIcon(128);
    const rgb = (x: number, y: number) => [...px.subarray((y * 128 + x) * 4, (y * 128 + x) * 4 + 3)];
    expect(rgb(10, 64)).toEqual([13, 128, 128]);
    expect(rgb(30, 35)).toEqual([255, 255, 255]);
    expect(rgb(64, 47)).toEqual([13, 128, 128]);
  });
});
