import { readFileSync } from 'node:fs';
import { deflateRawSync, gunzipSync, gzipSync, inflateRawSync } from 'node:zlib';
import { expect, test } from 'vitest';
import { checkSpec, type SpecReading } from '../../src/lib/spec/read-spec.ts';
import { readShareLink, shareFragment } from '../../src/lib/spec/share-link.ts';
import type { SpecFile } from '../../src/lib/spec/spec-file.ts';

/**
 * 10,000 random mutations of valid links, from a fixed seed: the text of the link (characters
 * flipped, inserted, deleted, cut short), the compressed bytes under it (gzip, as links up to version 1 were, and raw deflate), and the JSON inside it re-encoded
 * (wrong types, huge numbers, deep nesting, missing and extra keys, control characters…). None may
 * throw, and every spec the decoder returns must pass the validator again unchanged and make a link
 * that opens to the same spec.
 */
const MUTATIONS = 10_000;
const SEED = 20_241_231;

/** mulberry32: a small, fast generator whose sequence is fixed by its seed. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { int, pick: <T>(items: readonly T[]): T => items[int(items.length)] };
}

const frozenV1 = readFileSync(new URL('../fixtures/links/v1.txt', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.startsWith('https://'))[0];

const group = (rules: unknown[], combine = 'and') => ({ type: 'group', combine, rules });
const cond = (column: string, op: string, value = '', value2 = '', values: string[] = []) => ({
  type: 'condition',
  column,
  op,
  value,
  value2,
  values,
});
const SPECS: unknown[] = [
  {
    version: 1,
    analysis: {
      analysisDate: '2024-12-31',
      rfm: { method: 'breakpoints', bins: 5, map: { kind: 'cells', segments: [{ name: 'Top', cells: ['555', '554'], action: 'Thank' }] } },
    },
    segments: {
      segments: [
        {
          id: 's1',
          name: 'Lapsing "VIPs" — ünïcødé',
          definition: { kind: 'rules', root: group([cond('monetary', 'gte', '500'), cond('last_purchase', 'more_than_ago', '90')]) },
        },
        { id: 's2', name: 'SQL', definition: { kind: 'sql', sql: "country = 'FR'" } },
        {
          id: 's3',
          name: 'Not s1',
          definition: { kind: 'rules', root: group([{ type: 'segment', segment: 's1', member: false, name: 'x' }], 'or') },
        },
      ],
    },
  },
  {
    version: 1,
    import: { amountLevel: 'line', ids: { trim: true }, transactions: { columns: { Kunde: 'customer_id' } } },
    segments: {
      minSizePercent: 0.5,
      segments: Array.from({ length: 12 }, (_, i) => ({
        id: `seg-${i}`,
        name: `Segment ${i}`,
        color: '#e69f00',
        definition: {
          kind: 'rules',
          root: group([
            cond('country', 'in', '', '', ['DE', 'FR']),
            { type: 'orders', atLeast: 2, where: group([cond('amount', 'between', '1', '9')]) },
          ]),
        },
      })),
    },
  },
];

/** Links up to version 1 were gzip; today's are raw deflate holding packed segments. Both are fuzzed. */
type Format = 'gzip' | 'raw';
const toLink = (json: string, format: Format) =>
  `#spec=${(format === 'gzip' ? gzipSync(json) : deflateRawSync(json)).toString('base64url')}`;
