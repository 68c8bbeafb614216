import { metaEmail, metaName, metaPhone } from '../meta-normalize.ts';
import { sha256Hex } from '../sha256.ts';
import type { ToolFormat } from '../tool-format.ts';

const hashed = (value: string): string => (value ? sha256Hex(value) : '');

/**
 * Meta customer-list custom audience ("How to format a customer list"): identifier columns `email`,
 * `phone`, `fn`, `ln`, each normalised as Meta documents and SHA-256 hashed. A row needs an e-mail or a
 * phone: names alone do not identify anyone. Phones always carry their country code, so no `country`
 * column is needed (Meta asks for one only when phones lack it). No consent column: Meta has none.
 */
export const meta: ToolFormat = {
  id: 'meta',
  label: 'Meta custom audience',
  docsUrl: 'https://www.facebook.com/business/help/2082575038703844',
  hashed: true,
  usesPhone: true,
  identifier: 'email-or-phone',
  header: () => ['email', 'phone', 'fn', 'ln'],
  email: metaEmail,
  cells: (c) => [
    hashed(c.email ?? ''),
    hashed(c.phone ? metaPhone(c.phone) : ''),
    hashed(metaName(c.firstName)),
    hashed(metaName(c.lastName)),
  ],
};
