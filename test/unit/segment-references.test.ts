import { numberedByPlace } from './link-helpers.ts';
import { describe, expect, test } from 'vitest';
import { ruleText } from '../../src/lib/customer/membership.ts';
import { compileSegment } from '../../src/lib/segments/run-segments.ts';
import type { SegmentSchema } from '../../src/lib/segments/schema.ts';
import { parseSpecFile } from '../../src/lib/spec/read-spec.ts';
import { readShareLink, shareLink } from '../../src/lib/spec/share-link.ts';
import { dependentsOf, referencedSegments, renameReferences } from '../../src/lib/spec/segment-references.ts';
import { segmentsFile, segmentsSpecOf } from '../../src/lib/spec/spec-file.ts';
import {
  condition,
  segmentReference,
  type ReferableSegment,
  type Rule,
  type SegmentDefinition,
  type SegmentSpec,
  type SegmentsSpec,
} from '../../src/lib/spec/segments.ts';
import { commentName, MAX_REFERENCES_COMPILED } from '../../src/lib/sql/segment-references.ts';
import { segmentPredicate } from '../../src/lib/sql/segment-sql.ts';

const schema: SegmentSchema = {
  analysisDate: '2024-07-01',
  customers: [
    { name: 'country', kind: 'text', storedAsText: true },
    { name: 'monetary', kind: 'number', storedAsText: false },
    { name: 'frequency', kind: 'number', storedAsText: false },
  ],
  orders: [{ name: 'channel', kind: 'text', storedAsText: true }],
};

const rules = (...items: Rule[]): SegmentDefinition => ({ kind: 'rules', root: { type: 'group', combine: 'and', rules: items } });
const segment = (id: string, name: string, definition: SegmentDefinition, enabled = true): ReferableSegment => ({
  id,
  name,
  enabled,
  definition,
});
const inSegment = (id: string, name: string, member = true): Rule => ({ type: 'segment', segment: id, member, name });
const errorOf = (definition: SegmentDefinition, library: ReferableSegment[], self?: string) => {
  const compiled = compileSegment(definition, schema, library, self);
  return 'error' in compiled ? compiled.error : `compiled: ${compiled.predicate}`;
};

const BIG = segment('big', 'Big spenders', rules(condition('monetary', 'gte', '500')));
const FR = segment('fr', 'In France', { kind: 'sql', sql: "country = 'FR'" });

describe('"is in segment" compiles the referenced segment in, named in a comment', () => {
  test('is in / is not in a rule segment', () => {
    expect(segmentPredicate(rules(inSegment('big', 'Big spenders')), schema, [BIG])).toBe(
      `customer_id IN (/* segment "Big spenders" */ SELECT customer_id FROM customers WHERE "monetary" >= 500)`,
    );
    expect(segmentPredicate(rules(inSegment('big', 'Big spenders', false), condition('frequency', 'gte', '2')), schema, [BIG])).toBe(
      `(customer_id NOT IN (/* segment "Big spenders" */ SELECT customer_id FROM customers WHERE "monetary" >= 500) AND "frequency" >= 2)`,
    );
  });

  test('a SQL segment goes through the same checks as on its own, and a refusal stays a refusal', () => {
    expect(segmentPredicate(rules(inSegment('fr', 'In France')), schema, [FR])).toBe(
      `customer_id IN (/* segment "In France" */ SELECT customer_id FROM customers WHERE CAST((\ncountry = 'FR'\n) AS BOOLEAN))`,
    );
    const dropper = segment('x', 'Dropper', { kind: 'sql', sql: 'true; DROP TABLE orders' });
    expect(compileSegment(rules(inSegment('x', 'Dropper')), schema, [dropper])).toEqual({
      error: 'In segment "Dropper": One statement only: a segment is a single condition or SELECT, so remove the ";".',
      refused: true,
    });
  });

  test('nested: a referenced segment that refers to another compiles that one in too, at any depth of the rule tree', () => {
    const frBig = segment('frbig', 'French big spenders', rules(inSegment('fr', 'In France'), inSegment('big', 'Big spenders')));
    const predicate = segmentPredicate(
      rules({ type: 'group', combine: 'or', rules: [{ type: 'group', combine: 'and', rules: [inSegment('frbig', 'x')] }] }),
      schema,
      [FR, BIG, frBig],
    );
    expect(predicate).toBe(
      `customer_id IN (/* segment "French big spenders" */ SELECT customer_id FROM customers WHERE (` +
        `customer_id IN (/* segment "In France" */ SELECT customer_id FROM customers WHERE CAST((\ncountry = 'FR'\n) AS BOOLEAN)) AND ` +
        `customer_id IN (/* segment "Big spenders" */ SELECT customer_id FROM customers WHERE "monetary" >= 500)))`,
    );
  });

  test('a disabled segment is still what "in" it means, and the comment says so', () => {
    expect(segmentPredicate(rules(inSegment('big', 'Big spenders')), schema, [{ ...BIG, enabled: false }])).toBe(
      `customer_id IN (/* segment "Big spenders", left out of the analysis: its definition still applies here */ SELECT customer_id FROM customers WHERE "monetary" >= 500)`,
    );
  });

  test('the name the library has is the one shown (a rename keeps the reference by id)', () => {
    expect(segmentPredicate(rules(inSegment('big', 'an old name')), schema, [{ ...BIG, name: 'High spenders' }])).toContain(
      '/* segment "High spenders" */',
    );
  });

  test('no name can end the comment or open another: a "/" beside a "*" is escaped, control characters too', () => {
    const hostile = ['*/ OR true OR /*', '/*', 'a*/b', '*//*', 'line\nbreak -- x', '\\*/'];
    for (const name of hostile) {
      const sql = segmentPredicate(rules(inSegment('h', name)), schema, [segment('h', name, rules())]);
      const comment = sql.slice(sql.indexOf('/*'), sql.indexOf('*/') + 2);
      expect(comment, name).toBe(`/* segment ${commentName(name)} */`);
      // Exactly one comment opens and closes, and nothing of the name is left outside it.
      expect(sql.split('/*'), name).toHaveLength(2);
      expect(sql.split('*/'), name).toHaveLength(2);
      expect(sql.endsWith('*/ SELECT customer_id FROM customers WHERE true)'), name).toBe(true);
      expect(comment).not.toMatch(/[\n\r]/);
    }
  });
});

