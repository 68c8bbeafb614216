import { describe, expect, test } from 'vitest';
import { isCalendarDate } from '../../src/lib/spec/calendar-date.ts';
import { checkSpec, parseSpecFile, type SpecReading } from '../../src/lib/spec/read-spec.ts';
import { MAX_RULES, MAX_RULE_DEPTH, MAX_SEGMENTS, ruleTreeShape } from '../../src/lib/spec/segments-check.ts';
import { analysisSpecOf, segmentsSpecOf } from '../../src/lib/spec/spec-file.ts';

const read = (spec: unknown) => parseSpecFile(JSON.stringify(spec));
const problemsOf = (reading: SpecReading) => (reading.spec ? reading.problems : [`refused: ${reading.refused}`]);

const group = (rules: unknown[] = [], combine = 'and') => ({ type: 'group', combine, rules });
const cond = (column: string, op: string, value = '', value2 = '') => ({ type: 'condition', column, op, value, value2 });
const ruleSegment = (id: string, name: string, root: unknown) => ({ id, name, definition: { kind: 'rules', root } });
const sqlSegment = (id: string, name: string, sql = 'monetary > 0') => ({ id, name, definition: { kind: 'sql', sql } });
const withSegments = (...segments: unknown[]) => ({ version: 2, segments: { segments } });
const keptIds = (reading: SpecReading) => reading.spec?.segments?.segments.map((s) => s.id);

/** Groups nested `depth` deep (the root is the first), as text: no JSON.stringify recursion to build it. */
const nestedText = (depth: number) => '{"type":"group","combine":"and","rules":['.repeat(depth) + ']}'.repeat(depth);
const nestedSpecText = (depth: number) =>
  `{"version":2,"segments":{"segments":[{"id":"ok","name":"Fine","definition":{"kind":"sql","sql":"true"}},` +
  `{"id":"deep","name":"Deep","definition":{"kind":"rules","root":${nestedText(depth)}}}]}}`;

describe('the envelope: refused whole, with its reason', () => {
  test.each([
    ['not JSON', '{ "version": 2, ', /^not valid JSON: /],
    ['a list', '[]', /^spec: expected an object, got a list$/],
    ['no version', '{ "segments": { "segments": [] } }', /^spec: version is missing$/],
    ['another version', '{ "version": 3 }', /^spec\.version: expected 1 or 2, got 3 \(this page reads versions 1 and 2\)$/],
    ['a version as text', '{ "version": "2" }', /^spec\.version: expected 1 or 2, got "2" \(this page reads versions 1 and 2\)$/],
    [
      'over 1 MB',
      JSON.stringify({ version: 2, segments: { segments: [sqlSegment('a', 'x'.repeat(1_000_000))] } }),
      /^the definitions are larger than 1 MB$/,
    ],
    // Multi-byte text counts in bytes: 400,000 "é" are 800,000 bytes, plus 300,000 "€" at 3 bytes each.
    [
      'over 1 MB in UTF-8 bytes',
      JSON.stringify({ version: 2, x: 'é'.repeat(400_000) + '€'.repeat(300_000) }),
      /^the definitions are larger than 1 MB$/,
    ],
  ])('%s', (_, text, reason) => {
    const reading = parseSpecFile(text);
    expect(reading.spec).toBeNull();
    expect(reading.spec === null && reading.refused).toMatch(reason);
  });
});

