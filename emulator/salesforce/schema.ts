// The sObjects the Salesforce emulator knows, with the fields ThreadDesk reads or writes and the standard fields a
// client commonly selects. Types, lengths, required fields and picklists follow Salesforce's Object Reference
// (docs/emulator.md, "Salesforce": Contact, Lead, Account, Task).
export type FieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'phone'
  | 'email'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'reference'
  | 'picklist';

export interface FieldDef {
  type: FieldType;
  length?: number;
  /** Required on create (nillable false, no default). */
  required?: boolean;
  createable: boolean;
  updateable: boolean;
  picklist?: string[];
  /** A restricted picklist refuses values outside the list; an unrestricted one takes any value. */
  restricted?: boolean;
  defaultValue?: string | boolean;
  refersTo?: string[];
}

export interface SObjectDef {
  name: string;
  keyPrefix: string;
  fields: Record<string, FieldDef>;
}

const system = (): Record<string, FieldDef> => ({
  Id: { type: 'id', createable: false, updateable: false },
  OwnerId: { type: 'reference', createable: true, updateable: true, refersTo: ['User'] },
  CreatedById: { type: 'reference', createable: false, updateable: false, refersTo: ['User'] },
  CreatedDate: { type: 'datetime', createable: false, updateable: false },
  LastModifiedById: { type: 'reference', createable: false, updateable: false, refersTo: ['User'] },
  LastModifiedDate: { type: 'datetime', createable: false, updateable: false },
  SystemModstamp: { type: 'datetime', createable: false, updateable: false },
  IsDeleted: { type: 'boolean', createable: false, updateable: false, defaultValue: false },
});

const text = (length: number, required = false): FieldDef => ({
  type: 'string',
  length,
  createable: true,
  updateable: true,
  ...(required ? { required } : {}),
});
const phone = (): FieldDef => ({ type: 'phone', length: 40, createable: true, updateable: true });
const flag = (): FieldDef => ({ type: 'boolean', createable: true, updateable: true, defaultValue: false });
const computed = (type: FieldType, length?: number): FieldDef => ({
  type,
  createable: false,
  updateable: false,
  ...(length ? { length } : {}),
});

export const SOBJECTS: Record<string, SObjectDef> = {
  Account: {
    name: 'Account',
    keyPrefix: '001',
    fields: { ...system(), Name: text(255, true), Phone: phone(), Fax: phone(), Website: text(255) },
  },
  Contact: {
    name: 'Contact',
    keyPrefix: '003',
    fields: {
      ...system(),
      FirstName: text(40),
      LastName: text(80, true),
      Name: computed('string', 121),
      AccountId: { type: 'reference', createable: true, updateable: true, refersTo: ['Account'] },
      Phone: phone(),
      MobilePhone: phone(),
      HomePhone: phone(),
      OtherPhone: phone(),
      AssistantPhone: phone(),
      Fax: phone(),
      Email: { type: 'email', length: 80, createable: true, updateable: true },
      Title: text(128),
      HasOptedOutOfEmail: flag(),
      HasOptedOutOfFax: flag(),
      DoNotCall: flag(),
    },
  },
  Lead: {
    name: 'Lead',
    keyPrefix: '00Q',
    fields: {
      ...system(),
      FirstName: text(40),
      LastName: text(80, true),
      Name: computed('string', 121),
      Company: text(255, true),
      Phone: phone(),
      MobilePhone: phone(),
      Fax: phone(),
      Email: { type: 'email', length: 80, createable: true, updateable: true },
      Status: {
        type: 'picklist',
        createable: true,
        updateable: true,
        picklist: [
          'Open - Not Contacted',
          'Working - Contacted',
          'Closed - Converted',
          'Closed - Not Converted',
        ],
        defaultValue: 'Open - Not Contacted',
      },
      IsConverted: computed('boolean'),
      HasOptedOutOfEmail: flag(),
      HasOptedOutOfFax: flag(),
      DoNotCall: flag(),
    },
  },
  Task: {
    name: 'Task',
    keyPrefix: '00T',
    fields: {
      ...system(),
      Subject: text(255),
      Status: {
        type: 'picklist',
        createable: true,
        updateable: true,
        picklist: ['Not Started', 'In Progress', 'Completed', 'Waiting on someone else', 'Deferred'],
        defaultValue: 'Not Started',
      },
      Priority: {
        type: 'picklist',
        createable: true,
        updateable: true,
        picklist: ['High', 'Normal', 'Low'],
        defaultValue: 'Normal',
      },
      // TaskSubtype is set on create only and restricted to these values; there is no SMS subtype.
      TaskSubtype: {
        type: 'picklist',
        createable: true,
        updateable: false,
        picklist: ['Task', 'Email', 'ListEmail', 'Cadence', 'Call', 'LinkedIn'],
        restricted: true,
      },
      Type: {
        type: 'picklist',
        createable: true,
        updateable: true,
        picklist: ['Call', 'Email', 'Meeting', 'Other'],
      },
      WhoId: { type: 'reference', createable: true, updateable: true, refersTo: ['Contact', 'Lead'] },
      WhatId: { type: 'reference', createable: true, updateable: true, refersTo: ['Account'] },
      Description: { type: 'textarea', length: 32000, createable: true, updateable: true },
      ActivityDate: { type: 'date', createable: true, updateable: true },
      IsClosed: computed('boolean'),
    },
  },
};

export const PHONE_FIELDS = (def: SObjectDef): string[] =>
  Object.entries(def.fields)
    .filter(([, f]) => f.type === 'phone')
    .map(([name]) => name);

export function objectByName(name: string): SObjectDef | undefined {
  return Object.values(SOBJECTS).find((o) => o.name.toLowerCase() === name.toLowerCase());
}

export function objectById(id: string): SObjectDef | undefined {
  return Object.values(SOBJECTS).find((o) => id.startsWith(o.keyPrefix));
}

/** The field's canonical name, case-insensitively, like the API resolves names. */
export function fieldName(def: SObjectDef, name: string): string | undefined {
  return Object.keys(def.fields).find((f) => f.toLowerCase() === name.toLowerCase());
}
