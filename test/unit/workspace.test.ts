import { describe, expect, test } from 'vitest';
import { inspectFile, reinspect, type Inspection } from '../../src/lib/preview/inspect.ts';
import { storageErrorReason } from '../../src/lib/storage/app-store.ts';
import {
  analysisChanged,
  applyMapping,
  fingerprintOrder,
  firstLineOf,
  mergeImportSettings,
  readWorkspace,
  restoredText,
  savedAtText,
  savedMappingOf,
  workspaceKey,
  workspaceRecord,
  type FileFingerprint,
  type ImportSettings,
  type SavedWorkspace,
} from '../../src/lib/storage/workspace.ts';
import { defaultIdCleanup, standardCleaning } from '../../src/lib/spec/import.ts';
import { defaultAnalysisSpec } from '../../src/lib/spec/rfm-defaults.ts';
import { condition, type SegmentsSpec } from '../../src/lib/spec/segments.ts';
import { analysisSpecOf, segmentsSpecOf } from '../../src/lib/spec/spec-file.ts';

const ORDERS = 'customer;order date;total;note\nann;03/04/2024;12,50;first\nbob;05/04/2024;7,00;\nann;13/04/2024;3,10;again\n';
const CUSTOMERS = 'customer,country\nann,DE\nbob,FR\n';
const inspect = (name: string, text: string): Inspection => inspectFile(name, new TextEncoder().encode(text), true);
const reread = (text: string) => (mapping: Inspection['mapping']) => reinspect(mapping, new TextEncoder().encode(text), true);

const orders = inspect('orders.csv', ORDERS);
const customers = inspect('customers.csv', CUSTOMERS);
const print = (name: string, text: string, inspection: Inspection): FileFingerprint => ({
  name,
  size: new TextEncoder().encode(text).length,
  header: firstLineOf(inspection),
});
const ORDERS_PRINT = print('orders.csv', ORDERS, orders);
const CUSTOMERS_PRINT = print('customers.csv', CUSTOMERS, customers);

const settings = (): ImportSettings => ({
  amountLevel: 'line',
  cleaning: standardCleaning(),
  ids: defaultIdCleanup(),
  duplicateCustomers: 'refuse',
});
const segments: SegmentsSpec = {
  minSizePercent: 2,
  segments: [
    {
      id: 's1',
      name: 'Big spenders',
      color: '#0072b2',
      description: 'spend at least 500',
      enabled: true,
      definition: { kind: 'rules', root: { type: 'group', combine: 'and', rules: [condition('monetary', 'gte', '500')] } },
    },
    { id: 's2', name: 'Germany', color: '#e69f00', description: '', enabled: false, definition: { kind: 'sql', sql: "country = 'DE'" } },
  ],
};
const analysis = () => {
  const spec = defaultAnalysisSpec();
  spec.analysisDate = '2024-05-01';
  spec.rfm.method = 'breakpoints';
  spec.lifecycle.newDays = 45;
  return spec;
};

function recordInput(): Parameters<typeof workspaceRecord>[0] {
  const mapping = { ...orders.mapping, parse: { ...orders.mapping.parse, dateFormat: 'dmy' as const } };
  return {
    files: [
      { fingerprint: ORDERS_PRINT, mapping },
      { fingerprint: CUSTOMERS_PRINT, mapping: customers.mapping },
    ],
    settings: { ...settings(), amountLevel: 'order', ids: { ...defaultIdCleanup(), lowerCase: true } },
    analysis: analysis(),
    segments,
    savedAt: new Date('2026-11-29T14:02:00Z'),
  };
}

function record(): SavedWorkspace {
  return workspaceRecord(recordInput());
}

/** A record as the store gives it back: cloned, never the object written. */
const stored = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('the fingerprint: name, size and first line, in any order', () => {
  test('the first line is the header as read, or the first record of a file without one', () => {
    expect(ORDERS_PRINT.header).toEqual(['customer', 'order date', 'total', 'note']);
    const headerless = inspect('plain.csv', 'ann,2024-04-03,12.50\nbob,2024-04-05,7.00\n');
    expect(headerless.mapping.parse.header).toBe(false);
    expect(firstLineOf(headerless)).toEqual(['ann', '2024-04-03', '12.50']);
  });

  test('the key is the same whatever order the files were dropped in, and changes with any part of a fingerprint', () => {
    const key = workspaceKey([ORDERS_PRINT, CUSTOMERS_PRINT]);
    expect(key).toMatch(/^workspace:[0-9a-f]{16}$/);
    expect(workspaceKey([CUSTOMERS_PRINT, ORDERS_PRINT])).toBe(key);
    const others = [
      [{ ...ORDERS_PRINT, size: ORDERS_PRINT.size + 1 }, CUSTOMERS_PRINT],
      [{ ...ORDERS_PRINT, name: 'Orders.csv' }, CUSTOMERS_PRINT],
      [{ ...ORDERS_PRINT, header: ['customer', 'order date', 'total', 'notes'] }, CUSTOMERS_PRINT],
      [ORDERS_PRINT],
    ];
    for (const files of others) expect(workspaceKey(files)).not.toBe(key);
  });

  test('ties on name are broken by size, then by the first line', () => {
    const a = { name: 'x.csv', size: 10, header: ['b'] };
    const b = { name: 'x.csv', size: 10, header: ['a'] };
    const c = { name: 'x.csv', size: 9, header: ['z'] };
    expect(fingerprintOrder([a, b, c])).toEqual([c, b, a]);
  });
});