describe('each part read on its own: the valid parts load, each invalid one is listed by its path', () => {
  test('unknown keys and bad parts are left out; everything else is kept as written', () => {
    const reading = read({
      version: 2,
      segmnts: {},
      import: { amountLevel: 'lines', ids: { trim: false }, cleaning: { retruns: true } },
      analysis: { analysisDate: '2024-13-45', lifecycle: { newDays: 45 }, rfm: { bins: 6 }, tiers: { topPercent: 10 } },
      segments: { minSizePercent: 120, segments: [sqlSegment('a', 'A'), { id: 'b', name: 'B', definition: { kind: 'sql' } }] },
    });
    expect(problemsOf(reading)).toEqual([
      'spec: unknown key "segmnts" (known: version, import, analysis, segments)',
      'spec.import.amountLevel: expected one of "line", "order", got "lines"',
      'spec.import.cleaning: unknown key "retruns" (known: cancelled, keepOnly, currency, returns, netReturns, refundColumn, fillDown, zeroAmount, duplicates)',
      'spec.analysis.analysisDate: expected a real date YYYY-MM-DD, got "2024-13-45"',
      'spec.analysis.rfm.bins: expected one of 3, 4, 5, got 6',
      'spec.segments.minSizePercent: expected a number from 0 to 100, got 120',
      'spec.segments.segments[1].definition: sql is missing',
    ]);
    expect(reading.spec).toEqual({
      version: 2,
      import: { ids: { trim: false } },
      analysis: { lifecycle: { newDays: 45 }, tiers: { topPercent: 10 } },
      segments: { segments: [sqlSegment('a', 'A')] },
    });
    // What is left out takes the page's defaults.
    const analysis = analysisSpecOf(reading.spec!);
    expect(analysis.analysisDate).toBeNull();
    expect(analysis.rfm.bins).toBe(5);
    expect(analysis.lifecycle).toEqual({ newDays: 45, coolingDays: 90, lapsedDays: 180 });
    expect(segmentsSpecOf(reading.spec!).minSizePercent).toBe(1);
  });

  test('a part that is not an object is left out', () => {
    expect(problemsOf(read({ version: 2, import: [], analysis: 'x', segments: null }))).toEqual([
      'spec.import: expected an object, got a list',
      'spec.analysis: expected an object, got "x"',
      'spec.segments: expected an object, got null',
    ]);
    expect(problemsOf(read({ version: 2, segments: {} }))).toEqual(['spec.segments: segments is missing']);
    expect(problemsOf(read({ version: 2, segments: { segments: {} } }))).toEqual([
      'spec.segments.segments: expected a list, got an object',
    ]);
  });

  test('a file whose every segment has a problem holds no segments part; an empty list is kept as one', () => {
    const reading = read(withSegments({ id: 'a' }, sqlSegment('b', 'B', 'x\0')));
    expect(problemsOf(reading)).toEqual([
      'spec.segments.segments[0]: name is missing',
      'spec.segments.segments[0]: definition is missing',
      'spec.segments.segments[1].definition.sql: contains a NUL character',
    ]);
    expect(reading.spec).toEqual({ version: 2 });
    expect(read(withSegments()).spec).toEqual(withSegments());
  });

  test(`at most ${MAX_SEGMENTS} segments: the first ${MAX_SEGMENTS} are read, the rest listed`, () => {
    const many = Array.from({ length: MAX_SEGMENTS + 3 }, (_, i) => sqlSegment(`s${i}`, `S${i}`));
    const reading = read(withSegments(...many));
    expect(problemsOf(reading)).toEqual(['spec.segments.segments: at most 50 segments; the 3 after the 50th were left out']);
    expect(keptIds(reading)).toEqual(many.slice(0, MAX_SEGMENTS).map((s) => s.id));
  });
});

