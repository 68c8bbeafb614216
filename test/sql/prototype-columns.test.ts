import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { customersCsv } from '../../src/lib/csv/customers-csv.ts';
import { userSqlRunner, type UserSqlRunner } from '../../src/lib/import/sql-runner.ts';
import { memberPage, profileSegment, readSegmentSchema, summarizeColumn } from '../../src/lib/segments/run-segments.ts';
import { segmentExportCsv } from '../../src/lib/segments/segment-export.ts';
import type { SegmentSchema } from '../../src/lib/segments/schema.ts';
import { condition } from '../../src/lib/spec/segments.ts';
import { exportCustomersSql } from '../../src/lib/sql/export.ts';
import { openEngine, type TestEngine } from './engine.ts';
import { loadCsvFixture } from './load-fixture.ts';

/** Column names that are also properties of every plain JavaScript object. */
const NAMES = ['__proto__', 'constructor', 'toString'];
const ORDERS = ['id,date,amount,__proto__', 'a,2024-01-05,10.50,web', 'b,2024-02-10,5.25,shop', 'a,2024-03-01,20,web'].join('\n');
const CUSTOMERS = ['id,__proto__,constructor,toString', 'a,p1,c1,t1', 'b,p2,c2,t2'].join('\n');

let db: TestEngine;
let gate: UserSqlRunner;
let schema: SegmentSchema;
const parse = (csv: string) => Papa.parse<string[]>(csv.trim()).data;

beforeAll(async () => {
  db = await openEngine();
  const texts = { 'proto-orders.csv': ORDERS, 'proto-customers.csv': CUSTOMERS };
  for (const [name, csv] of Object.entries(texts)) db.register(`uploads/${name}`, new TextEncoder().encode(csv));
  await loadCsvFixture(db, texts, (name) => `uploads/${name}`, '2024-06-01');
  gate = userSqlRunner(db);
  schema = await readSegmentSchema(gate, '2024-06-01');
});
afterAll(() => db.close());

describe('columns named __proto__, constructor and toString', () => {
  test('a result row keeps them as ordinary keys', async () => {
    const [row] = await db.rows(`SELECT 1 AS "__proto__", 2 AS "constructor", 3 AS "toString"`);
    expect(Object.keys(row)).toEqual(NAMES);
    expect([row['__proto__'], row['constructor'], row['toString']]).toEqual([1, 2, 3]);
  });

  test('the customers view and the segment schema have them', () => {
    expect(schema.customers.map((c) => c.name)).toEqual(expect.arrayContaining(NAMES));
    expect(schema.orders.map((c) => c.name)).toContain('__proto__');
  });

  test('"Export customers" keeps each column and its values', async () => {
    const [header, a, b] = parse(customersCsv(await db.rows(exportCustomersSql())));
    for (const name of NAMES) {
      const i = header.indexOf(name);
      expect(i, name).toBeGreaterThan(-1);
      expect([a[i], b[i]]).toEqual([`${name[0] === '_' ? 'p' : name[0]}1`, `${name[0] === '_' ? 'p' : name[0]}2`]);
    }
  });

  test('segment exports, member pages, profiles and value pickers show the values, never [object Object]', async () => {
    const definition = {
      kind: 'rules' as const,
      root: { type: 'group' as const, combine: 'and' as const, rules: [condition('__proto__', 'eq', 'p1')] },
    };
    const exported = await segmentExportCsv(gate, [{ name: 'toString', definition }], schema, null);
    expect(exported).not.toContain('[object Object]');
    const [header, a, b] = parse(exported);
    expect(header.filter((h) => NAMES.includes(h))).toEqual(NAMES);
    expect(header.at(-1)).toBe('toString (2)');
    expect([a[header.indexOf('constructor')], a.at(-1), b.at(-1)]).toEqual(['c1', 'true', 'false']);

    const members = parse(await segmentExportCsv(gate, [{ name: 'P', definition }], schema, 0));
    expect(members).toHaveLength(2);
    expect(members[1][members[0].indexOf('toString')]).toBe('t1');

    const page = await memberPage(
      gate,
      [definition],
      [],
      { offset: 0, limit: 10, sortColumn: 'constructor', descending: false, search: 't1' },
      schema,
    );
    expect(page.total).toBe(1);
    expect(page.rows[0][page.columns.indexOf('__proto__')]).toBe('p1');

    const profile = await profileSegment(gate, definition, schema);
    const proto = profile.attributes.find((p) => p.column === '__proto__');
    expect(proto?.kind === 'categorical' && proto.values.map((v) => v.value)).toEqual(['p1', 'p2']);

    const summary = await summarizeColumn(
      gate,
      'customers',
      schema.customers.find((c) => c.name === 'constructor')!,
      5,
    );
    expect(summary.top.map((t) => t.value)).toEqual(['c1', 'c2']);
  });
});
