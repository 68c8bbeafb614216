import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openNativeDb } from '../../src/cli/native-db.ts';
import { userSqlRunner, type PreparingRunner, type UserSqlRunner } from '../../src/lib/import/sql-runner.ts';
import {
  analyseSegments,
  countSegment,
  memberPage,
  profileSegment,
  readSegmentSchema,
  summarizeColumn,
} from '../../src/lib/segments/run-segments.ts';
import type { SegmentSchema } from '../../src/lib/segments/schema.ts';
import { segmentTemplates } from '../../src/lib/spec/segment-templates.ts';
import { condition } from '../../src/lib/spec/segments.ts';
import { openEngine } from './engine.ts';
import { loadCsvFixture } from './load-fixture.ts';

/** Ten customers whose spend has thousandths and cents: 0.005, 19.99 and their sums. */
const SPEND: Record<string, string[]> = {
  a: ['0.005'],
  b: ['0.005', '0.005'],
  c: ['0.01'],
  d: ['19.99'],
  e: ['19.99', '0.005'],
  f: ['19.99', '19.99'],
  g: ['0.005', '19.99', '19.99'],
  h: ['39.98'],
  i: ['59.97'],
  j: ['100.005'],
};
const CSV = ['id,order,date,amount'];
let n = 0;
for (const [id, amounts] of Object.entries(SPEND))
  for (const amount of amounts) CSV.push(`${id},o${++n},2024-0${1 + (n % 9)}-1${n % 9},${amount}`);

/** The same checks on the browser's engine and on native DuckDB (the command line's). */
const engines: [string, () => Promise<{ db: PreparingRunner & { close(): void }; path: string; cleanup?: () => void }>][] = [
  [
    'wasm',
    async () => {
      const db = await openEngine();
      db.register('uploads/fractions.csv', new TextEncoder().encode(CSV.join('\n')));
      return { db, path: 'uploads/fractions.csv' };
    },
  ],
  [
    'native',
    async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'sw-fractions-'));
      writeFileSync(path.join(dir, 'fractions.csv'), CSV.join('\n'));
      return {
        db: await openNativeDb(1),
        path: path.join(dir, 'fractions.csv'),
        cleanup: () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  ],
];

describe.each(engines)('fractional amounts on %s DuckDB', (_, open) => {
  let engine: Awaited<ReturnType<(typeof engines)[number][1]>>;
  let gate: UserSqlRunner;
  let schema: SegmentSchema;
  beforeAll(async () => {
    engine = await open();
    await loadCsvFixture(engine.db, { 'fractions.csv': CSV.join('\n') }, () => engine.path, '2024-12-31');
    gate = userSqlRunner(engine.db);
    schema = await readSegmentSchema(gate, '2024-12-31');
  });
  afterAll(() => {
    engine.db.close();
    engine.cleanup?.();
  });
  const rules = (...items: ReturnType<typeof condition>[]) => ({
    kind: 'rules' as const,
    root: { type: 'group' as const, combine: 'and' as const, rules: items },
  });

  test('segment analysis: the exact revenue, and counts at a thousandth', async () => {
    const small = rules(condition('monetary', 'lte', '0.01'));
    expect(await countSegment(gate, small, schema)).toMatchObject({ ok: true, members: 3 });
    expect(await countSegment(gate, rules(condition('monetary', 'eq', '0.005')), schema)).toMatchObject({ ok: true, members: 1 });
    const analysis = await analyseSegments(gate, [{ id: 's', definition: small }], schema, 1);
    const [segment] = analysis.segments;
    expect(segment.ok && segment.kpis.revenueText).toMatch(/^0\.0250*$/);
    expect(analysis.base.revenueText).toMatch(/^319\.9300*$/);
  });

  test('profiles, column summaries and member pages show the exact values', async () => {
    const everyone = rules();
    const profile = await profileSegment(gate, rules(condition('monetary', 'gt', '19.99')), schema);
    const monetary = profile.attributes.find((a) => a.column === 'monetary');
    // e 19.995, f 39.98, g 39.985, h 39.98, i 59.97, j 100.005
    expect(monetary?.kind === 'numeric' && monetary.meanInside).toBeCloseTo(299.915 / 6, 10);
    expect(monetary?.kind === 'numeric' && monetary.medianInside).toBeCloseTo(39.9825, 10);
    const summary = await summarizeColumn(
      gate,
      'customers',
      schema.customers.find((c) => c.name === 'monetary')!,
      5,
    );
    expect([summary.min, summary.max]).toEqual(['0.005', '100.005']);
    const page = await memberPage(
      gate,
      [everyone],
      [],
      { offset: 0, limit: 3, sortColumn: 'monetary', descending: false, search: '' },
      schema,
    );
    const at = page.columns.indexOf('monetary');
    expect(page.rows.map((r) => String(r[at]).replace(/0+$/, ''))).toEqual(['0.005', '0.01', '0.01']);
    expect(page.numeric[at]).toBe(true);
  });

  test('templates cut at the data’s own percentiles, so "top 20 % by spend" is the top 20 %', async () => {
    const summary = await summarizeColumn(
      gate,
      'customers',
      schema.customers.find((c) => c.name === 'monetary')!,
      5,
    );
    const high = segmentTemplates({ bins: 5, monetaryDeciles: summary.deciles, country: null }).find(
      (t) => t.key === 'high-value-lapsing',
    )!;
    const onlyTop = rules((high.definition as { root: { rules: ReturnType<typeof condition>[] } }).root.rules[0]);
    expect(await countSegment(gate, onlyTop, schema)).toMatchObject({ ok: true, members: 2 });
  });
});