describe('invariants the page needs', () => {
  test('segment ids and names are unique: the first keeps them, a later one is left out', () => {
    const reading = read(withSegments(sqlSegment('a', 'A'), sqlSegment('a', 'B'), sqlSegment('c', 'A'), sqlSegment('d', 'D')));
    expect(problemsOf(reading)).toEqual([
      'spec.segments.segments[1].id: "a" is already used by segments[0]',
      'spec.segments.segments[2].name: "A" is already used by segments[0]',
    ]);
    expect(keptIds(reading)).toEqual(['a', 'd']);
    // A segment left out for its own problem does not claim its id or name.
    expect(keptIds(read(withSegments({ ...sqlSegment('a', 'A'), color: 'red' }, sqlSegment('a', 'A'))))).toEqual(['a']);
  });

  test('RFM segment names are unique, and "Other" (customers in no segment) is not one of them', () => {
    const cells = (name: string, cell: string) => ({ name, cells: [cell] });
    const reading = read({
      version: 2,
      analysis: {
        rfm: { map: { kind: 'cells', segments: [cells('Champions', '555'), cells('Other', '111'), cells('Champions', '554')] } },
      },
    });
    expect(problemsOf(reading)).toEqual([
      'spec.analysis.rfm.map.segments[1].name: "Other" is reserved for customers in no segment',
      'spec.analysis.rfm.map.segments[2].name: "Champions" is already used by segments[0]',
    ]);
    expect(reading.spec).toEqual({ version: 2, analysis: {} });
    const ranges = { kind: 'ranges', segments: ['Top', 'Top'].map((name) => ({ name, r: [1, 5], f: [1, 5], m: [1, 5] })) };
    expect(problemsOf(read({ version: 2, analysis: { rfm: { bins: 3, map: ranges } } }))).toEqual([
      'spec.analysis.rfm.map.segments[1].name: "Top" is already used by segments[0]',
    ]);
  });

  test('tier names are unique', () => {
    const tiers = {
      tiers: [
        { name: 'Gold', upTo: 50 },
        { name: 'Gold', upTo: 100 },
      ],
    };
    expect(problemsOf(read({ version: 2, analysis: { tiers } }))).toEqual([
      'spec.analysis.tiers.tiers[1].name: "Gold" is already used by tiers[0]',
    ]);
  });

  test(`rule trees are nested at most ${MAX_RULE_DEPTH} groups deep, an order condition's group counting one more`, () => {
    let eight: unknown = group([cond('monetary', 'gt', '1')]);
    for (let i = 1; i < MAX_RULE_DEPTH; i++) eight = group([eight]);
    expect(ruleTreeShape(eight)).toEqual({ depth: 8, nodes: 9 });
    expect(problemsOf(read(withSegments(ruleSegment('a', 'A', eight))))).toEqual([]);
    expect(problemsOf(read(withSegments(ruleSegment('a', 'A', group([eight])))))).toEqual([
      'spec.segments.segments[0].definition.root: nested deeper than 8 levels',
    ]);
    // Root, then an order condition whose group holds 7 nested groups: 9 levels.
    let seven: unknown = group();
    for (let i = 1; i < 7; i++) seven = group([seven]);
    const orders = group([{ type: 'orders', atLeast: 1, where: group([seven]) }]);
    expect(ruleTreeShape(orders).depth).toBe(9);
    expect(problemsOf(read(withSegments(ruleSegment('a', 'A', orders))))).toEqual([
      'spec.segments.segments[0].definition.root: nested deeper than 8 levels',
    ]);
  });

  test.each([300, 5_000])('%i nested groups: the depth problem, not a RangeError, and the other segment loads', (depth) => {
    const reading = parseSpecFile(nestedSpecText(depth));
    expect(problemsOf(reading)).toEqual(['spec.segments.segments[1].definition.root: nested deeper than 8 levels']);
    expect(keptIds(reading)).toEqual(['ok']);
  });

  test('100,000 nested groups (too large for a link or a file, so checked as parsed JSON): the depth problem', () => {
    let root: unknown = group();
    for (let i = 1; i < 100_000; i++) root = group([root]);
    expect(problemsOf(checkSpec(withSegments(ruleSegment('a', 'A', root))))).toEqual([
      'spec.segments.segments[0].definition.root: nested deeper than 8 levels',
    ]);
    // Deep nesting where no rule is expected is no stack overflow either.
    let list: unknown = [];
    for (let i = 0; i < 100_000; i++) list = [list];
    expect(problemsOf(checkSpec(withSegments(ruleSegment('a', 'A', group([{ type: list }])))))).toEqual([
      'spec.segments.segments[0].definition.root.rules[0].type: expected one of "condition", "group", "orders", "segment", got a list',
    ]);
  });

  test(`at most ${MAX_RULES} rules in a segment, every condition and group counted`, () => {
    const rules = (n: number) => group(Array.from({ length: n }, () => cond('monetary', 'gt', '1')));
    expect(ruleTreeShape(rules(MAX_RULES - 1)).nodes).toBe(MAX_RULES);
    expect(problemsOf(read(withSegments(ruleSegment('a', 'A', rules(MAX_RULES - 1)))))).toEqual([]);
    expect(problemsOf(read(withSegments(ruleSegment('a', 'A', rules(MAX_RULES)))))).toEqual([
      'spec.segments.segments[0].definition.root: more than 200 rules (conditions, groups and order conditions)',
    ]);
  });

  test('dates are real calendar dates: the analysis date and every date a rule compares with', () => {
    expect(['2024-02-29', '2000-02-29', '0001-01-01', '2024-12-31'].every(isCalendarDate)).toBe(true);
    expect(
      ['2023-02-29', '1900-02-29', '2024-13-45', '2024-04-31', '2024-00-10', '0000-01-01', '2024-1-01', ' 2024-01-01'].some(isCalendarDate),
    ).toBe(false);
    expect(problemsOf(read({ version: 2, analysis: { analysisDate: '2023-02-29' } }))).toEqual([
      'spec.analysis.analysisDate: expected a real date YYYY-MM-DD, got "2023-02-29"',
    ]);
    expect(read({ version: 2, analysis: { analysisDate: '2024-02-29' } }).spec).toEqual({
      version: 2,
      analysis: { analysisDate: '2024-02-29' },
    });
    const rules = group([
      cond('last_purchase', 'before', '2023-02-29'),
      cond('last_purchase', 'after', '2024-01-01'),
      cond('first_purchase', 'between', '2024-01-01', '2024-13-45'),
      cond('last_purchase', 'on', '2024-02-29'),
      cond('last_purchase', 'on', '2024-02-30'),
    ]);
    expect(problemsOf(read(withSegments(ruleSegment('a', 'A', rules))))).toEqual([
      'spec.segments.segments[0].definition.root.rules[0].value: expected a real date YYYY-MM-DD, got "2023-02-29"',
      'spec.segments.segments[0].definition.root.rules[2].value2: expected a real date YYYY-MM-DD, got "2024-13-45"',
      'spec.segments.segments[0].definition.root.rules[4].value: expected a real date YYYY-MM-DD, got "2024-02-30"',
    ]);
    // "on" is an operator files and links may use: a segment with one loads.
    const on = read(withSegments(ruleSegment('on', 'On a day', group([cond('last_purchase', 'on', '2024-06-01')]))));
    expect(problemsOf(on)).toEqual([]);
    expect(keptIds(on)).toEqual(['on']);
  });

  test('RFM cut points: bins − 1 of them per dimension, ascending, and there when the method needs them', () => {
    const rfm = (r: object) => problemsOf(read({ version: 2, analysis: { rfm: r } }));
    const cuts = { recency: [10, 20, 30, 40], frequency: [1, 2, 2, 4], monetary: [5, 10, 50, 100] };
    expect(rfm({ method: 'thresholds', thresholds: cuts })).toEqual([]);
    expect(rfm({ method: 'thresholds', thresholds: { ...cuts, recency: [10, 20, 30] } })).toEqual([
      'spec.analysis.rfm.thresholds.recency: expected 4 cut points (bins − 1), got 3',
    ]);
    expect(rfm({ method: 'thresholds', bins: 3, thresholds: { recency: [1, 2], frequency: [3, 1], monetary: [1, 2, 3] } })).toEqual([
      'spec.analysis.rfm.thresholds.frequency: expected ascending cut points, got 3, 1',
      'spec.analysis.rfm.thresholds.monetary: expected 2 cut points (bins − 1), got 3',
    ]);
    // Names and cut points are reported together, though the RFM settings are left out as one part.
    const twice = {
      kind: 'cells',
      segments: [
        { name: 'Champions', cells: ['555'] },
        { name: 'Champions', cells: ['554'] },
      ],
    };
    expect(rfm({ method: 'thresholds', thresholds: { ...cuts, monetary: [1] }, map: twice })).toEqual([
      'spec.analysis.rfm.map.segments[1].name: "Champions" is already used by segments[0]',
      'spec.analysis.rfm.thresholds.monetary: expected 4 cut points (bins − 1), got 1',
    ]);
    expect(rfm({ method: 'thresholds' })).toEqual([
      'spec.analysis.rfm.thresholds: the thresholds method needs cut points for recency, frequency and monetary',
    ]);
  });

  test('no control characters in names (segments, RFM segments, tiers), and no NUL in any text', () => {
    const reading = read({
      version: 2,
      analysis: {
        rfm: { map: { kind: 'cells', segments: [{ name: 'Bell\u0007', cells: ['555'] }] } },
        tiers: { tiers: [{ name: 'Next\u0085line', upTo: 100 }] },
      },
      segments: {
        segments: [
          sqlSegment('a', 'Nul\0name'),
          sqlSegment('b', 'Tab\tname'),
          { ...sqlSegment('c', 'C'), description: 'a\0b' },
          ruleSegment('d', 'D', group([cond('country', 'eq', 'F\0R')])),
          sqlSegment('e\0', 'E'),
          sqlSegment('f', 'Fine – ünïcødé "quotes" \u200b'),
        ],
      },
    });
    expect(problemsOf(reading)).toEqual([
      'spec.analysis.rfm.map.segments[0].name: contains a control character (U+0007)',
      'spec.analysis.tiers.tiers[0].name: contains a control character (U+0085)',
      'spec.segments.segments[0].name: contains a control character (U+0000)',
      'spec.segments.segments[1].name: contains a control character (U+0009)',
      'spec.segments.segments[2].description: contains a NUL character',
      'spec.segments.segments[3].definition.root.rules[0].value: contains a NUL character',
      'spec.segments.segments[4].id: expected an id of letters, digits, - or _, got "e\\u0000"',
    ]);
    expect(keptIds(reading)).toEqual(['f']);
  });

  test('every number is finite (JSON reads 1e999 as Infinity), and so is every number a rule compares with', () => {
    const reading = parseSpecFile(
      '{"version":2,"analysis":{"tiers":{"topPercent":1e999},"rfm":{"thresholds":{"recency":[1,2,3,-1e999],"frequency":[1,2,3,4],"monetary":[1,2,3,4]}}},' +
        '"segments":{"minSizePercent":-1e999,"segments":[{"id":"a","name":"A","definition":{"kind":"rules","root":' +
        '{"type":"group","combine":"and","rules":[{"type":"condition","column":"monetary","op":"gt","value":"1e999"},' +
        '{"type":"orders","atLeast":1e999,"where":{"type":"group","combine":"and","rules":[]}}]}}}]}}',
    );
    expect(problemsOf(reading)).toEqual([
      'spec.analysis.tiers.topPercent: expected a number from 0 to 100, got Infinity',
      'spec.analysis.rfm.thresholds.recency[3]: expected a number, got -Infinity',
      'spec.segments.minSizePercent: expected a number from 0 to 100, got -Infinity',
      'spec.segments.segments[0].definition.root.rules[0].value: expected a finite number, got "1e999"',
      'spec.segments.segments[0].definition.root.rules[1].atLeast: expected a whole number from 1, got Infinity',
    ]);
    const gt = read(withSegments(ruleSegment('a', 'A', group([cond('monetary', 'gt', '1e999'), cond('monetary', 'lte', ' 2.5 ')]))));
    expect(problemsOf(gt)).toEqual(['spec.segments.segments[0].definition.root.rules[0].value: expected a finite number, got "1e999"']);
  });

  test('values suit their operator where the engine would otherwise fail; an empty value is a draft the page saves', () => {
    const rules = group([
      cond('monetary', 'lt', 'abc'),
      cond('monetary', 'between', '1', 'ten'),
      cond('last_purchase', 'within_last', '3000000000'),
      cond('last_purchase', 'more_than_ago', '1.5'),
      { type: 'orders', atLeast: 1.5, where: group() },
      cond('monetary', 'gte', ''),
      cond('last_purchase', 'before', ''),
      cond('last_purchase', 'within_last', '100000'),
      cond('country', 'eq', 'anything at all'),
      cond('monetary', 'between', '-1.5', '2e3'),
    ]);
    expect(problemsOf(read(withSegments(ruleSegment('a', 'A', rules))))).toEqual([
      'spec.segments.segments[0].definition.root.rules[0].value: expected a finite number, got "abc"',
      'spec.segments.segments[0].definition.root.rules[1].value2: expected a finite number or a date YYYY-MM-DD, got "ten"',
      'spec.segments.segments[0].definition.root.rules[2].value: expected a whole number of days up to 100,000, got "3000000000"',
      'spec.segments.segments[0].definition.root.rules[3].value: expected a whole number of days up to 100,000, got "1.5"',
      'spec.segments.segments[0].definition.root.rules[4].atLeast: expected a whole number from 1, got 1.5',
    ]);
  });

  test('what a message shows of a value is cut short', () => {
    const long = 'x'.repeat(5_000);
    expect(problemsOf(read(withSegments(ruleSegment('a', 'A', group([cond('c', long)])))))).toEqual([
      expect.stringMatching(/^spec\.segments\.segments\[0\]\.definition\.root\.rules\[0\]\.op: expected one of .*, got "x{60}…"$/),
    ]);
    expect(problemsOf(read({ version: 2, [long]: 1 }))).toEqual([
      `spec: unknown key "${'x'.repeat(60)}…" (known: version, import, analysis, segments)`,
    ]);
  });
});

