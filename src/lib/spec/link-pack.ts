import { isRecord } from './check.ts';
import type { Rule } from './segments.ts';
import type { SpecFile } from './spec-file.ts';

/**
 * How a share link writes a spec's segments, shorter than JSON objects. A segment is
 * `[name, definition, description?, colour?, enabled?]` (0 for a default colour before a later
 * field); its id is its place in the list (segment ids are the page's own handles, never shown:
 * an opened link numbers them `s1`, `s2`… as the page does). A definition is its rule group or
 * its SQL text; a group `{ "and": [...] }` / `{ "or": [...] }`; a condition
 * `[column, op, value?, value2?, values?]`; an order condition `{ "n": atLeast, "w": group }`; a
 * segment reference `{ "s": place, "m"?: false }`, or `{ "s": id, "name": … }` for a segment
 * the link does not hold. Everything else is the spec as is.
 * Unpacking trusts nothing and never throws: what does not fit the packed shape passes through
 * unchanged, for the validator to name.
 */
const MAX_DEPTH = 64;

type SpecSegment = NonNullable<SpecFile['segments']>['segments'][number];

/** The id an opened link gives the segment at `place` (0-based), as the page numbers its own. */
export const linkSegmentId = (place: number) => `s${place + 1}`;

export function packSpec(spec: SpecFile): unknown {
  if (!spec.segments) return spec;
  const { segments, minSizePercent } = spec.segments;
  const places = new Map(segments.map((s, i) => [s.id, i]));
  return {
    ...spec,
    segments: { ...(minSizePercent !== undefined && { minSizePercent }), packed: segments.map((s) => packSegment(s, places)) },
  };
}

function packSegment(s: SpecSegment, places: ReadonlyMap<string, number>): unknown[] {
  const def = s.definition.kind === 'sql' ? s.definition.sql : packRule(s.definition.root, places);
  const rest = [s.description ?? '', s.color ?? 0, s.enabled ?? true];
  const last = s.enabled === false ? 3 : s.color !== undefined ? 2 : s.description ? 1 : 0;
  return [s.name, def, ...rest.slice(0, last)];
}

function packRule(rule: Rule, places: ReadonlyMap<string, number>): unknown {
  switch (rule.type) {
    case 'condition': {
      const out: unknown[] = [rule.column, rule.op, rule.value ?? '', rule.value2 ?? '', rule.values ?? []];
      const empty = (x: unknown) => x === '' || (Array.isArray(x) && x.length === 0);
      while (out.length > 2 && empty(out.at(-1))) out.pop();
      return out;
    }
    case 'orders':
      return { n: rule.atLeast, w: packRule(rule.where, places) };
    case 'segment': {
      const place = places.get(rule.segment);
      const member = rule.member === false ? { m: false } : {};
      return place === undefined
        ? { s: rule.segment, ...member, ...(rule.name !== undefined && { name: rule.name }) }
        : { s: place, ...member };
    }
    default:
      return { [rule.combine]: rule.rules.map((r) => packRule(r, places)) };
  }
}

/**
 * The spec as a link gives it back: what packing keeps, written out again (segment ids numbered
 * by place). Whatever form a link was written in, opening it gives this form, so what opens
 * re-encodes to itself.
 */
export const inLinkForm = (spec: SpecFile): SpecFile => unpackSpec(JSON.parse(JSON.stringify(packSpec(spec)))) as SpecFile;

/** The spec a link's JSON holds, its packed segments written out again. */
export function unpackSpec(json: unknown): unknown {
  if (!isRecord(json) || !isRecord(json.segments) || !Array.isArray(json.segments.packed)) return json;
  const { packed, ...rest } = json.segments;
  return { ...json, segments: { ...rest, segments: packed.map(unpackSegment) } };
}

function unpackSegment(item: unknown, place: number): unknown {
  if (!Array.isArray(item) || item.length < 2 || item.length > 5) return item;
  const [name, def, description, color, enabled] = item as unknown[];
  const definition = typeof def === 'string' ? { kind: 'sql', sql: def } : { kind: 'rules', root: unpackRule(def, 0) };
  const seg: Record<string, unknown> = { id: linkSegmentId(place), name };
  if (description !== undefined && description !== '') seg.description = description;
  if (color !== undefined && color !== 0) seg.color = color;
  if (enabled !== undefined) seg.enabled = enabled;
  seg.definition = definition;
  return seg;
}

/**
 * The id of a segment the link does not hold, kept apart from the ids places are given: `s2` of a
 * segment no longer there must not become the second segment's (it is written `x2`).
 */
const notAPlace = (id: unknown) => (typeof id === 'string' && /^s\d+$/.test(id) ? `x${id.slice(1)}` : id);

function unpackRule(rule: unknown, depth: number): unknown {
  if (depth > MAX_DEPTH) return rule;
  if (Array.isArray(rule)) {
    if (rule.length < 2 || rule.length > 5) return rule;
    const [column, op, value, value2, values] = rule as unknown[];
    return {
      type: 'condition',
      column,
      op,
      ...(value !== undefined && { value }),
      ...(value2 !== undefined && { value2 }),
      ...(values !== undefined && { values }),
    };
  }
  if (!isRecord(rule)) return rule;
  const keys = Object.keys(rule);
  if (keys.length === 1 && (keys[0] === 'and' || keys[0] === 'or') && Array.isArray(rule[keys[0]]))
    return { type: 'group', combine: keys[0], rules: (rule[keys[0]] as unknown[]).map((r) => unpackRule(r, depth + 1)) };
  if (Object.hasOwn(rule, 'n') && Object.hasOwn(rule, 'w') && keys.length === 2)
    return { type: 'orders', atLeast: rule.n, where: unpackRule(rule.w, depth + 1) };
  if (Object.hasOwn(rule, 's') && keys.every((k) => ['s', 'm', 'name'].includes(k))) {
    const place = rule.s;
    const segment = typeof place === 'number' && Number.isInteger(place) && place >= 0 ? linkSegmentId(place) : notAPlace(place);
    return {
      type: 'segment',
      segment,
      ...(rule.m !== undefined && { member: rule.m }),
      ...(rule.name !== undefined && { name: rule.name }),
    };
  }
  return rule;
}