const linkFormat = (link: string): Format => (Buffer.from(encodedOf(link), 'base64url')[0] === 0x1f ? 'gzip' : 'raw');
const encodedOf = (link: string) => new URL(link, 'https://example.org/').hash.slice('#spec='.length);
const specText = (link: string) => {
  const data = Buffer.from(encodedOf(link), 'base64url');
  return JSON.parse(new TextDecoder().decode(linkFormat(link) === 'gzip' ? gunzipSync(data) : inflateRawSync(data))) as unknown;
};

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const ODD_CHARS = [...BASE64URL, '%', '+', '/', '=', '&', '#', ' ', 'é', '\0', '%00', '%2'];
/** Raw JSON put where a value was: what JSON.stringify cannot write (1e999) or would recurse to (deep nesting). */
const RAW_VALUES = [
  '1e999',
  '-1e999',
  '1e308',
  '-0',
  '0.1',
  '9007199254740993',
  '[]',
  '{}',
  'null',
  'true',
  '""',
  '"\\u0000"',
  '"\\u0007x"',
  '"2023-02-29"',
  '"555"',
  '3',
  '"and"',
];

function deep(rng: ReturnType<typeof generator>): string {
  const depth = rng.pick([9, 50, 1_000, 20_000]);
  return rng.int(2)
    ? '['.repeat(depth) + ']'.repeat(depth)
    : '{"type":"group","combine":"and","rules":['.repeat(depth) + ']}'.repeat(depth);
}

/** Every object and list in a value, with the way to reach it. */
function containers(value: unknown): (Record<string, unknown> | unknown[])[] {
  const out: (Record<string, unknown> | unknown[])[] = [];
  const stack = [value];
  while (stack.length) {
    const node = stack.pop();
    if (node && typeof node === 'object') {
      out.push(node as Record<string, unknown>);
      stack.push(...Object.values(node));
    }
  }
  return out;
}

function mutateJson(spec: unknown, rng: ReturnType<typeof generator>): string {
  const copy = structuredClone(spec);
  const raw: string[] = [];
  const rounds = 1 + rng.int(3);
  for (let r = 0; r < rounds; r++) {
    const all = containers(copy);
    const target = rng.pick(all);
    const keys = Object.keys(target);
    const key = keys.length ? rng.pick(keys) : '0';
    const put = (value: unknown) => ((target as Record<string, unknown>)[key] = value);
    switch (rng.int(8)) {
      case 0: // a value of another type, or one the validator must refuse
        raw.push(rng.pick(RAW_VALUES));
        put(`\u0001RAW${raw.length - 1}\u0001`);
        break;
      case 1: // deep nesting
        raw.push(deep(rng));
        put(`\u0001RAW${raw.length - 1}\u0001`);
        break;
      case 2: // a key missing
        if (Array.isArray(target)) target.splice(rng.int(target.length + 1), 1);
        else Reflect.deleteProperty(target, key);
        break;
      case 3: // an extra key
        if (!Array.isArray(target))
          target[rng.pick(['extra', '__proto__', 'constructor', 'toString', 'name', 'id', 'type', 'segments', 'x'.repeat(100)])] = rng.pick(
            [1, 'x', null, [], {}],
          );
        else target.push(rng.pick([1, 'x', null, [], {}, structuredClone(target[0])]));
        break;
      case 4: // an item repeated (same id or name)
        if (Array.isArray(target) && target.length) target.push(structuredClone(rng.pick(target)));
        else put(structuredClone(rng.pick(all)));
        break;
      case 5: // a number or text pushed out of range
        put(rng.pick([-1, 0, 101, 1e6, 2.5, '', ' ', 'x'.repeat(5_000), 'a\tb', 'DE', '2024-13-45', '100001', 'Other', '#GGGGGG']));
        break;
      case 6: // a list where an object was, and the other way round
        put(Array.isArray(target[key as never]) ? { ...(target[key as never] as object) } : [target[key as never]]);
        break;
      default: // many copies: the caps
        if (Array.isArray(target) && target.length) put(Array.from({ length: rng.pick([51, 201, 300]) }, () => structuredClone(target[0])));
        else put(null);
    }
  }
  return JSON.stringify(copy).replace(/"\\u0001RAW(\d+)\\u0001"/g, (_, i) => raw[Number(i)]);
}

