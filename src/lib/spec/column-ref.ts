import type { FileImport, KeepOnlyRule, Role } from './import.ts';
import { ROLE_LABELS } from './role-labels.ts';

/**
 * A column named by what it means, never by its header text (spec version 2): by role (`status`,
 * `customer_id`…), which the colleague's own mapping gives, or by attribute name (the column's
 * name as read, compared case-insensitively), so a link made on one file applies to another.
 */
export type ColumnRef = { role: Role } | { attribute: string };

/** What a reference is looked up in: files' mapped columns (the whole file is not needed). */
export type MappedFiles = readonly Pick<FileImport, 'columns'>[];

/** Roles that name one column each: anything else is referred to by its name. */
const NAMED_BY_ROLE = (role: Role) => role !== 'attribute' && role !== 'ignore';

/** How a column of these files is referred to in a spec: by its role when it has one, else by its name. */
export function refOf(column: string, files: MappedFiles): ColumnRef {
  const role = files.flatMap((f) => f.columns).find((c) => c.name === column)?.role;
  return role && NAMED_BY_ROLE(role) ? { role } : { attribute: column };
}

/** The column of these files a reference names, or null when none has it. */
export function resolveRef(ref: ColumnRef, files: MappedFiles): string | null {
  const columns = files.flatMap((f) => f.columns);
  if ('role' in ref) return columns.find((c) => c.role === ref.role)?.name ?? null;
  const exact = columns.find((c) => c.name === ref.attribute);
  const wanted = ref.attribute.trim().toLowerCase();
  return (exact ?? columns.find((c) => c.name.trim().toLowerCase() === wanted))?.name ?? null;
}

/** What a rule naming this column needs, as the page and the command line say it: a column mapped as Status, or named `Channel`. */
export function refNeed(ref: ColumnRef): string {
  return 'role' in ref ? `a column mapped as ${ROLE_LABELS[ref.role]}` : `a column named "${ref.attribute}"`;
}

export interface KeepOnlyRuleV2 {
  column: ColumnRef;
  values: string[];
}

/** Keep-only rules with their columns named as in these files. */
export const keepOnlyRefs = (rules: readonly KeepOnlyRule[], files: MappedFiles): KeepOnlyRuleV2[] =>
  rules.map((r) => ({ column: refOf(r.column, files), values: [...r.values] }));
