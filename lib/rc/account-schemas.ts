// Account endpoints around thread messaging (docs/emulator.md, Account endpoints), validated at the boundary. Only the fields we use
// are declared; ids that the spec types as int64 are accepted as numbers or strings and kept as strings.
import { z } from 'zod';

const IdString = z.union([z.string(), z.number()]).transform(String);

export const ExtensionInfo = z.object({
  id: IdString,
  name: z.string().optional(),
  extensionNumber: z.string().optional(),
  type: z.string().optional(),
  account: z.object({ id: IdString }).optional(),
  contact: z.object({ firstName: z.string().optional(), lastName: z.string().optional() }).optional(),
  site: z.object({ id: IdString, name: z.string().optional() }).optional(),
});
export type ExtensionInfo = z.infer<typeof ExtensionInfo>;

export const FeatureInfo = z.object({
  id: z.string(),
  available: z.boolean(),
  params: z.array(z.object({ name: z.string(), value: z.string().optional() })).optional(),
  reason: z.object({ code: z.string().optional(), message: z.string().optional() }).optional(),
});
export const FeatureList = z.object({ records: z.array(FeatureInfo) });

const Paging = z.object({ page: z.number().optional(), totalPages: z.number().optional() }).optional();

export const PhoneNumberInfo = z.object({
  id: IdString.optional(),
  phoneNumber: z.string(),
  usageType: z.string().optional(),
  features: z.array(z.string()).optional(),
  label: z.string().optional(),
  extension: z
    .object({
      id: IdString.optional(),
      type: z.string().optional(),
      name: z.string().optional(),
      extensionNumber: z.string().optional(),
    })
    .optional(),
});
export type PhoneNumberInfo = z.infer<typeof PhoneNumberInfo>;
export const PhoneNumberList = z.object({ records: z.array(PhoneNumberInfo), paging: Paging });

export const SmsRecipient = z.object({
  id: IdString.optional(),
  name: z.string().optional(),
  extensionNumber: z.string().optional(),
  extensionType: z.string().optional(),
  assignable: z.boolean().optional(),
  hasLicense: z.boolean().optional(),
});
export type SmsRecipient = z.infer<typeof SmsRecipient>;
export const SmsRecipientList = z.object({ smsRecipients: z.array(SmsRecipient).default([]) });

const NamedRecord = z.object({
  id: IdString,
  name: z.string().optional(),
  extensionNumber: z.string().optional(),
  type: z.string().optional(),
});
export type NamedRecord = z.infer<typeof NamedRecord>;
export const NamedRecordList = z.object({ records: z.array(NamedRecord), paging: Paging });

/** One grant of GET …/extension/~/grant: what the agent may do for another extension (a call queue here). */
const GrantInfo = z.object({
  extension: z.object({ id: IdString, type: z.string().optional() }).optional(),
  callQueueSmsRecipient: z.boolean().optional(),
});
// Grants are read one by one: a grant we cannot read is left out, not a reason to refuse the list.
export const GrantList = z.object({
  records: z.array(z.unknown()).transform((raws) =>
    raws.flatMap((raw) => {
      const r = GrantInfo.safeParse(raw);
      return r.success ? [r.data] : [];
    }),
  ),
});
