import type { ContactRow } from '../../src/lib/export/contact.ts';

let id = 0;

/** A contact row with the given fields and every other one empty; ids count up across a test file. */
export const contact = (fields: Partial<ContactRow>): ContactRow => ({
  customerId: String(++id),
  email: null,
  firstName: null,
  lastName: null,
  fullName: null,
  phone: null,
  consent: null,
  ...fields,
});
