import type { SegmentsSpec } from '../../src/lib/spec/segments.ts';

/** Segments as a share link gives them back: ids numbered by place (`s1`, `s2`…), every reference following. */
export function numberedByPlace(spec: SegmentsSpec): SegmentsSpec {
  const place = new Map(spec.segments.map((s, i) => [s.id, `s${i + 1}`]));
  return JSON.parse(JSON.stringify(spec), (key, value) =>
    (key === 'id' || key === 'segment') && place.has(value) ? place.get(value) : value,
  ) as SegmentsSpec;
}
