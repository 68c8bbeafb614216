import type { ImportSpec } from './import.ts';

/**
 * Cleaning rules and id settings that name a column no file of theirs has, in words for the page
 * and the command line. A rule applies to each file that has its column; one that no file has
 * would silently do nothing, so it stops the load instead.
 */
export function cleaningColumnProblems(spec: ImportSpec): string[] {
  const columnsOf = (kinds: string[]) =>
    new Set(spec.files.filter((f) => kinds.includes(f.kind)).flatMap((f) => f.columns.map((c) => c.name)));
  const transactions = columnsOf(['transactions']);
  const any = columnsOf(['transactions', 'customers']);
  const c = spec.cleaning;
  const named: [string, string | null | undefined, Set<string>][] = [
    ...(c.keepOnly ?? []).map((k): [string, string, Set<string>] => ['Keep only', k.column, transactions]),
    ['Cancelled when not empty', c.cancelled.enabled ? c.cancelled.filledColumn : null, transactions],
    ['Subtract refunds', c.refundColumn, transactions],
    ['Id fallback', spec.ids.fallbackColumn, any],
  ];
  return named
    .filter(([, column, columns]) => column != null && !columns.has(column))
    .map(([what, column]) => `${what}: no file has a column "${column}" (choose another, or none).`);
}
