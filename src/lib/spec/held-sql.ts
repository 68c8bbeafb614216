import type { SegmentSpec } from './segments.ts';

/** Segments as a spec, a spec file or a saved record holds them. */
type SegmentList = { segments: readonly Pick<SegmentSpec, 'id' | 'definition'>[] };

/**
 * SQL segments that arrive in a share link are held: shown in full, but run nowhere (no count, no
 * analysis, no export, no "in segment" through them) until the user confirms them. A link is a
 * click away in a chat; the SQL in it is someone else's until its reader says otherwise.
 */

/** The ids of a spec's SQL segments: what a link brings that waits for confirmation. */
export function sqlSegmentIds(spec: SegmentList): string[] {
  return spec.segments.filter((s) => s.definition.kind === 'sql').map((s) => s.id);
}

/**
 * The held ids a saved record lists, read back against its segments: only SQL segments can be held.
 * Absent means none (a record written before holding existed, or with nothing held). Anything else
 * than a list of ids is not trusted the other way: every SQL segment is held again, and it is said.
 */
export function readHeldSql(raw: unknown, spec: SegmentList | undefined): { held: string[]; problem: string | null } {
  const sql = spec ? sqlSegmentIds(spec) : [];
  if (raw === undefined) return { held: [], problem: null };
  if (Array.isArray(raw) && raw.every((id) => typeof id === 'string')) return { held: sql.filter((id) => raw.includes(id)), problem: null };
  return { held: sql, problem: 'heldSql: expected a list of segment ids; every SQL segment waits for your confirmation again' };
}