describe('a record written and read back', () => {
  test('reads back as written: every mapping, the import settings, the analysis settings and the segments', () => {
    const reading = readWorkspace(stored(record()), [CUSTOMERS_PRINT, ORDERS_PRINT]);
    if (!('value' in reading)) throw new Error(reading.refused);
    const { value } = reading;
    expect(value.problems).toEqual([]);
    expect(value.savedAt?.toISOString()).toBe('2026-11-29T14:02:00.000Z');
    // In fingerprint order: customers.csv before orders.csv.
    expect(value.mappings.map((m) => m?.kind)).toEqual(['customers', 'transactions']);
    expect(value.mappings[1]?.parse?.dateFormat).toBe('dmy');
    expect(value.mappings[1]?.columns).toEqual(Object.fromEntries(orders.mapping.columns.map((c) => [c.name, c.role])));
    expect(value.spec.import).toEqual({ ...settings(), amountLevel: 'order', ids: { ...defaultIdCleanup(), lowerCase: true } });
    expect(analysisSpecOf(value.spec)).toEqual(analysis());
    expect(segmentsSpecOf(value.spec)).toEqual(segments);
  });

  test('SQL segments from a link not yet confirmed read back held; a record without the list holds none', () => {
    const held = workspaceRecord({ ...recordInput(), held: ['s2'] });
    expect(held.heldSql).toEqual(['s2']);
    const reading = readWorkspace(stored(held), [CUSTOMERS_PRINT, ORDERS_PRINT]);
    if (!('value' in reading)) throw new Error(reading.refused);
    expect(reading.value).toMatchObject({ held: ['s2'], problems: [] });
    // Nothing held: no key at all, so the record reads as before in any version of the page.
    expect(Object.keys(workspaceRecord({ ...recordInput(), held: [] }))).not.toContain('heldSql');
    const none = readWorkspace(stored(record()), [CUSTOMERS_PRINT, ORDERS_PRINT]);
    expect('value' in none && none.value.held).toEqual([]);
    // A list that is not one holds every SQL segment again, and says so.
    const tampered = readWorkspace({ ...(stored(held) as object), heldSql: 's2' }, [CUSTOMERS_PRINT, ORDERS_PRINT]);
    if (!('value' in tampered)) throw new Error(tampered.refused);
    expect(tampered.value.held).toEqual(['s2']);
    expect(tampered.value.problems).toEqual([
      'heldSql: expected a list of segment ids; every SQL segment waits for your confirmation again',
    ]);
  });

  test('the record holds no proxy or shared object: changing what was saved later does not change it', () => {
    const spec = analysis();
    const saved = workspaceRecord({
      files: [{ fingerprint: ORDERS_PRINT, mapping: orders.mapping }],
      settings: settings(),
      analysis: spec,
      segments,
      savedAt: new Date(0),
    });
    spec.lifecycle.newDays = 1;
    expect(saved.spec.analysis?.lifecycle?.newDays).toBe(45);
    expect(structuredClone(saved)).toEqual(saved);
  });
});

describe('a record that does not fit is refused whole, with its reason', () => {
  test.each([
    ['not an object', 'saved', 'the saved record is "saved", not an object'],
    ['a list', [], 'the saved record is a list, not an object'],
    ['another version', { ...record(), version: 2 }, 'version: expected 1, got 2 (this page reads version 1)'],
    ['no version', { ...record(), version: undefined }, 'version: expected 1, got undefined (this page reads version 1)'],
    ['no files', { ...record(), files: 'x' }, 'it was saved for other files'],
  ])('%s', (_, raw, reason) => {
    expect(readWorkspace(stored(raw) ?? raw, [ORDERS_PRINT, CUSTOMERS_PRINT])).toEqual({ refused: reason });
  });

  test('a file of the same name but another size, or another first line, or one file more or fewer', () => {
    const raw = stored(record());
    for (const files of [
      [{ ...ORDERS_PRINT, size: ORDERS_PRINT.size - 1 }, CUSTOMERS_PRINT],
      [{ ...ORDERS_PRINT, header: [...ORDERS_PRINT.header, 'extra'] }, CUSTOMERS_PRINT],
      [ORDERS_PRINT],
      [ORDERS_PRINT, CUSTOMERS_PRINT, { name: 'z.csv', size: 1, header: ['a'] }],
    ])
      expect(readWorkspace(raw, files)).toEqual({ refused: 'it was saved for other files' });
  });
});

