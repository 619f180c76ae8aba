// How threads are named on screen: the customer by CRM name or formatted number, the resource by name.
import { formatPhone } from '@/lib/format/phone';
import type { MessageThread } from '@/lib/rc/schemas';
import type { Resource } from '@/lib/storage';
import { inResource } from '@/lib/ui/inbox';

export function customerName(t: MessageThread | undefined, names: Readonly<Record<string, string>>): string {
  const phone = t?.guestParty?.phoneNumber;
  if (!phone) return '';
  return names[phone] ?? formatPhone(phone);
}

export function resourceOf(t: MessageThread, resources: readonly Resource[]): Resource | undefined {
  return resources.find((r) => inResource(t, r));
}

export function resourceLabel(t: MessageThread, resources: readonly Resource[]): string {
  return resourceOf(t, resources)?.name ?? t.owner.name ?? formatPhone(t.ownerParty?.phoneNumber);
}
