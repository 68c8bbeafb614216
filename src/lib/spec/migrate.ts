import { refOf, type MappedFiles } from './column-ref.ts';
import type { CleaningRules, IdCleanup, Role } from './import.ts';
import type { FileOverrides, SpecFile } from './spec-file.ts';

/**
 * Spec version 1 as it was released: cleaning rules and the id fallback named a column by its
 * header text. Kept only to read version-1 files and links, which migrate forward (`migrateSpec`).
 */
export interface SpecFileV1 extends Omit<SpecFile, 'version' | 'import'> {
  version: 1;
  import?: Omit<NonNullable<SpecFile['import']>, 'cleaning' | 'ids'> & {
    cleaning?: Partial<Omit<CleaningRules, 'cancelled'>> & { cancelled?: Partial<CleaningRules['cancelled']> };
    ids?: Partial<IdCleanup>;
  };
}

/** The header → role choices of a version-1 file, as mapped columns (what is known of the file it was made on). */
function knownColumns(overrides: (FileOverrides | undefined)[]): MappedFiles {
  return overrides.map((o) => ({ columns: Object.entries(o?.columns ?? {}).map(([name, role]: [string, Role]) => ({ name, role })) }));
}

/**
 * A version-1 spec as version 2. Everything carries over as it was; a column a cleaning rule named
 * by its header text is named by the role the file gave that header (`Status` mapped to `status`
 * becomes `{ role: "status" }`), and otherwise by its name as an attribute (`{ attribute: "Status" }`),
 * which finds the same column in the same file. Pure: no file is needed.
 */
export function migrateSpec(v1: SpecFileV1): SpecFile {
  const imported = v1.import;
  const inOrder = (next?: SpecFile['import']) =>
    Object.fromEntries(
      Object.keys(v1).map((k) => [k, k === 'version' ? 2 : k === 'import' ? next : v1[k as keyof SpecFileV1]]),
    ) as unknown as SpecFile;
  if (!imported) return inOrder();
  const files = knownColumns([imported.transactions, imported.customers]);
  const ref = (column: string | null | undefined) => (column == null ? column : refOf(column, files));
  const { cleaning, ids, ...sameImport } = imported;
  const next: NonNullable<SpecFile['import']> = { ...sameImport };
  if (cleaning) {
    const { cancelled, keepOnly, refundColumn, ...sameCleaning } = cleaning;
    next.cleaning = { ...sameCleaning };
    if (cancelled) {
      const { filledColumn, ...sameCancelled } = cancelled;
      next.cleaning.cancelled = filledColumn === undefined ? sameCancelled : { ...sameCancelled, filledColumn: ref(filledColumn) };
    }
    if (keepOnly) next.cleaning.keepOnly = keepOnly.map((k) => ({ column: refOf(k.column, files), values: k.values }));
    if (refundColumn !== undefined) next.cleaning.refundColumn = ref(refundColumn);
    // Keep the key order of version 1 (a file saved again reads the same).
    next.cleaning = Object.fromEntries(Object.keys(cleaning).map((k) => [k, next.cleaning![k as keyof typeof next.cleaning]]));
  }
  if (ids) {
    const { fallbackColumn, ...sameIds } = ids;
    next.ids = fallbackColumn === undefined ? sameIds : { ...sameIds, fallbackColumn: ref(fallbackColumn) };
    next.ids = Object.fromEntries(Object.keys(ids).map((k) => [k, next.ids![k as keyof typeof next.ids]]));
  }
  return inOrder(Object.fromEntries(Object.keys(imported).map((k) => [k, next[k as keyof typeof next]])));
}

/** What a reader takes: a spec of either version (version 1 is migrated as it is read). */
export type AnySpecFile = SpecFile | SpecFileV1;

/** A spec as version 2, whichever version it was written in. */
export const asVersion2 = (spec: AnySpecFile): SpecFile => (spec.version === 1 ? migrateSpec(spec) : spec);