describe('a stale or tampered record: its invalid parts are left out and named, the rest is used', () => {
  test('a bad date, an unknown key, a broken mapping, a bad RFM setting and a bad segment', () => {
    const raw = stored(record()) as Record<string, unknown> & SavedWorkspace;
    raw.savedAt = 'yesterday';
    raw.extra = true;
    (raw.files[1].mapping.parse as Record<string, unknown>).delimiter = 'comma';
    (raw.spec.analysis!.rfm as Record<string, unknown>).bins = 6;
    raw.spec.segments!.segments[1].name = 'Nul\u0000';
    const reading = readWorkspace(raw, [ORDERS_PRINT, CUSTOMERS_PRINT]);
    if (!('value' in reading)) throw new Error(reading.refused);
    expect(reading.value.problems).toEqual([
      'record: unknown key "extra" (known: version, savedAt, files, spec, heldSql)',
      'savedAt: expected a date and time, got "yesterday"',
      'files[1].mapping.parse.delimiter: expected one of ",", ";", "\\t", "|", "whitespace", got "comma"',
      'spec.analysis.rfm.bins: expected one of 3, 4, 5, got 6',
      'spec.segments.segments[1].name: contains a control character (U+0000)',
    ]);
    expect(reading.value.savedAt).toBeNull();
    expect(reading.value.mappings.map((m) => m?.kind ?? null)).toEqual(['customers', null]);
    // The RFM part is left out whole (bins, method, cut points and map interlock); the other analysis parts stay.
    expect(reading.value.spec.analysis).toEqual({ analysisDate: '2024-05-01', tiers: analysis().tiers, lifecycle: analysis().lifecycle });
    expect(reading.value.spec.segments?.segments.map((s) => s.name)).toEqual(['Big spenders']);
  });

  test('a mapping without a kind, or with a role no column can have, is left out', () => {
    const raw = stored(record()) as SavedWorkspace;
    delete (raw.files[0].mapping as Partial<SavedWorkspace['files'][0]['mapping']>).kind;
    (raw.files[1].mapping.columns as Record<string, string>).total = 'price';
    const reading = readWorkspace(raw, [ORDERS_PRINT, CUSTOMERS_PRINT]);
    if (!('value' in reading)) throw new Error(reading.refused);
    expect(reading.value.problems).toEqual([
      'files[0].mapping.kind: expected one of "transactions", "customers", got undefined',
      expect.stringMatching(/^files\[1\]\.mapping\.columns\["total"\]: expected one of "customer_id", .*got "price"$/),
    ]);
    expect(reading.value.mappings).toEqual([null, null]);
  });

  test('a spec nested too deep to read, or refused whole, leaves the mappings usable', () => {
    let deep: unknown = {};
    for (let i = 0; i < 200_000; i++) deep = { rules: [deep] };
    const raw = { ...record(), spec: deep };
    const reading = readWorkspace(raw, [ORDERS_PRINT, CUSTOMERS_PRINT]);
    if (!('value' in reading)) throw new Error(reading.refused);
    expect(reading.value.problems).toEqual(['spec: it cannot be read']);
    expect(reading.value.spec).toEqual({ version: 2 });
    expect(reading.value.mappings.every((m) => m !== null)).toBe(true);

    const other = readWorkspace({ ...stored(record())!, spec: { version: 3 } }, [ORDERS_PRINT, CUSTOMERS_PRINT]);
    if (!('value' in other)) throw new Error(other.refused);
    expect(other.value.problems).toEqual(['spec.version: expected 1 or 2, got 3 (this page reads versions 1 and 2)']);
  });
});

