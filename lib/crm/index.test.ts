import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { adapterFor, isEmulatorBuild, isKnownCrmUrl, knownAdapterFor, knownCrmMatches } from './index';
import {
  customCrmRegistration,
  originMatchPattern,
  CUSTOM_CRM_SCRIPT_ID,
  CRM_SCRIPT_FILE,
} from './registration';

describe('adapter choice by URL', () => {
  // Tests run as an emulator build does (the demo CRM known); production builds are checked in
  // e2e/manifest.spec.ts and below.
  beforeAll(() => vi.stubEnv('WXT_RC_SERVER', 'http://127.0.0.1:8600'));
  afterAll(() => vi.unstubAllEnvs());

  it.each([
    ['https://acme.lightning.force.com/lightning/r/Contact/003/view', 'salesforce'],
    ['https://acme.my.salesforce.com/003xx', 'salesforce'],
    ['https://app.hubspot.com/contacts/123/objects/0-1/views/all/list', 'hubspot'],
    ['https://app-eu1.hubspot.com/contacts/1', 'hubspot'],
    ['https://crm.zoho.com/crm/org1/tab/Contacts', 'zoho'],
    ['https://crm.zoho.eu/crm/tab/Leads', 'zoho'],
    ['https://crm.zohocloud.ca/crm/tab/Leads', 'zoho'],
    ['https://acme.pipedrive.com/person/42', 'pipedrive'],
    ['https://acme.crm.dynamics.com/main.aspx?etn=contact', 'dynamics'],
    ['https://acme.crm4.dynamics.com/main.aspx', 'dynamics'],
    ['http://127.0.0.1:8787/crm/demo.html', 'demo'],
    ['http://localhost:3000/crm/hubspot.html', 'demo'],
  ])('%s is %s', (url, id) => {
    expect(adapterFor(url).id).toBe(id);
    expect(isKnownCrmUrl(url)).toBe(true);
  });

  it.each([
    'https://crm.example.com/contacts',
    'http://acme.lightning.force.com/',
    'https://lightning.force.com.evil.example/',
    'https://app.hubspot.com.evil.example/',
    'https://crm.zoho.com.evil.example/',
    'https://pipedrive.com.evil.example/',
    'https://acme.crm.dynamics.com.evil.example/',
    'http://127.0.0.1:8787/simulator',
    'not a url',
  ])('%s is no known CRM and gets the generic adapter', (url) => {
    expect(knownAdapterFor(url)).toBeUndefined();
    expect(isKnownCrmUrl(url)).toBe(false);
    expect(adapterFor(url).id).toBe('generic');
  });

  it('matches the demo CRM on loopback only in emulator builds', () => {
    expect(isEmulatorBuild('http://127.0.0.1:8600')).toBe(true);
    expect(isEmulatorBuild('https://platform.ringcentral.com')).toBe(false);
    expect(isEmulatorBuild('')).toBe(false);
    expect(knownCrmMatches(false).filter((m) => /localhost|127\.0\.0\.1/.test(m))).toEqual([]);
    vi.stubEnv('WXT_RC_SERVER', 'https://platform.ringcentral.com');
    expect(knownAdapterFor('http://127.0.0.1:8787/crm/demo.html')).toBeUndefined();
    vi.stubEnv('WXT_RC_SERVER', 'http://127.0.0.1:8600');
    expect(knownCrmMatches(true)).toEqual(
      expect.arrayContaining(['http://127.0.0.1/crm/*', 'http://localhost/crm/*']),
    );
  });

  it('declares a match pattern for every known CRM, never one for all sites', () => {
    const matches = knownCrmMatches(true);
    expect(matches).toEqual(
      expect.arrayContaining(['https://*.lightning.force.com/*', 'http://localhost/crm/*']),
    );
    expect(matches.some((m) => /^\w+:\/\/\*\/|<all_urls>/.test(m))).toBe(false);
    for (const pattern of matches) {
      const sample = pattern.replace('*.', 'acme.').replace(/\*$/, 'x');
      expect(isKnownCrmUrl(sample), sample).toBe(true);
    }
  });
});

describe('custom site registration', () => {
  it('registers the crm content script for the enabled origins, ports dropped', () => {
    expect(customCrmRegistration(['https://crm.example.com', 'https://intranet.example.org:8443'])).toEqual({
      id: CUSTOM_CRM_SCRIPT_ID,
      matches: ['https://crm.example.com/*', 'https://intranet.example.org/*'],
      js: [CRM_SCRIPT_FILE],
      runAt: 'document_idle',
      allFrames: false,
      persistAcrossSessions: true,
    });
  });

  it('leaves out known CRMs, invalid and insecure origins, and registers nothing for none', () => {
    expect(
      customCrmRegistration(['https://acme.lightning.force.com', 'http://crm.example.com', 'nope']),
    ).toBeUndefined();
    expect(customCrmRegistration([])).toBeUndefined();
    expect(originMatchPattern('http://localhost:5173')).toBe('http://localhost/*');
    expect(originMatchPattern('ftp://example.com')).toBeUndefined();
  });
});
