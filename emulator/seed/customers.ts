// The seeded customers. The API has no names for phone numbers; the demo CRM page and the simulator show these.
// Numbers come from ranges reserved for fiction: +1 555 01xx…, UK +44 7700 900xxx, Australia +61 491 570 xxx.
export interface Customer {
  name: string;
  phoneNumber: string;
  company?: string;
}

const US = (n: number) => `+1555010${String(n).padStart(4, '0')}`;

export const CUSTOMERS: Customer[] = [
  { name: 'Eleanor Whitfield', phoneNumber: US(101), company: 'Whitfield Family Trust' },
  { name: 'Marcus Delgado', phoneNumber: US(102) },
  { name: 'Priya Raman', phoneNumber: US(103), company: 'Raman Dental Group' },
  { name: 'Thomas Okonkwo', phoneNumber: US(104) },
  { name: 'Grace Lindqvist', phoneNumber: US(105) },
  { name: 'Daniel Moreau', phoneNumber: US(106), company: 'Moreau Architects' },
  { name: 'Hannah Becker', phoneNumber: US(107) },
  { name: 'Luis Carvalho', phoneNumber: US(108) },
  { name: 'Aisha Mensah', phoneNumber: US(109) },
  { name: 'Robert Fairbanks', phoneNumber: US(110), company: 'Fairbanks Hardware' },
  { name: 'Mei Tanaka', phoneNumber: US(111) },
  { name: 'Owen Gallagher', phoneNumber: US(112) },
  { name: 'Sofia Petrakis', phoneNumber: US(113) },
  { name: 'Jamal Richardson', phoneNumber: US(114), company: 'Richardson Logistics' },
  { name: 'Ingrid Solberg', phoneNumber: US(115) },
  { name: 'Victor Almeida', phoneNumber: US(116) },
  { name: 'Chloe Martin', phoneNumber: US(117) },
  { name: 'Samuel Adeyemi', phoneNumber: US(118) },
  { name: 'Natalie Brooks', phoneNumber: US(119) },
  { name: 'Henry Castellanos', phoneNumber: US(120), company: 'Castellanos Vineyards' },
  { name: 'Yuki Nakamura', phoneNumber: US(121) },
  { name: 'Olivia Harrington', phoneNumber: US(122) },
  { name: 'Benjamin Cho', phoneNumber: US(123) },
  { name: 'Fatima Haddad', phoneNumber: US(124) },
  { name: 'George Papadopoulos', phoneNumber: US(125) },
  { name: 'Lena Fischer', phoneNumber: US(126) },
  { name: 'Kwame Asante', phoneNumber: US(127) },
  { name: 'Rosa Jimenez', phoneNumber: US(128), company: 'Jimenez Bakery' },
  { name: 'William Thornton', phoneNumber: US(129) },
  { name: 'Amara Nwosu', phoneNumber: US(130) },
  { name: 'Patrick Doyle', phoneNumber: US(131) },
  { name: 'Elena Popescu', phoneNumber: US(132) },
  { name: 'Arjun Mehta', phoneNumber: US(133) },
  { name: 'Claire Dubois', phoneNumber: US(134) },
  { name: 'Noah Feldman', phoneNumber: US(135) },
  { name: 'Zara Ahmed', phoneNumber: US(136) },
  { name: 'Oliver Pemberton', phoneNumber: '+447700900123', company: 'Pemberton & Sons' },
  { name: 'Isla Mackenzie', phoneNumber: '+447700900456' },
  { name: 'Freya Lawson', phoneNumber: '+447700900789' },
  { name: 'Jack Hennessy', phoneNumber: '+61491570156' },
  { name: 'Ruby Tran', phoneNumber: '+61491570157' },
  { name: 'Ethan Walsh', phoneNumber: US(137) },
];
