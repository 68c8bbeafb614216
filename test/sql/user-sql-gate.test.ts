import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { userSqlRunner } from '../../src/lib/import/sql-runner.ts';
import { analyseSegments, countSegment, memberPage, profileSegment, readSegmentSchema } from '../../src/lib/segments/run-segments.ts';
import { segmentExportCsv } from '../../src/lib/segments/segment-export.ts';
import type { SegmentSchema } from '../../src/lib/segments/schema.ts';
import { condition, type Rule, type RuleGroup, type SegmentDefinition } from '../../src/lib/spec/segments.ts';
import { segmentBindSql, segmentCountSql } from '../../src/lib/sql/segment-sql.ts';
import { wrapUserSql } from '../../src/lib/sql/user-sql.ts';
import { SQL_PAYLOADS, type SqlPayload } from '../fixtures/sql-payloads.ts';
import { openEngine, type TestEngine } from './engine.ts';
import { databaseDigest } from './table-digest.ts';
import { GATE_ANALYSIS_DATE, GATE_FILES, loadGateData } from './gate-fixture.ts';

/** An engine with the two files loaded and analysed, as the page has it before segment work. */
async function loadedEngine(): Promise<TestEngine> {
  const db = await openEngine();
  for (const [name, csv] of Object.entries(GATE_FILES)) db.register(`uploads/${name}`, new TextEncoder().encode(csv));
  await loadGateData(db, (name) => `uploads/${name}`);
  return db;
}

const sqlSegment = (sql: string): SegmentDefinition => ({ kind: 'sql', sql });
/** How the compiler would wrap the text if no keyword check stood in the way. */
function compiledUnchecked(p: SqlPayload): string {
  const predicate = wrapUserSql({ kind: /^\s*(SELECT|WITH)\b/i.test(p.sql) ? 'query' : 'condition', sql: p.sql });
  return p.target === 'count' ? segmentCountSql(predicate) : segmentBindSql(predicate);
}
const REFUSAL = /^More than one statement|is not allowed: a segment is one condition|^One statement only/;

let db: TestEngine;
let schema: SegmentSchema;
let before: Record<string, string>;

beforeAll(async () => {
  db = await loadedEngine();
  schema = await readSegmentSchema(userSqlRunner(db), GATE_ANALYSIS_DATE);
  before = await databaseDigest(db);
});
afterAll(() => db.close());