function mutateText(link: string, rng: ReturnType<typeof generator>): string {
  const at = link.indexOf('#spec=') + 6;
  const pos = at + rng.int(link.length - at);
  switch (rng.int(6)) {
    case 0: // a character changed
      return link.slice(0, pos) + rng.pick(ODD_CHARS) + link.slice(pos + 1);
    case 1: // cut short
      return link.slice(0, pos);
    case 2: // characters inserted
      return link.slice(0, pos) + Array.from({ length: 1 + rng.int(8) }, () => rng.pick(ODD_CHARS)).join('') + link.slice(pos);
    case 3: // a stretch deleted
      return link.slice(0, pos) + link.slice(pos + 1 + rng.int(40));
    case 4: // two characters swapped
      return link.slice(0, pos) + link[pos + 1] + link[pos] + link.slice(pos + 2);
    default: {
      // a bit of the compressed stream flipped, re-encoded
      const data = Buffer.from(link.slice(at), 'base64url');
      const i = rng.int(data.length);
      data[i] ^= 1 << rng.int(8);
      return `${link.slice(0, at)}${data.toString('base64url')}`;
    }
  }
}

test(`${MUTATIONS.toLocaleString('en-US')} random mutations of valid links: no exception, and what opens re-validates and re-encodes to itself`, async () => {
  const rng = generator(SEED);
  const links = [
    frozenV1,
    ...SPECS.map((spec) => toLink(JSON.stringify(spec), 'gzip')),
    ...(await Promise.all(SPECS.map(async (spec) => `#${await shareFragment(spec as SpecFile)}`))),
  ];
  const seeds = links.map((link) => ({ link, spec: specText(link), format: linkFormat(link) }));
  expect(seeds.map((s) => s.format)).toEqual(['gzip', 'gzip', 'gzip', 'raw', 'raw']);
  for (const { link } of seeds) {
    const reading = await readShareLink(link);
    expect(reading.spec && reading.problems).toEqual([]);
  }
  // The links are made in order (the generator's sequence fixes them), then opened a batch at a
  // time: inflating waits on zlib's threads, so links opened together overlap their waits.
  const mutated = Array.from({ length: MUTATIONS }, () => {
    const seed = rng.pick(seeds);
    return rng.int(2) ? mutateText(seed.link, rng) : toLink(mutateJson(seed.spec, rng), seed.format);
  });
  const counts = { refused: 0, partial: 0, intact: 0 };
  const thrown: string[] = [];
  const unstable: string[] = [];
  const open = async (link: string, n: number) => {
    let reading;
    try {
      reading = await readShareLink(link);
    } catch (e) {
      return void thrown.push(`#${n}: ${String(e)}`);
    }
    if (reading.spec === null) return void counts.refused++;
    counts[reading.problems.length ? 'partial' : 'intact']++;
    const again = checkSpec(JSON.parse(JSON.stringify(reading.spec)));
    const relinked = await readShareLink(await shareFragment(reading.spec));
    const same = (other: SpecReading) =>
      other.spec && !other.problems.length && JSON.stringify(other.spec) === JSON.stringify(reading.spec);
    if (!same(again)) unstable.push(`#${n} re-validated: ${JSON.stringify(again).slice(0, 300)}`);
    else if (!same(relinked)) unstable.push(`#${n} re-encoded: ${JSON.stringify(relinked).slice(0, 300)}`);
  };
  const BATCH = 50;
  for (let n = 0; n < MUTATIONS; n += BATCH) await Promise.all(mutated.slice(n, n + BATCH).map((link, i) => open(link, n + i)));
  console.log(`share-link fuzz, seed ${SEED}: ${JSON.stringify(counts)}`);
  expect(thrown.slice(0, 5)).toEqual([]);
  expect(unstable.slice(0, 5)).toEqual([]);
  expect(counts.refused + counts.partial + counts.intact).toBe(MUTATIONS);
  // The mutations reach every outcome: a fuzz that only ever broke the gzip would test nothing.
  expect(Math.min(counts.refused, counts.partial, counts.intact)).toBeGreaterThan(200);
}, 120_000);
