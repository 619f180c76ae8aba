import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { getRedirectUri } from './redirect-uri';

describe('getRedirectUri', () => {
  it("is the browser's redirect URL for the extension's auth window", () => {
    fakeBrowser.reset();
    fakeBrowser.identity.getRedirectURL = () => 'https://abc.chromiumapp.org/';
    expect(getRedirectUri()).toBe('https://abc.chromiumapp.org/');
  });

  it('is what the options page uses, without importing the session (and the SDK with it)', () => {
    const dir = join(process.cwd(), 'entrypoints', 'options');
    const sources = readdirSync(dir)
      .filter((f) => /\.tsx?$/.test(f) && !f.includes('.test.'))
      .map((f) => readFileSync(join(dir, f), 'utf8'));
    expect(sources.some((s) => s.includes("from '@/lib/auth/redirect-uri'"))).toBe(true);
    expect(sources.filter((s) => /auth\/session|getRedirectURL/.test(s))).toEqual([]);
  });
});
