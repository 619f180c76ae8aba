import { describe, expect, it } from 'vitest';
import type { PhoneNumberInfo } from '../rc/account-schemas';
import { sharedNumberResources } from './shared-numbers';

const n = (p: Partial<PhoneNumberInfo> & { phoneNumber: string }): PhoneNumberInfo => ({
  features: ['SmsSender', 'CallerId'],
  ...p,
});

describe('sharedNumberResources', () => {
  it('keeps SMS-capable queue, site and IVR direct numbers and the company numbers, grouped by resource', () => {
    const out = sharedNumberResources(
      [
        n({
          phoneNumber: '+15550000001',
          usageType: 'DirectNumber',
          extension: { id: '11', type: 'Department', name: 'Support' },
        }),
        n({
          phoneNumber: '+15550000002',
          usageType: 'DirectNumber',
          extension: { id: '11', type: 'Department' },
        }),
        n({
          phoneNumber: '+15550000003',
          usageType: 'DirectNumber',
          extension: { id: '12', type: 'Site', name: 'West' },
        }),
        n({
          phoneNumber: '+15550000004',
          usageType: 'DirectNumber',
          extension: { id: '13', type: 'IvrMenu', name: 'Menu' },
        }),
        n({
          phoneNumber: '+15550000005',
          usageType: 'MainCompanyNumber',
          extension: { id: '1', type: 'Site' },
        }),
        n({ phoneNumber: '+15550000006', usageType: 'CompanyNumber' }),
        // Not shared: the agent's own direct number, a number without SmsSender, a fax number.
        n({ phoneNumber: '+15550000007', usageType: 'DirectNumber', extension: { id: '99', type: 'User' } }),
        n({
          phoneNumber: '+15550000008',
          usageType: 'DirectNumber',
          features: ['CallerId'],
          extension: { id: '14', type: 'Department' },
        }),
        n({ phoneNumber: '+15550000009', usageType: 'CompanyFaxNumber' }),
      ],
      { id: 'main-site', name: 'Acme HQ' },
    );
    expect(out).toEqual([
      { id: '11', type: 'Department', name: 'Support', sharedNumbers: ['+15550000001', '+15550000002'] },
      { id: '12', type: 'Site', name: 'West', sharedNumbers: ['+15550000003'] },
      { id: '13', type: 'IvrMenu', name: 'Menu', sharedNumbers: ['+15550000004'] },
      { id: '1', type: 'Site', name: 'Acme HQ', sharedNumbers: ['+15550000005'] },
      { id: 'main-site', type: 'Site', name: 'Acme HQ', sharedNumbers: ['+15550000006'] },
    ]);
  });

  it('returns nothing for an agent with only a personal number', () => {
    expect(
      sharedNumberResources([
        n({ phoneNumber: '+15550000007', usageType: 'DirectNumber', extension: { id: '9', type: 'User' } }),
      ]),
    ).toEqual([]);
  });
});
