import { describe, expect, it } from 'vitest';
import { retryAfterMs } from './http';

describe('retryAfterMs', () => {
  it("takes a CRM's Retry-After in seconds, else the CRM-specific wait", () => {
    expect(retryAfterMs(new Headers({ 'Retry-After': '30' }), 10_000)).toBe(30_000);
    expect(retryAfterMs(new Headers(), 10_000)).toBe(10_000);
    expect(retryAfterMs(new Headers({ 'Retry-After': '0' }), 1_000)).toBe(1_000);
    expect(retryAfterMs(new Headers({ 'Retry-After': 'soon' }), 1_000)).toBe(1_000);
  });
});