describe('user SQL is one read-only SELECT, decided by the engine', () => {
  test('the positive control: without the gate, the smuggled statements run and change the database', async () => {
    const changed: string[] = [];
    for (const p of SQL_PAYLOADS.filter((p) => p.family.startsWith('dollar-quoted') || p.family.startsWith('tagged'))) {
      const control = await loadedEngine();
      try {
        const start = await databaseDigest(control);
        await control.exec(compiledUnchecked(p));
        if (JSON.stringify(await databaseDigest(control)) !== JSON.stringify(start)) changed.push(p.family);
      } finally {
        control.close();
      }
    }
    expect(changed).toEqual(['dollar-quoted $$', 'dollar-quoted $$ (query)', 'tagged $tag$', 'tagged $tag$ (query)']);
  });

  test('the gate alone refuses every compiled statement that holds more than one statement', async () => {
    const gate = userSqlRunner(db);
    const outcomes: string[] = [];
    for (const p of SQL_PAYLOADS) {
      const message = await gate.rows(compiledUnchecked(p)).then(
        () => 'ran as one SELECT',
        (e: Error) => e.message,
      );
      outcomes.push(`${p.family}: ${message.split('\n')[0]}`);
      if (p.sql.includes(';') && !p.unparsable) expect(message, p.family).toMatch(/^More than one statement/);
    }
    console.log(`gate alone, ${SQL_PAYLOADS.length} payloads:\n  ${outcomes.join('\n  ')}`);
    expect(await databaseDigest(db)).toEqual(before);
  });

  test.each(SQL_PAYLOADS)('$family: refused or harmless at every entry point, every table byte-identical', async (p) => {
    const gate = userSqlRunner(db);
    const definition = sqlSegment(p.sql);
    const results: string[] = [];
    const note = (where: string, message: string) => results.push(`${where}: ${message.split('\n')[0]}`);

    const count = await countSegment(gate, definition, schema);
    note('count', count.ok ? `${count.members} members` : count.error);
    const analysis = await analyseSegments(gate, [{ id: 'p', definition }], schema, 1);
    const segment = analysis.segments[0];
    note('analyse', segment.ok ? `${segment.kpis.customers} members` : segment.error);
    const reached = async (where: string, work: () => Promise<unknown>) =>
      note(
        where,
        await work().then(
          () => 'ran',
          (e: Error) => e.message,
        ),
      );
    await reached('profile', () => profileSegment(gate, definition, schema));
    await reached('members', () =>
      memberPage(gate, [definition], [], { offset: 0, limit: 50, sortColumn: 'customer_id', descending: false, search: '' }, schema),
    );
    await reached('export', () => segmentExportCsv(gate, [{ name: 'P', definition }], schema, null));

    expect(await databaseDigest(db), results.join('\n')).toEqual(before);
    if (/[;\u037e\uff1b]/.test(p.sql.replaceAll('$$;$$', ''))) {
      // A breakout: it ran nowhere, and where it was aimed the segment says why.
      expect(count.ok || segment.ok, results.join('\n')).toBe(false);
      const aimed = p.target === 'count' ? (count.ok ? '' : count.error) : segment.ok ? '' : segment.error;
      if (p.sql.includes(';') && !p.unparsable) expect(aimed, results.join('\n')).toMatch(REFUSAL);
    }
    console.log(`${p.family}\n  ${results.join('\n  ')}`);
  });
});

describe('SQL reached through "is in segment" goes through the same gate', () => {
  const reference = (name: string, member = true): SegmentDefinition => ({
    kind: 'rules',
    root: group({ type: 'segment', segment: 'p', member, name }),
  });

  test.each(SQL_PAYLOADS)('$family: referenced, refused or harmless at every entry point, every table byte-identical', async (p) => {
    const gate = userSqlRunner(db);
    // Disabled: its definition is still what "in" it means, so still compiled in.
    const library = [{ id: 'p', name: 'Payload', enabled: false, definition: sqlSegment(p.sql) }];
    const definition = reference('Payload', false);
    const results: string[] = [];
    const note = (where: string, message: string) => results.push(`${where}: ${message.split('\n')[0]}`);

    const count = await countSegment(gate, definition, schema, library);
    note('count', count.ok ? `${count.members} members` : count.error);
    const [segment] = (await analyseSegments(gate, [{ id: 'r', definition }], schema, 1, library)).segments;
    note('analyse', segment.ok ? `${segment.kpis.customers} members` : segment.error);
    const reached = async (where: string, work: () => Promise<unknown>) =>
      note(
        where,
        await work().then(
          () => 'ran',
          (e: Error) => e.message,
        ),
      );
    await reached('profile', () => profileSegment(gate, definition, schema, library));
    await reached('members', () =>
      memberPage(
        gate,
        [definition],
        [],
        { offset: 0, limit: 50, sortColumn: 'customer_id', descending: false, search: '' },
        schema,
        library,
      ),
    );
    await reached('export', () => segmentExportCsv(gate, [{ name: 'R', definition }], schema, null, library));

    expect(await databaseDigest(db), results.join('\n')).toEqual(before);
    if (/[;\u037e\uff1b]/.test(p.sql.replaceAll('$$;$$', ''))) {
      expect(count.ok || segment.ok, results.join('\n')).toBe(false);
      const aimed = p.target === 'count' ? (count.ok ? '' : count.error) : segment.ok ? '' : segment.error;
      if (p.sql.includes(';') && !p.unparsable) {
        expect(aimed, results.join('\n')).toMatch(/^In segment "Payload": /);
        expect(aimed.slice('In segment "Payload": '.length), results.join('\n')).toMatch(REFUSAL);
      }
    }
  });

  // Names go into the compiled SQL as comments: no name may end the comment and add SQL.
  const names = [`*/ OR true OR /*`, `*/ ; DROP TABLE orders; /*`, `x\n-- `, `/*`, `*/`, `x */ ) OR (true`];
  test.each(names)('a referenced segment named %j: a comment, never SQL, at every entry point', async (name) => {
    const gate = userSqlRunner(db);
    // York is b's city: one customer in it, three not.
    const library = [
      { id: 'p', name, enabled: true, definition: { kind: 'rules' as const, root: group(condition('city', 'eq', 'York')) } },
    ];
    for (const [member, members] of [
      [true, 1],
      [false, 3],
    ] as const) {
      const definition = reference(name, member);
      const count = await countSegment(gate, definition, schema, library);
      expect(count.ok && count.members, JSON.stringify(count)).toBe(members);
      const [segment] = (await analyseSegments(gate, [{ id: 'r', definition }], schema, 1, library)).segments;
      expect(segment.ok && segment.kpis.customers).toBe(members);
      const exported = await segmentExportCsv(gate, [{ name: 'R', definition }], schema, 0, library);
      expect(exported.trim().split('\n')).toHaveLength(1 + members);
    }
    expect(await databaseDigest(db)).toEqual(before);
  });
});