describe('a saved mapping applied to the file as read again', () => {
  test('read options, kind and roles by column name; a column not named keeps its guess', () => {
    const saved = savedMappingOf(orders.mapping);
    saved.parse = { ...saved.parse, dateFormat: 'dmy' };
    saved.columns = { note: 'ignore', total: 'amount', gone: 'status' };
    const fresh = inspect('orders.csv', ORDERS);
    const applied = applyMapping(fresh, saved, reread(ORDERS));
    expect(applied.mapping.parse.dateFormat).toBe('dmy');
    expect(applied.mapping.columns).toEqual([
      { name: 'customer', role: fresh.mapping.columns[0].role },
      { name: 'order date', role: fresh.mapping.columns[1].role },
      { name: 'total', role: 'amount' },
      { name: 'note', role: 'ignore' },
    ]);
    expect(applied.mapping.kind).toBe('transactions');
  });

  test('a file read without its header gets the roles of its numbered columns, and its kind as saved', () => {
    const saved = {
      kind: 'customers' as const,
      parse: { header: false },
      columns: { column1: 'customer_id' as const, column2: 'attribute' as const },
    };
    const applied = applyMapping(inspect('customers.csv', CUSTOMERS), saved, reread(CUSTOMERS));
    expect(applied.mapping.parse.header).toBe(false);
    expect(applied.mapping.kind).toBe('customers');
    expect(applied.mapping.columns).toEqual([
      { name: 'column1', role: 'customer_id' },
      { name: 'column2', role: 'attribute' },
    ]);
  });

  test('columns named like an object’s own properties take only the roles saved for them', () => {
    const text = '__proto__,constructor,toString,amount,date\nann,x,y,1.5,2024-01-02\nbob,x,y,2.5,2024-01-03\n';
    const fresh = inspect('odd.csv', text);
    const saved = stored(
      savedMappingOf({
        ...fresh.mapping,
        columns: fresh.mapping.columns.map((c) => (c.name === 'constructor' ? { ...c, role: 'ignore' } : c)),
      }),
    );
    // Saved without a role for toString: the column keeps its guess, not Object.prototype.toString.
    Reflect.deleteProperty((saved as { columns: object }).columns, 'toString');
    const applied = applyMapping(fresh, saved as ReturnType<typeof savedMappingOf>, reread(text));
    const role = (name: string) => applied.mapping.columns.find((c) => c.name === name)?.role;
    expect(role('constructor')).toBe('ignore');
    expect(role('__proto__')).toBe(fresh.mapping.columns.find((c) => c.name === '__proto__')?.role);
    expect(role('toString')).toBe(fresh.mapping.columns.find((c) => c.name === 'toString')?.role);
    expect(applied.mapping.columns.every((c) => typeof c.role === 'string')).toBe(true);
  });
});

test('saved import settings go on top of those in use; a part left out keeps what is in use', () => {
  const current: ImportSettings = { ...settings(), cleaning: { ...standardCleaning(), currency: 'EUR' } };
  const merged = mergeImportSettings(current, {
    cleaning: { returns: false, cancelled: { statusValues: ['void'] } },
    ids: { lowerCase: true },
  });
  expect(merged).toEqual({
    amountLevel: 'line',
    cleaning: {
      ...standardCleaning(),
      currency: 'EUR',
      returns: false,
      cancelled: { ...standardCleaning().cancelled, statusValues: ['void'] },
    },
    ids: { ...defaultIdCleanup(), lowerCase: true },
    duplicateCustomers: 'refuse',
  });
  expect(mergeImportSettings(current, undefined)).toEqual(current);
});

describe('the status line', () => {
  test('says what was restored, for which files, from when (in the reader’s time zone)', () => {
    const when = new Date(2026, 10, 29, 14, 2, 59);
    expect(savedAtText(when)).toBe('2026-11-29 14:02');
    expect(restoredText(['orders.csv'], when, { segments: 3, analysis: true, importSettings: false })).toBe(
      'Restored your work on orders.csv from 2026-11-29 14:02 — 3 segments, analysis settings.',
    );
    expect(restoredText(['a.csv', 'b.csv', 'c.csv'], when, { segments: 1, analysis: false, importSettings: true })).toBe(
      'Restored your work on a.csv, b.csv and c.csv from 2026-11-29 14:02 — 1 segment, import settings.',
    );
    expect(restoredText(['a.csv', 'b.csv'], null, { segments: 0, analysis: false, importSettings: false })).toBe(
      'Restored your work on a.csv and b.csv — the default settings.',
    );
  });

  test('analysis settings count as restored only when they differ from a fresh page’s', () => {
    expect(analysisChanged(defaultAnalysisSpec())).toBe(false);
    expect(analysisChanged(analysis())).toBe(true);
  });
});

describe('storage failures in words', () => {
  test.each([
    [new DOMException('The quota has been exceeded.', 'QuotaExceededError'), "the browser's storage for this page is full"],
    [
      new DOMException('A mutation operation was attempted', 'InvalidStateError'),
      'this browser does not let the page keep data (a private window, or site data turned off)',
    ],
    [new DOMException('', 'SecurityError'), 'this browser does not let the page keep data (a private window, or site data turned off)'],
    [
      new DOMException('Internal error opening backing store', 'UnknownError'),
      "the browser's storage failed (Internal error opening backing store)",
    ],
    [
      new DOMException('The requested version (1) is less than the existing version (2).', 'VersionError'),
      'a newer version of this page has saved data here; reload the page to use it',
    ],
    [null, 'the browser did not say why'],
  ])('%s', (error, reason) => {
    expect(storageErrorReason(error)).toBe(reason);
  });
});
