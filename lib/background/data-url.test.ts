import { describe, expect, it } from 'vitest';
import { blobToDataUrl, dataUrlToBlob } from './data-url';

describe('data URLs', () => {
  it('round-trips bytes and type, including sizes over one chunk', async () => {
    const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7) % 256);
    const url = await blobToDataUrl(new Blob([bytes]), 'image/jpeg');
    expect(url.startsWith('data:image/jpeg;base64,')).toBe(true);
    const blob = dataUrlToBlob(url);
    expect(blob.type).toBe('image/jpeg');
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(bytes);
  });
});
