import { describe, expect, it } from 'vitest';
import { parseSiteOrigin } from './origin';

describe('parseSiteOrigin', () => {
  it('accepts https sites (scheme optional) and http only on this machine', () => {
    expect(parseSiteOrigin('crm.example.com/path')).toEqual({ ok: true, origin: 'https://crm.example.com' });
    expect(parseSiteOrigin('https://crm.example.com:8443/x')).toEqual({
      ok: true,
      origin: 'https://crm.example.com:8443',
    });
    expect(parseSiteOrigin('http://127.0.0.1:3000')).toEqual({ ok: true, origin: 'http://127.0.0.1:3000' });
    expect(parseSiteOrigin('http://crm.example.com').ok).toBe(false);
    expect(parseSiteOrigin('javascript:alert(1)').ok).toBe(false);
    expect(parseSiteOrigin('intranet').ok).toBe(false);
  });
});