describe('import date formats', () => {
  test.each(['dmy-dot', 'month-name', 'serial', 'ymd', 'mdy'])('%s is a date format a spec file may set', (dateFormat) => {
    const reading = read({ version: 2, import: { transactions: { parse: { dateFormat } } } });
    expect(problemsOf(reading)).toEqual([]);
    expect(reading.spec?.import?.transactions?.parse?.dateFormat).toBe(dateFormat);
  });

  test('an unknown one is left out, with the formats there are', () => {
    const reading = read({ version: 2, import: { transactions: { parse: { dateFormat: 'dd.mm.yyyy' } } } });
    expect(problemsOf(reading).join('\n')).toMatch(/dateFormat: expected one of .*"dmy-dot".*"month-name", "serial", got "dd\.mm\.yyyy"/);
  });
});

describe('where the schema library would be laxer than the spec, the spec wins', () => {
  test('every unknown key is named, a list is not an object, and a column named like an object property is checked too', () => {
    const reading = read({
      version: 2,
      import: {
        ids: { trim: true, trm: true, lowercase: false },
        cleaning: { cancelled: [] },
        transactions: { columns: { constructor: 'bogus', prototype: 'amount' } },
      },
    });
    expect(problemsOf(reading)).toEqual([
      'spec.import.ids: unknown key "trm" (known: trim, lowerCase, extractEmail, fallbackColumn)',
      'spec.import.ids: unknown key "lowercase" (known: trim, lowerCase, extractEmail, fallbackColumn)',
      'spec.import.cleaning.cancelled: expected an object, got a list',
      'spec.import.transactions.columns["constructor"]: expected one of "customer_id", "order_id", "order_date", "amount", "quantity", "unit_price", "status", "currency", "email", "first_name", "last_name", "full_name", "phone", "consent", "attribute", "ignore", got "bogus"',
    ]);
  });
});