describe('rule values and column names are data, never SQL', () => {
  const breakouts = [
    `x'); DELETE FROM orders; --`,
    `x' OR 1=1) AS BOOLEAN); DROP TABLE customers; SELECT ((' `,
    `$$'; UPDATE customer_attributes SET city = 'p'; --$$`,
    `E'\\''; DELETE FROM orders; --`,
    `\\'; DELETE FROM orders; --`,
    `Leeds' /*`,
  ];
  test.each(breakouts)('value %s matches literally, at every entry point', async (value) => {
    const gate = userSqlRunner(db);
    const rules = (rule: Parameters<typeof group>[0]): SegmentDefinition => ({ kind: 'rules', root: group(rule) });
    // Only "is one of" with York matches anyone (b); the rest match the value literally, so no one.
    const cases: [SegmentDefinition, number][] = [
      [rules(condition('city', 'eq', value)), 0],
      [rules(condition('city', 'in', '', '', [value, 'York'])), 1],
      [rules(condition('city', 'contains', value)), 0],
      [rules({ type: 'orders', atLeast: 1, where: group(condition('product', 'starts_with', value)) }), 0],
    ];
    for (const [definition, members] of cases) {
      const count = await countSegment(gate, definition, schema);
      expect(count.ok && count.members, JSON.stringify(definition)).toBe(members);
      const [segment] = (await analyseSegments(gate, [{ id: 'r', definition }], schema, 1)).segments;
      expect(segment.ok).toBe(true);
      await segmentExportCsv(gate, [{ name: 'R', definition }], schema, 0);
    }
    expect(await databaseDigest(db)).toEqual(before);
  });

  test('a column name that is SQL is an unknown column, refused by name', async () => {
    const name = `city" = 'x'; DROP TABLE orders; --`;
    const count = await countSegment(userSqlRunner(db), { kind: 'rules', root: group(condition(name, 'eq', 'x')) }, schema);
    expect(count).toMatchObject({ ok: false, sql: null, needsColumns: [name] });
    expect(await databaseDigest(db)).toEqual(before);
  });
});

const group = (...rules: Rule[]): RuleGroup => ({ type: 'group', combine: 'and', rules });

describe('a segment the engine lock refuses', () => {
  test('says the lock refused it, as the console does', async () => {
    const count = await countSegment(userSqlRunner(db), sqlSegment(`SELECT customer_id FROM read_csv('http://127.0.0.1:9/x.csv')`), schema);
    expect(count.ok).toBe(false);
    expect(!count.ok && count.refused).toBe(true);
    expect(!count.ok && count.error).toMatch(/^Blocked by the engine lock/);
  });
});