describe('what cannot compile says why, naming the segments', () => {
  const a = (rule: Rule) => segment('a', 'A', rules(rule));
  const b = (rule: Rule) => segment('b', 'B', rules(rule));

  test('a segment in itself', () => {
    const self = a(inSegment('a', 'A'));
    expect(errorOf(self.definition, [self], 'a')).toBe(
      'Segment cycle: A → A. A segment cannot be in itself, directly or through other segments.',
    );
  });

  test('A → B → A, named from the segment counted', () => {
    const library = [a(inSegment('b', 'B')), b(inSegment('a', 'A', false))];
    expect(errorOf(library[0].definition, library, 'a')).toMatch(/^Segment cycle: A → B → A\. /);
    expect(errorOf(library[1].definition, library, 'b')).toMatch(/^Segment cycle: B → A → B\. /);
  });

  test('a longer cycle, and a segment that is not on it but refers to it', () => {
    const library = [
      a(inSegment('b', 'B')),
      b(inSegment('c', 'C')),
      segment('c', 'C', rules(condition('monetary', 'gt', '1'), { type: 'group', combine: 'or', rules: [inSegment('a', 'A')] })),
      segment('d', 'D', rules(inSegment('b', 'B'))),
    ];
    expect(errorOf(library[2].definition, library, 'c')).toMatch(/^Segment cycle: C → A → B → C\. /);
    expect(errorOf(library[3].definition, library, 'd')).toMatch(/^Segment cycle: B → C → A → B\. /);
  });

  test('a deleted segment is named by the name the rule kept (by its id when it has none)', () => {
    expect(errorOf(rules(inSegment('gone', 'Champions')), [BIG])).toBe(
      'Segment "Champions" no longer exists (deleted, or not in the definitions opened): choose another segment or remove the condition.',
    );
    expect(errorOf(rules(inSegment('gone', '')), [BIG])).toMatch(/^Segment "gone" no longer exists/);
  });

  test('a SQL segment from a link that waits for confirmation is not compiled in, directly or through others', () => {
    const held = { ...FR, awaitingConfirmation: true };
    const waiting =
      'Segment "In France" is SQL from a share link that waits for your confirmation: read it, then press "Run SQL segments from this link".';
    expect(errorOf(rules(inSegment('fr', 'In France')), [held])).toBe(waiting);
    const through = segment('b', 'B', rules(inSegment('fr', 'In France')));
    expect(errorOf(rules(inSegment('b', 'B')), [through, held])).toBe(`In segment "B": ${waiting}`);
    // Confirmed, the same reference compiles its SQL in.
    expect(errorOf(rules(inSegment('fr', 'In France')), [FR])).toMatch(/^compiled: customer_id IN \(\/\* segment "In France" \*\/ SELECT/);
  });

  test("a referenced segment's problem is the referrer's, with the segments that lead to it", () => {
    const broken = segment('c', 'C', rules(condition('no_such_column', 'eq', 'x')));
    const library = [a(inSegment('b', 'B')), b(inSegment('c', 'C')), broken];
    expect(errorOf(library[0].definition, library, 'a')).toBe('In segment "B" → "C": Needs column `no_such_column` — map one in Data.');
    const toMissing = [a(inSegment('b', 'B')), b(inSegment('zz', 'Lost'))];
    expect(errorOf(toMissing[0].definition, toMissing, 'a')).toMatch(/^In segment "B": Segment "Lost" no longer exists/);
  });

  test("not inside an order condition: membership is a customer's, not an order line's", () => {
    const inOrders = rules({
      type: 'orders',
      atLeast: 1,
      where: { type: 'group', combine: 'and', rules: [inSegment('big', 'Big spenders')] },
    });
    expect(errorOf(inOrders, [BIG])).toBe(
      '"Is in segment" applies to customers, so it cannot be inside an order condition: move it out of "has at least N orders".',
    );
  });

  test(`at most ${MAX_REFERENCES_COMPILED} segments compiled through references: each segment in the one before, twice`, () => {
    const library: ReferableSegment[] = [segment('s0', 'S0', rules(condition('monetary', 'gt', '0')))];
    for (let i = 1; i <= 6; i++) library.push(segment(`s${i}`, `S${i}`, rules(inSegment(`s${i - 1}`, ''), inSegment(`s${i - 1}`, ''))));
    // S5 compiles 2 + 4 + … + 32 = 62 segments in; S6, 126.
    expect(errorOf(library[5].definition, library, 's5')).toMatch(/^compiled: /);
    expect(errorOf(library[6].definition, library, 's6')).toMatch(
      /^In segment "S5" → .*: More than 100 segments to compile through "is in segment" conditions \(a segment used many times through others\): refer to fewer\.$/,
    );
  });
});

describe('definition files and links carry references', () => {
  const spec: SegmentsSpec = {
    minSizePercent: 1,
    segments: [
      { id: 'big', name: 'Big spenders', color: '#0072b2', description: '', enabled: false, definition: BIG.definition },
      {
        id: 's2',
        name: 'Big, not French, repeat',
        color: '#e69f00',
        description: '',
        enabled: true,
        definition: rules(inSegment('big', 'Big spenders'), {
          type: 'group',
          combine: 'or',
          rules: [inSegment('fr', 'In France', false), condition('frequency', 'gte', '3')],
        }),
      },
      { id: 'fr', name: 'In France', color: '#009e73', description: '', enabled: true, definition: FR.definition },
    ],
  };

  test('a file opens again exactly, and the validator keeps every reference', () => {
    const text = JSON.stringify(segmentsFile(spec));
    const reading = parseSpecFile(text);
    expect(reading.spec && reading.problems).toEqual([]);
    expect(segmentsSpecOf(reading.spec!)).toEqual(spec);
  });

  test('a share link gives back the same segments, their ids numbered by place (s1, s2…) and every reference following', async () => {
    const reading = await readShareLink(await shareLink('https://example.org/app/', segmentsFile(spec)));
    expect(reading.spec && reading.problems).toEqual([]);
    expect(segmentsSpecOf(reading.spec!)).toEqual(numberedByPlace(spec));
  });

  test('written by hand: "member" defaults to "is in", the name is taken from the file\'s segment', () => {
    const reading = parseSpecFile(
      JSON.stringify({
        version: 1,
        segments: {
          segments: [
            { id: 'fr', name: 'In France', definition: FR.definition },
            { id: 'x', name: 'X', definition: rules({ type: 'segment', segment: 'fr' } as Rule, inSegment('elsewhere', 'Kept', false)) },
          ],
        },
      }),
    );
    expect(reading.spec && reading.problems).toEqual([]);
    const [, x] = segmentsSpecOf(reading.spec!).segments;
    expect(x.definition).toEqual(rules(inSegment('fr', 'In France'), inSegment('elsewhere', 'Kept', false)));
  });

  test('the validator refuses a malformed reference by its path, and leaves only that segment out', () => {
    const bad: [unknown, string][] = [
      [{ type: 'segment' }, 'spec.segments.segments[1].definition.root.rules[0]: segment is missing'],
      [
        { type: 'segment', segment: 'a b' },
        'spec.segments.segments[1].definition.root.rules[0].segment: expected an id of letters, digits, - or _, got "a b"',
      ],
      [
        { type: 'segment', segment: 'fr', member: 'no' },
        'spec.segments.segments[1].definition.root.rules[0].member: expected true or false, got "no"',
      ],
      [
        { type: 'segment', segment: 'fr', name: 'a\nb' },
        'spec.segments.segments[1].definition.root.rules[0].name: contains a control character (U+000A)',
      ],
      [
        { type: 'segment', segment: 'fr', negate: true },
        'spec.segments.segments[1].definition.root.rules[0]: unknown key "negate" (known: type, segment, member, name)',
      ],
    ];
    for (const [rule, problem] of bad) {
      const reading = parseSpecFile(
        JSON.stringify({
          version: 1,
          segments: {
            segments: [
              { id: 'fr', name: 'In France', definition: FR.definition },
              { id: 'x', name: 'X', definition: rules(rule as Rule) },
            ],
          },
        }),
      );
      expect(reading.spec && reading.problems).toEqual([problem]);
      expect(reading.spec?.segments?.segments.map((s) => s.id)).toEqual(['fr']);
    }
  });

  test('a cycle, a missing segment, a reference inside an order condition: the file opens, and the segment says what is wrong when counted', () => {
    const reading = parseSpecFile(
      JSON.stringify({
        version: 1,
        segments: {
          segments: [
            { id: 'a', name: 'A', definition: rules(inSegment('a', 'A')) },
            { id: 'b', name: 'B', definition: rules(inSegment('gone', 'Gone')) },
            {
              id: 'c',
              name: 'C',
              definition: rules({ type: 'orders', atLeast: 1, where: { type: 'group', combine: 'and', rules: [inSegment('a', 'A')] } }),
            },
          ],
        },
      }),
    );
    expect(reading.spec && reading.problems).toEqual([]);
    const library = segmentsSpecOf(reading.spec!).segments;
    expect(library.map((s) => errorOf(s.definition, library, s.id).split('.')[0])).toEqual([
      'Segment cycle: A → A',
      'Segment "Gone" no longer exists (deleted, or not in the definitions opened): choose another segment or remove the condition',
      '"Is in segment" applies to customers, so it cannot be inside an order condition: move it out of "has at least N orders"',
    ]);
  });
});

describe('which segments depend on which, for recounting', () => {
  const library = [
    segment('a', 'A', rules(condition('monetary', 'gt', '1'))),
    segment('b', 'B', rules(inSegment('a', 'A'))),
    segment('c', 'C', rules({ type: 'group', combine: 'or', rules: [inSegment('b', 'B', false)] })),
    segment('d', 'D', rules(condition('frequency', 'gt', '1'))),
    // A cycle does not make the walk go round for ever.
    segment('e', 'E', rules(inSegment('f', 'F'))),
    segment('f', 'F', rules(inSegment('e', 'E'), inSegment('a', 'A'))),
  ];

  test('what a segment reaches, and what reaches it', () => {
    expect(referencedSegments(library[2].definition, library).map((s) => s.id)).toEqual(['b', 'a']);
    expect(referencedSegments(library[4].definition, library).map((s) => s.id)).toEqual(['f', 'e', 'a']);
    expect(dependentsOf('a', library)).toEqual(['b', 'c', 'e', 'f']);
    expect(dependentsOf('d', library)).toEqual([]);
    expect(dependentsOf('e', library)).toEqual(['f']);
  });

  test('a rename reaches every reference to the segment, at any depth, and only those', () => {
    const c: SegmentSpec = { ...library[2], color: '#000000', description: '', definition: structuredClone(library[2].definition) };
    expect(renameReferences(c.definition, 'b', 'Bee')).toBe(true);
    expect(renameReferences(c.definition, 'b', 'Bee')).toBe(false);
    expect(renameReferences(c.definition, 'a', 'Ay')).toBe(false);
    expect(c.definition).toEqual(rules({ type: 'group', combine: 'or', rules: [inSegment('b', 'Bee', false)] }));
  });

  test('in words, for the customer story', () => {
    expect(ruleText(segmentReference({ id: 'big', name: 'Big spenders' }), schema)).toBe('is in segment "Big spenders"');
    expect(ruleText(inSegment('big', 'Big spenders', false), schema)).toBe('is not in segment "Big spenders"');
  });
});
