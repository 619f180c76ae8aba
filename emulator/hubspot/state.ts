// The HubSpot emulator's state: one portal, its private apps' access tokens, contacts, communications and
// associations, and the day's request count. Validated with zod when loaded from disk.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { crmPeople } from '../crm-kit/seed.ts';

const HsObject = z.object({
  id: z.string(),
  properties: z.record(z.string(), z.string().nullable()),
  createdAt: z.string(),
  updatedAt: z.string(),
  archived: z.boolean(),
});
export type HsObject = z.infer<typeof HsObject>;

export const HubSpotState = z.object({
  portalId: z.number().int(),
  counter: z.number().int(),
  privateApps: z.array(z.object({ name: z.string(), token: z.string(), scopes: z.array(z.string()) })),
  objects: z.object({
    contacts: z.record(z.string(), HsObject),
    communications: z.record(z.string(), HsObject),
  }),
  associations: z.array(
    z.object({
      fromType: z.string(),
      fromId: z.string(),
      toType: z.string(),
      toId: z.string(),
      typeId: z.number().int(),
      category: z.string(),
    }),
  ),
  daily: z.object({ day: z.string(), used: z.number().int() }),
});
export type HubSpotState = z.infer<typeof HubSpotState>;
export type ObjectType = keyof HubSpotState['objects'];

export const SCOPES = ['crm.objects.contacts.read', 'crm.objects.contacts.write'];

export function seedHubSpot(now: number): HubSpotState {
  const stamp = new Date(now).toISOString();
  const contacts: HubSpotState['objects']['contacts'] = {};
  let counter = 100;
  for (const person of crmPeople()) {
    counter += 1;
    const id = String(counter);
    contacts[id] = {
      id,
      properties: {
        firstname: person.firstName,
        lastname: person.lastName,
        phone: person.phone ?? null,
        mobilephone: person.mobile ?? null,
        company: person.company ?? null,
        email: null,
        hs_object_id: id,
        createdate: stamp,
        lastmodifieddate: stamp,
      },
      createdAt: stamp,
      updatedAt: stamp,
      archived: false,
    };
  }
  return {
    portalId: 24_681_357,
    counter: 40_000_000,
    privateApps: [{ name: 'ThreadDesk', token: `pat-na1-${randomUUID()}`, scopes: SCOPES }],
    objects: { contacts, communications: {} },
    associations: [],
    daily: { day: stamp.slice(0, 10), used: 0 },
  };
}
