import { isRecord } from './check.ts';
import type { SpecFile } from './spec-file.ts';

/**
 * How a share link writes a spec's segments, shorter than JSON objects: a segment is
 * `[id, name, definition, description?, colour?, enabled?]` (0 for a default colour before a later
 * field), a definition is its rule group or its SQL text, a group `{ "and": [...] }` / `{ "or": [...] }`,
 * a condition `[column, op, value?, value2?, values?]`, an order condition `{ "n": atLeast, "w": group }`,
 * a segment reference `{ "s": id, "m"?: false, "name"?: … }`. Everything else is the spec as is.
 * Unpacking trusts nothing and never throws: what does not fit the packed shape passes through
 * unchanged, for the validator to name.
 */
const MAX_DEPTH = 64;

export function packSpec(spec: SpecFile): unknown {
  if (!spec.segments) return spec;
  const { segments, minSizePercent } = spec.segments;
  return {
    ...spec,
    segments: { ...(minSizePercent !== undefined && { minSizePercent }), packed: segments.map(packSegment) },
  };
}

function packSegment(s: NonNullable<SpecFile['segments']>['segments'][number]): unknown[] {
  const def = s.definition.kind === 'sql' ? s.definition.sql : packRule(s.definition.root);
  const out: unknown[] = [s.id, s.name, def];
  const rest = [s.description ?? '', s.color ?? 0, s.enabled ?? true];
  const last = s.enabled === false ? 3 : s.color !== undefined ? 2 : s.description ? 1 : 0;
  return [...out, ...rest.slice(0, last)];
}

function packRule(rule: unknown): unknown {
  const r = rule as Record<string, unknown>;
  switch (r.type) {
    case 'condition': {
      const out = [r.column, r.op, r.value ?? '', r.value2 ?? '', r.values ?? []];
      while (out.length > 2 && (out.at(-1) === '' || (Array.isArray(out.at(-1)) && (out.at(-1) as unknown[]).length === 0))) out.pop();
      return out;
    }
    case 'orders':
      return { n: r.atLeast, w: packRule(r.where) };
    case 'segment':
      return { s: r.segment, ...(r.member !== undefined && { m: r.member }), ...(r.name !== undefined && { name: r.name }) };
    default:
      return { [r.combine as string]: (r.rules as unknown[]).map(packRule) };
  }
}

/** The spec a link's JSON holds, its packed segments written out again. */
export function unpackSpec(json: unknown): unknown {
  if (!isRecord(json) || !isRecord(json.segments) || !Array.isArray(json.segments.packed)) return json;
  const { packed, ...rest } = json.segments;
  return { ...json, segments: { ...rest, segments: packed.map(unpackSegment) } };
}

function unpackSegment(item: unknown): unknown {
  if (!Array.isArray(item) || item.length < 3 || item.length > 6) return item;
  const [id, name, def, description, color, enabled] = item as unknown[];
  const definition = typeof def === 'string' ? { kind: 'sql', sql: def } : { kind: 'rules', root: unpackRule(def, 0) };
  const seg: Record<string, unknown> = { id, name };
  if (description !== undefined && description !== '') seg.description = description;
  if (color !== undefined && color !== 0) seg.color = color;
  if (enabled !== undefined) seg.enabled = enabled;
  seg.definition = definition;
  return seg;
}

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
  if (Object.hasOwn(rule, 's') && keys.every((k) => ['s', 'm', 'name'].includes(k)))
    return {
      type: 'segment',
      segment: rule.s,
      ...(rule.m !== undefined && { member: rule.m }),
      ...(rule.name !== undefined && { name: rule.name }),
    };
  return rule;
}
