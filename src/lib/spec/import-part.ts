import { keepOnlyRefs, refOf, refNeed, resolveRef, type ColumnRef } from './column-ref.ts';
import {
  defaultIdCleanup,
  standardCleaning,
  type CleaningRules,
  type FileImport,
  type FileKind,
  type IdCleanup,
  type ImportSpec,
  type Role,
} from './import.ts';
import type { FileOverrides, SpecCleaning, SpecFile, SpecIds } from './spec-file.ts';

/**
 * The import part of a spec (version 2) between the page's settings and the files they apply to:
 * written with each column a rule names by its role or attribute name, read back onto another
 * file's columns, and what such a file lacks, in words.
 */

/** The settings the Data section holds beside the files' mappings. */
export type ImportSettings = Omit<ImportSpec, 'files'>;
type ImportPart = NonNullable<SpecFile['import']>;

const NAMED_ROLE = (role: Role) => role !== 'attribute' && role !== 'ignore';

/** The roles the files of this kind map, in the order of `ROLES`' first appearance in them. */
function rolesOf(files: readonly FileImport[], kind: FileKind): Role[] {
  return [...new Set(files.filter((f) => f.kind === kind).flatMap((f) => f.columns.map((c) => c.role)))].filter(NAMED_ROLE);
}

const differ = (a: unknown, b: unknown) => JSON.stringify(a) !== JSON.stringify(b);

/** The entries of `given` that differ from `standard` or from `base` (where a base is given). */
function changed<T extends object>(given: T, standard: object, base?: object): Partial<T> {
  const at = (o: object | undefined, k: string) => (o as Record<string, unknown> | undefined)?.[k];
  return Object.fromEntries(
    Object.entries(given).filter(([k, v]) => differ(v, at(standard, k)) || (base !== undefined && differ(v, at(base, k)))),
  ) as Partial<T>;
}

/**
 * The import settings as a spec writes them: each column a rule names named by its role in these
 * files, or by its name when it is an attribute. With `base`
 * (what the page would set for these files by itself), only what differs from "Standard" or from
 * that base is written: what a share link carries. What is left out is what a colleague's own file
 * calls for (a Shopify export's line-item settings), and the link's choices go on top.
 */
export function importPartOf(settings: ImportSettings, files: readonly FileImport[], base?: ImportSettings): ImportPart {
  const asSpec = (s: ImportSettings) => {
    // A setting left out (undefined) stays left out: older settings have no such key, and mean the same.
    const ref = (column: string | null | undefined) => (column == null ? column : refOf(column, files));
    const c = s.cleaning;
    const cleaning: SpecCleaning = {
      ...c,
      cancelled: { ...c.cancelled, filledColumn: ref(c.cancelled.filledColumn) },
      keepOnly: keepOnlyRefs(c.keepOnly ?? [], files),
      refundColumn: ref(c.refundColumn),
    };
    const ids: SpecIds = { ...s.ids, fallbackColumn: ref(s.ids.fallbackColumn) };
    return { amountLevel: s.amountLevel, cleaning, ids, duplicateCustomers: s.duplicateCustomers };
  };
  const full = asSpec(settings);
  if (!base) return full;

  const standard = asSpec({ amountLevel: 'line', cleaning: standardCleaning(), ids: defaultIdCleanup(), duplicateCustomers: 'refuse' });
  const baseSpec = asSpec(base);
  const out: ImportPart = changed(
    { amountLevel: full.amountLevel, duplicateCustomers: full.duplicateCustomers },
    { amountLevel: standard.amountLevel, duplicateCustomers: standard.duplicateCustomers },
    baseSpec,
  );
  const { cancelled, ...rest } = full.cleaning;
  const cleaning: SpecCleaning = changed(rest, standard.cleaning, baseSpec.cleaning);
  const cancelledChanged = changed(cancelled!, standard.cleaning.cancelled!, baseSpec.cleaning.cancelled);
  if (Object.keys(cancelledChanged).length) cleaning.cancelled = cancelledChanged;
  if (Object.keys(cleaning).length) out.cleaning = cleaning;
  const ids = changed(full.ids, standard.ids, baseSpec.ids);
  if (Object.keys(ids).length) out.ids = ids;
  return out;
}

/** The part with the roles each kind of these files maps: what a colleague's file is asked to map. */
export function withRoles(part: ImportPart, files: readonly FileImport[]): ImportPart {
  const roles = (['transactions', 'customers'] as const).map((kind) => [kind, rolesOf(files, kind)] as const).filter(([, r]) => r.length);
  return { ...part, ...Object.fromEntries(roles.map(([kind, r]) => [kind, { ...part[kind], roles: r }])) };
}

