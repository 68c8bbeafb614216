import { beforeAll, describe, expect, test } from 'vitest';
import { readConsent } from '../../src/lib/contacts/consent.ts';
import { runImport } from '../../src/lib/import/run-import.ts';
import { consentSql } from '../../src/lib/sql/contacts.ts';
import { defaultImportSpec, defaultParseOptions, type FileImport, type FileKind, type Role } from '../../src/lib/spec/import.ts';
import { csvRegistration } from './csv-registration.ts';
import { openEngine, type TestEngine } from './engine.ts';

let db: TestEngine;
let counter = 0;
beforeAll(async () => {
  db = await openEngine();
});

interface Fixture {
  csv: string;
  kind: FileKind;
  roles: Record<string, Role>;
}

/** Imports CSV fixtures through the real pipeline and returns `customer_contacts` by id. */
async function contacts(...fixtures: Fixture[]) {
  const files: FileImport[] = fixtures.map((f) => {
    const name = `contacts-${++counter}.csv`;
    db.register(`uploads/${name}`, new TextEncoder().encode(f.csv));
    const header = f.csv.split('\n')[0].split(',');
    return { name, kind: f.kind, parse: defaultParseOptions(), columns: header.map((h) => ({ name: h, role: f.roles[h] ?? 'attribute' })) };
  });
  await runImport(
    db,
    defaultImportSpec(files),
    files.map((f, i) => csvRegistration(f, fixtures[i].csv)),
  );
  const rows = await db.rows('SELECT * FROM customer_contacts ORDER BY customer_id');
  return Object.fromEntries(rows.map((r) => [String(r.customer_id), { ...r, customer_id: undefined }]));
}

const ORDER_ROLES: Record<string, Role> = { id: 'customer_id', order: 'order_id', date: 'order_date', amount: 'amount' };

describe('customer_contacts', () => {
  test("without a customers file, each field is the customer's latest non-empty value in the transactions", async () => {
    const csv = [
      'id,order,date,amount,mail,phone,optin',
      'A,1,2024-01-03,10,new@example.com,,no',
      'A,2,2024-01-01,10,old@example.com,+44 20 7946 0001,yes',
      'A,3,2024-01-02,10,middle@example.com,,',
      'B,4,2024-01-01,10,,,',
    ].join('\n');
    const got = await contacts({ csv, kind: 'transactions', roles: { ...ORDER_ROLES, mail: 'email', phone: 'phone', optin: 'consent' } });
    expect(got.A).toMatchObject({ email: 'new@example.com', phone: '+44 20 7946 0001', consent: false });
    expect(got.B).toMatchObject({ email: null, phone: null, consent: null });
  });

  test('a customers file wins where it has a value; the transactions fill the rest', async () => {
    const orders = [
      'id,order,date,amount,mail,first',
      'A,1,2024-01-01,10,orders@example.com,Ann',
      'B,2,2024-01-01,10,b@example.com,Bo',
      'D,3,2024-01-01,10,d@example.com,Di',
    ].join('\n');
    const people = ['id,email,accepts_email_marketing', 'A,file@example.com,yes', 'B,,SUBSCRIBED', 'C,c@example.com,no'].join('\n');
    const got = await contacts(
      { csv: orders, kind: 'transactions', roles: { ...ORDER_ROLES, mail: 'email', first: 'first_name' } },
      { csv: people, kind: 'customers', roles: { id: 'customer_id', email: 'email', accepts_email_marketing: 'consent' } },
    );
    expect(got.A).toMatchObject({ email: 'file@example.com', first_name: 'Ann', consent: true });
    expect(got.B).toMatchObject({ email: 'b@example.com', first_name: 'Bo', consent: true });
    // A customer who never bought is in the customers file, so in the contacts too.
    expect(got.C).toMatchObject({ email: 'c@example.com', consent: false });
    // A buyer missing from the customers file keeps the transactions' contacts.
    expect(got.D).toMatchObject({ email: 'd@example.com', first_name: 'Di', consent: null });
    expect(Object.keys(got).sort()).toEqual(['A', 'B', 'C', 'D']);
  });

  test('an id that is an e-mail address is the e-mail when nothing else gives one', async () => {
    const csv = ['id,order,date,amount', 'ann@example.com,1,2024-01-01,10', 'C42,2,2024-01-01,10'].join('\n');
    const got = await contacts({ csv, kind: 'transactions', roles: ORDER_ROLES });
    expect(got['ann@example.com']).toMatchObject({ email: 'ann@example.com' });
    expect(got.C42).toMatchObject({ email: null });
  });

  test('contact columns are not order attributes, and attributes cannot shadow them', async () => {
    const csv = ['id,order,date,amount,mail,contact_email', 'A,1,2024-01-01,10,a@example.com,kept'].join('\n');
    await contacts({ csv, kind: 'transactions', roles: { ...ORDER_ROLES, mail: 'email' } });
    const columns = (await db.rows(`SELECT name FROM pragma_table_info('orders')`)).map((r) => String(r.name));
    expect(columns).not.toContain('mail');
    expect(columns).toContain('contact_email_2');
  });
});

describe('consent values', () => {
  const values = ['yes', ' Yes ', 'no', 'TRUE', '0', 'SUBSCRIBED', 'never_subscribed', 'pending', 'Marketing contact', 'maybe', ''];
  test('SQL reads consent as the TypeScript reader does', async () => {
    const [row] = await db.rows(`SELECT ${values.map((v, i) => `${consentSql(`'${v}'`)} AS v${i}`).join(', ')}`);
    expect(values.map((_, i) => row[`v${i}`])).toEqual(values.map(readConsent));
    expect(values.map(readConsent)).toEqual([true, true, false, true, false, true, false, false, true, null, null]);
  });
});
