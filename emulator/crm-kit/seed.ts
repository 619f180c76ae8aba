// The people both CRM emulators are seeded with: the RingCentral seed's customers (emulator/seed/customers.ts),
// their numbers stored in the assorted formats real CRMs hold (docs/emulator.md, "CRM seed"), plus a second
// person sharing one number and one customer left out so a thread with no CRM record exists.
import { CUSTOMERS, type Customer } from '../seed/customers.ts';

export interface CrmPerson {
  firstName: string;
  lastName: string;
  company?: string;
  /** How the CRM stores the number: formatted, not E.164. */
  phone?: string;
  mobile?: string;
  /** Where a CRM with leads puts this person. */
  kind: 'contact' | 'lead';
}

/** The customer with no CRM record. */
export const UNMATCHED_CUSTOMER = 'Ethan Walsh';
/** The number two CRM people share (a household). */
export const SHARED_NUMBER_CUSTOMER = 'Eleanor Whitfield';

function nanpFormats(e164: string): string[] {
  const d = e164.slice(2);
  const [a, b, c] = [d.slice(0, 3), d.slice(3, 6), d.slice(6)];
  return [`(${a}) ${b}-${c}`, `+1 ${a}-${b}-${c}`, d, `${a}.${b}.${c}`, e164, `1-${a}-${b}-${c}`];
}

function ukOrAuFormat(e164: string, i: number): string {
  if (e164.startsWith('+44'))
    return i % 2 ? `0${e164.slice(3, 7)} ${e164.slice(7)}` : `+44 ${e164.slice(3, 7)} ${e164.slice(7)}`;
  return `+61 ${e164.slice(3, 6)} ${e164.slice(6, 9)} ${e164.slice(9)}`;
}

/** The number as this CRM seed stores it: the format rotates through the list per customer. */
export function storedFormat(customer: Customer, index: number): string {
  if (!customer.phoneNumber.startsWith('+1')) return ukOrAuFormat(customer.phoneNumber, index);
  const formats = nanpFormats(customer.phoneNumber);
  return formats[index % formats.length] ?? customer.phoneNumber;
}

export function crmPeople(): CrmPerson[] {
  const people: CrmPerson[] = [];
  CUSTOMERS.forEach((customer, index) => {
    if (customer.name === UNMATCHED_CUSTOMER) return;
    const [firstName = '', ...rest] = customer.name.split(' ');
    const stored = storedFormat(customer, index);
    // Every fourth customer has the number as a mobile, so matching must look beyond the main phone field.
    const asMobile = index % 4 === 3;
    people.push({
      firstName,
      lastName: rest.join(' '),
      ...(customer.company ? { company: customer.company } : {}),
      ...(asMobile ? { mobile: stored } : { phone: stored }),
      // Every fifth customer is still a lead where the CRM has leads.
      kind: index % 5 === 2 ? 'lead' : 'contact',
    });
    if (customer.name === SHARED_NUMBER_CUSTOMER) {
      people.push({
        firstName: 'Arthur',
        lastName: 'Whitfield',
        ...(customer.company ? { company: customer.company } : {}),
        phone: storedFormat(customer, index + 1),
        kind: 'contact',
      });
    }
  });
  return people;
}
