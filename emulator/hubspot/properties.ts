// The properties the HubSpot emulator knows per object, with the enumerations it checks, from HubSpot's contacts
// and communications guides (docs/emulator.md, "HubSpot objects").
import { CrmError } from '../crm-kit/http.ts';
import type { ObjectType } from './state.ts';

interface PropertyDef {
  readOnly?: boolean;
  options?: string[];
  datetime?: boolean;
}

const common: Record<string, PropertyDef> = {
  hs_object_id: { readOnly: true },
  hubspot_owner_id: {},
};

export const PROPERTIES: Record<ObjectType, Record<string, PropertyDef>> = {
  contacts: {
    ...common,
    createdate: { readOnly: true, datetime: true },
    lastmodifieddate: { readOnly: true, datetime: true },
    firstname: {},
    lastname: {},
    email: {},
    phone: {},
    mobilephone: {},
    company: {},
    jobtitle: {},
    lifecyclestage: {},
  },
  communications: {
    ...common,
    hs_createdate: { readOnly: true, datetime: true },
    hs_lastmodifieddate: { readOnly: true, datetime: true },
    hs_communication_channel_type: {
      options: ['SMS', 'WHATS_APP', 'LINKEDIN_MESSAGE', 'PHYSICAL_MAIL', 'CUSTOM_CHANNEL_CONVERSATION'],
    },
    hs_communication_logged_from: { options: ['CRM'] },
    hs_communication_body: {},
    hs_timestamp: { datetime: true },
  },
};

export const DEFAULT_PROPERTIES: Record<ObjectType, string[]> = {
  contacts: ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'],
  communications: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
};

interface Invalid {
  isValid: false;
  message: string;
  error: string;
  name: string;
}

/** Checks a `properties` body; HubSpot answers every bad one at once as a VALIDATION_ERROR. */
export function checkProperties(type: ObjectType, body: unknown): Record<string, string | null> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new CrmError(
      400,
      'VALIDATION_ERROR',
      'Invalid input JSON: properties must be an object of property values',
    );
  }
  const defs = PROPERTIES[type];
  const invalid: Invalid[] = [];
  const out: Record<string, string | null> = {};
  for (const [name, raw] of Object.entries(body as Record<string, unknown>)) {
    const def = defs[name];
    if (!def) {
      invalid.push({
        isValid: false,
        message: `Property "${name}" does not exist`,
        error: 'PROPERTY_DOESNT_EXIST',
        name,
      });
      continue;
    }
    if (def.readOnly) {
      invalid.push({
        isValid: false,
        message: `"${name}" is a read only property; its value cannot be set.`,
        error: 'READ_ONLY_VALUE',
        name,
      });
      continue;
    }
    if (raw === null || raw === '') {
      out[name] = null;
      continue;
    }
    if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') {
      invalid.push({
        isValid: false,
        message: `${JSON.stringify(raw)} was not a valid value for ${name}`,
        error: 'INVALID_VALUE',
        name,
      });
      continue;
    }
    let value = String(raw);
    if (def.options && !def.options.includes(value)) {
      invalid.push({
        isValid: false,
        message: `${value} was not one of the allowed options: ${def.options.join(', ')}`,
        error: 'INVALID_OPTION',
        name,
      });
      continue;
    }
    if (def.datetime) {
      const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
      if (!Number.isFinite(ms)) {
        invalid.push({
          isValid: false,
          message: `${value} is not a valid datetime`,
          error: 'INVALID_DATETIME',
          name,
        });
        continue;
      }
      value = new Date(ms).toISOString();
    }
    if (value.length > 65_536) {
      invalid.push({
        isValid: false,
        message: `${name} is longer than 65536 characters`,
        error: 'INVALID_VALUE',
        name,
      });
      continue;
    }
    out[name] = value;
  }
  if (invalid.length) {
    throw new CrmError(400, 'VALIDATION_ERROR', `Property values were not valid: ${JSON.stringify(invalid)}`);
  }
  return out;
}
