// How threads are named on screen: the customer by CRM name or formatted number, the resource by name.
import { nameWithSource, resolveName, type ContactBook } from '@/lib/contacts/names';
import { formatPhone } from '@/lib/format/phone';
import type { MessageThread } from '@/lib/rc/schemas';
import type { Resource } from '@/lib/storage';
import { resourceOf } from '@/lib/threads/rules';

/** The customer's name, said with its site when it is only a page hint ("Ana (from crm.example.com)"). */
export function customerName(t: MessageThread | undefined, names: Readonly<ContactBook>): string {
  return phoneName(t?.guestParty?.phoneNumber, names);
}

export function phoneName(phone: string | undefined, names: Readonly<ContactBook>): string {
  if (!phone) return '';
  const resolved = resolveName(names, phone);
  return resolved ? nameWithSource(resolved) : formatPhone(phone);
}

export function resourceLabel(t: MessageThread, resources: readonly Resource[]): string {
  return resourceOf(t, resources)?.name ?? t.owner.name ?? formatPhone(t.ownerParty?.phoneNumber);
}
