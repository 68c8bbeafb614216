import { ROLES, type ColumnMapping, type Role } from './import.ts';

/** Roles at most one column of a file can have: all but attribute and ignore. */
const UNIQUE_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'attribute' && r !== 'ignore');

/** Gives a column a role; a role that must be unique moves away from the column that had it (to attribute). */
export function assignRole(columns: readonly ColumnMapping[], column: string, role: Role): ColumnMapping[] {
  return columns.map((c) => {
    if (c.name === column) return { ...c, role };
    if (c.role === role && UNIQUE_ROLES.includes(role)) return { ...c, role: 'attribute' as const };
    return c;
  });
}
