// Reading what ThreadDesk logged, with the CRM's official client, for the CRM logging specs.
import { Client } from '@hubspot/api-client';
import { expect } from './fixtures.ts';

/** The HubSpot communications of a thread, read through the contact's associations: unlike CRM search, reads
 *  and associations are not behind the search index (docs/emulator.md, "HubSpot"), so a duplicate made a moment
 *  ago would show. */
export async function hubspotActivities(
  crm: { hubspot: { baseUrl: string; privateAppToken: string } },
  customer: { name: string },
  threadId: string,
) {
  const hubspot = new Client({
    accessToken: crm.hubspot.privateAppToken,
    basePath: crm.hubspot.baseUrl,
    numberOfApiCallRetries: 3,
  });
  const [firstname, lastname] = customer.name.split(' ');
  const found = await hubspot.crm.contacts.searchApi.doSearch({
    filterGroups: [
      {
        filters: [
          { propertyName: 'firstname', operator: 'EQ' as never, value: firstname ?? '' },
          { propertyName: 'lastname', operator: 'EQ' as never, value: lastname ?? '' },
        ],
      },
    ],
    properties: ['firstname', 'lastname'],
    limit: 10,
  });
  expect(found.results).toHaveLength(1);
  const contactId = found.results[0]!.id;
  const links = await hubspot.crm.associations.v4.basicApi.getPage('contacts', contactId, 'communications');
  if (!links.results.length) return [];
  const read = await hubspot.crm.objects.communications.batchApi.read({
    inputs: links.results.map((l) => ({ id: String(l.toObjectId) })),
    properties: ['hs_communication_body', 'hs_communication_channel_type'],
    propertiesWithHistory: [],
  });
  return read.results.filter((c) =>
    (c.properties.hs_communication_body ?? '').includes(`ThreadDesk thread ${threadId}</p>`),
  );
}