/** Id clean-up with its fallback column named as in these files (a fallback they lack is left out: see `unmappedColumns`). */
export function resolvedIds(files: readonly FileImport[], given: SpecIds | undefined): Partial<IdCleanup> {
  const { fallbackColumn, ...ids } = given ?? {};
  if (fallbackColumn === undefined) return ids;
  const column = fallbackColumn && resolveRef(fallbackColumn, files);
  return column === null && fallbackColumn ? ids : { ...ids, fallbackColumn: column };
}

/** Cleaning rules with their columns named as in these files; a rule whose column they lack is left out (see `unmappedColumns`). */
export function resolvedCleaning(files: readonly FileImport[], given: SpecCleaning | undefined): Partial<CleaningRules> {
  if (!given) return {};
  const { cancelled, keepOnly, refundColumn, ...same } = given;
  const out: Partial<CleaningRules> = { ...same };
  const column = (ref: ColumnRef | null | undefined) => (ref == null ? ref : (resolveRef(ref, files) ?? null));
  if (keepOnly)
    out.keepOnly = keepOnly.flatMap((k) => {
      const name = resolveRef(k.column, files);
      return name === null ? [] : [{ column: name, values: [...k.values] }];
    });
  if (refundColumn !== undefined) out.refundColumn = column(refundColumn);
  if (cancelled) {
    const { filledColumn, ...rest } = cancelled;
    out.cancelled = (filledColumn === undefined ? rest : { ...rest, filledColumn: column(filledColumn) }) as CleaningRules['cancelled'];
  }
  return out;
}

/** An import rule of a spec that names a column these files lack. */
export interface UnmappedRule {
  /** `keep-only rule`, `refund column`… */
  what: string;
  column: ColumnRef;
}

/** The import rules of a spec that name a column these files do not have. */
export function unmappedRules(files: readonly FileImport[], part: SpecFile['import']): UnmappedRule[] {
  const c = part?.cleaning;
  const named: [string, ColumnRef | null | undefined][] = [
    ...(c?.keepOnly ?? []).map((k): [string, ColumnRef] => ['keep-only rule', k.column]),
    ['"cancelled when not empty" rule', c?.cancelled?.filledColumn],
    ['refund column', c?.refundColumn],
    ['id fallback column', part?.ids?.fallbackColumn],
  ];
  return named.filter(([, ref]) => ref != null && resolveRef(ref, files) === null).map(([what, column]) => ({ what, column: column! }));
}

/** Those rules in words, for the page and the command line. */
export function unmappedColumns(files: readonly FileImport[], file: SpecFile): string[] {
  return [...new Set(unmappedRules(files, file.import).map((r) => `the ${r.what} needs ${refNeed(r.column)}`))];
}

/** The spec's import part without the rules that name a column these files lack (the user chose to leave them out). */
export function withoutUnmapped(files: readonly FileImport[], part: ImportPart): ImportPart {
  const missing = (ref: ColumnRef | null | undefined) => ref != null && resolveRef(ref, files) === null;
  const c = part.cleaning;
  const cleaning: SpecCleaning | undefined = c && {
    ...c,
    ...(c.keepOnly && { keepOnly: c.keepOnly.filter((k) => !missing(k.column)) }),
    ...(missing(c.refundColumn) && { refundColumn: null }),
    ...(c.cancelled && missing(c.cancelled.filledColumn) && { cancelled: { ...c.cancelled, filledColumn: null } }),
  };
  const ids = part.ids && (missing(part.ids.fallbackColumn) ? { ...part.ids, fallbackColumn: null } : part.ids);
  return { ...part, ...(cleaning && { cleaning }), ...(ids && { ids }) };
}

/** The roles the spec's definitions were made with that these files of that kind do not map. */
export function missingRoles(files: readonly FileImport[], part: SpecFile['import']): { kind: FileKind; roles: Role[] }[] {
  return (['transactions', 'customers'] as const).flatMap((kind) => {
    const wanted = (part?.[kind] as FileOverrides | undefined)?.roles ?? [];
    if (!files.some((f) => f.kind === kind)) return [];
    const have = new Set(rolesOf(files, kind));
    const roles = wanted.filter((r) => !have.has(r));
    return roles.length ? [{ kind, roles }] : [];
  });
}
