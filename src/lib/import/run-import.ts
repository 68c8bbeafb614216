import { WorkbenchError } from '../errors.ts';
import type { PagedFormat } from '../export/paged-export.ts';
import type { Delimiter, FileImport, ImportSpec } from '../spec/import.ts';
import { EXCLUSION_RULES } from '../spec/import.ts';
import { columnFor } from '../sql/columns.ts';
import { customerContactsSql } from '../sql/contacts.ts';
import { amountConflictsSql, customerAttributesSql, orderLinesSql, ordersSql, type StagedCustomers, type StagedFile } from '../sql/load.ts';
import { customerBaseSql, narrowSpendType, nonPositiveBuyersSql, returnsOnlyCustomersSql } from '../sql/metrics.ts';
import { overviewActivitySql, overviewMonthsSql } from '../sql/overview.ts';
import {
  attributeStatsSql,
  exactWidthsSql,
  hasFallback,
  idsMayMerge,
  profileSql,
  readProfile,
  widthsToMeasure,
  type ColumnProfile,
} from '../sql/profile.ts';
import { emptyRawTableSql, rawReadSql, shiftRejectLinesSql, structuralRejectLinesSql, structuralRejectsSql } from '../sql/read-csv.ts';
import { parquetRecordsSql, rawParquetReadSql } from '../sql/read-parquet.ts';
import {
  allRejectsSql,
  buyersSql,
  customerCoverageSql,
  loadedSummarySql,
  mergedIdsSql,
  outcomeCountsSql,
  typedRejectsSql,
} from '../sql/report.ts';
import { attributesStayRaw, duplicateCustomersSql, stageCustomersSql, stageTransactionsSql, textsStayingRaw } from '../sql/staging.ts';
import { trimDecimal } from './decimal-text.ts';
import { duplicateCustomersMessage } from './duplicate-advice.ts';
import { unreadableReason, type RecordCount } from './record-count.ts';
import { lineOfRecord } from './reject-lines.ts';
import { REPORT_NON_POSITIVE_LIMIT, REPORT_REJECT_LIMIT, type FileReport, type ImportReport, type RejectedRecord } from './report.ts';
import type { Row, SqlRunner } from './sql-runner.ts';

/**
 * Where a file was registered, the delimiter DuckDB should read it with and its records counted
 * from the same bytes (record-count.ts), or to be counted while DuckDB reads it (`countLater`, which
 * the read starts); or a
 * parquet file's path (the CLI's); or that the raw table from the last import already holds this
 * very file read the same way, so the read is skipped.
 */
export type RegisteredFile =
  | { path: string; delimiter: Exclude<Delimiter, 'whitespace'>; count: RecordCount; parts?: readonly FilePart[] }
  | { path: string; delimiter: Exclude<Delimiter, 'whitespace'>; countLater: () => Promise<RecordCount> }
  | { path: string; format: 'parquet' }
  | { reuseRaw: true; records: number };

/**
 * A later part of a file cut between records (record-count.ts `cuts`), registered apart: its path,
 * and the reader's lines before it in the file. The file's registered path holds its first part.
 */
export interface FilePart {
  path: string;
  linesBefore: number;
}

export type ImportPhase = { phase: 'parsing' | 'checking'; file: string } | { phase: 'loading' };

/** The all-text table a file of an import is read into, by its position. */
export const raw = (i: number) => `raw_${i}`;
const staged = (i: number) => `staged_${i}`;

/**
 * Reads, types, cleans and loads every file of the spec into `order_lines`, `orders` and
 * `customer_attributes`, and accounts for every record. Throws WorkbenchError on a mapping that
 * cannot work or on unresolved duplicate customers.
 */
export async function runImport(
  db: SqlRunner,
  spec: ImportSpec,
  registered: readonly RegisteredFile[],
  onPhase: (p: ImportPhase) => void = () => {},
): Promise<ImportReport> {
  const reports: FileReport[] = [];
  const transactions: StagedFile[] = [];
  let customers: StagedCustomers | null = null;

  for (const [i, file] of spec.files.entries()) {
    const reg = registered[i];
    let input: number;
    if ('reuseRaw' in reg) input = reg.records;
    else {
      onPhase({ phase: 'parsing', file: file.name });
      input = await readRaw(db, raw(i), file, reg);
    }
    onPhase({ phase: 'checking', file: file.name });
    const refundColumn = file.kind === 'transactions' ? spec.cleaning.refundColumn : null;
    // A transactions file whose attributes stay in its raw table: its order ids may stay there too.
    const staysRaw = file.kind === 'transactions' && attributesStayRaw(file, spec);
    const profile = await profileRaw(db, raw(i), file, refundColumn, staysRaw);
    try {
      await db.exec(
        file.kind === 'transactions'
          ? stageTransactionsSql(raw(i), staged(i), file, spec, profile)
          : stageCustomersSql(raw(i), staged(i), file, spec, profile),
      );
    } catch (e) {
      if (e instanceof Error && e.message.startsWith('invalid mapping')) throw new WorkbenchError('mapping', `${file.name}: ${e.message}`);
      throw e;
    }
    if (file.kind === 'customers') {
      await refuseDuplicateCustomers(db, file, staged(i), spec);
      customers = { staged: staged(i), raw: raw(i), file };
    } else {
      transactions.push({
        index: i,
        staged: staged(i),
        file,
        raw: staysRaw ? raw(i) : null,
        attributesWithEmpties: profile.attributesWithEmpties,
        rawTexts: textsStayingRaw(file, spec, profile),
      });
    }
    reports.push(await fileReport(db, i, file, input, profile.floatIds, idsMayMerge(spec, profile), hasFallback(file, spec)));
  }

  onPhase({ phase: 'loading' });
  if (transactions.length === 0)
    throw new WorkbenchError('mapping', 'Add a transactions file: a customers file alone has no orders to analyse.');
  await db.exec(orderLinesSql(transactions));
  await db.exec(ordersSql(transactions, spec.amountLevel));
  // Once per import, so that no analysis aggregates orders or sorts customers again.
  const netReturns = spec.cleaning.netReturns === true;
  // The orders' totals, read before customer_base: they also bound every spend its sorts compare.
  const [summary] = await db.rows(loadedSummarySql(transactions.some((t) => columnFor(t.file, 'currency') !== undefined)));
  for (const sql of customerBaseSql(netReturns, narrowSpendType(summary))) await db.exec(sql);
  // The Overview's date-independent figures, beside customer_base for the same reason.
  await db.exec(overviewActivitySql(netReturns));
  await db.exec(overviewMonthsSql(netReturns));
  await db.exec(customerAttributesSql(customers));
  await db.exec(customerContactsSql(transactions, customers?.file ?? null));

  const [buyers] = await db.rows(buyersSql());
  const conflicts = spec.amountLevel === 'order' ? Number((await db.rows(amountConflictsSql()))[0].conflicts) : 0;
  const coverage = customers ? (await db.rows(customerCoverageSql(netReturns)))[0] : null;
  const nonPositive = await db.rows(nonPositiveBuyersSql(REPORT_NON_POSITIVE_LIMIT));
  const returnsOnly = netReturns ? Number((await db.rows(returnsOnlyCustomersSql()))[0].customers) : 0;
  return {
    files: reports,
    customers: Number(buyers.customers),
    orders: Number(summary.orders),
    lines: Number(summary.lines),
    firstDate: (summary.first_date as string | null) ?? null,
    lastDate: (summary.last_date as string | null) ?? null,
    totalAmount: summary.total_amount == null ? null : trimDecimal(String(summary.total_amount)),
    currencies: toStrings(summary.currencies),
    amountConflicts: conflicts,
    nonPositiveBuyers: {
      total: nonPositive.length ? Number(nonPositive[0].total) : 0,
      first: nonPositive.map((r) => ({ customerId: String(r.customer_id), monetary: trimDecimal(String(r.net_spend)) })),
    },
    returnsOnlyCustomers: returnsOnly,
    customersFile: coverage
      ? {
          inFile: Number(coverage.customers_in_file),
          neverPurchased: Number(coverage.never_purchased),
          buyersNotInFile: Number(coverage.buyers_not_in_file),
        }
      : null,
  };
}

/**
 * Reads a file into its all-text raw table and returns how many records it holds, counted apart
 * from the read. Refuses, with the reason, a file DuckDB would misread as a whole (see
 * record-count.ts) and a file without records, so that no load ever ends in 0 rows unexplained.
 * A file registered in parts (a compact load's) is read part by part into the one table.
 */
export async function readRaw(
  db: SqlRunner,
  table: string,
  file: FileImport,
  reg: Exclude<RegisteredFile, { reuseRaw: true }>,
): Promise<number> {
  const columns = file.columns.map((c) => c.name);
  if ('format' in reg) {
    const input = Number((await db.rows(parquetRecordsSql(reg.path)))[0].records);
    refuseEmpty(file, input);
    await db.exec(rawParquetReadSql({ path: reg.path, table, columns }));
    return input;
  }
  const read = (skip: number) =>
    db.exec(rawReadSql({ path: reg.path, table, columns, delimiter: reg.delimiter, header: file.parse.header, skip }));
  if ('count' in reg) {
    refuseUnreadable(file, reg.count);
    const parts = reg.parts ?? [];
    if (!parts.length) {
      await read(reg.count.blankLinesBeforeHeader);
      return reg.count.records;
    }
    // Part by part into a table made empty first, each part a statement of its own: a compressed
    // database (storage.ts) compresses what a statement wrote when it ends. Each part's rejects are
    // numbered from its own first line, and then moved down to the file's.
    await db.exec(emptyRawTableSql(table, columns));
    const skip = reg.count.blankLinesBeforeHeader;
    await db.exec(rawReadSql({ path: reg.path, table, columns, delimiter: reg.delimiter, header: file.parse.header, skip, append: true }));
    for (const part of parts) {
      await db.exec(rawReadSql({ path: part.path, table, columns, delimiter: reg.delimiter, header: false, append: true }));
    }
    await db.exec(shiftRejectLinesSql(table, parts));
    return reg.count.records;
  }
  // Counted while read: the read assumes no blank line before the header, as nearly every file has;
  // a file the count finds some in is read again. What the count refuses is refused whatever the
  // read made of it (a file DuckDB misreads as a whole may read without an error).
  const [count, first] = await Promise.allSettled([reg.countLater(), read(0)]);
  if (count.status === 'rejected') throw count.reason;
  refuseUnreadable(file, count.value);
  if (count.value.blankLinesBeforeHeader > 0) await read(count.value.blankLinesBeforeHeader);
  else if (first.status === 'rejected') throw first.reason;
  return count.value.records;
}

/** Refuses, with the reason, a file without records or one DuckDB would misread as a whole. */
function refuseUnreadable(file: FileImport, count: RecordCount): void {
  refuseEmpty(file, count.records);
  const unreadable = unreadableReason(count);
  if (unreadable) throw new WorkbenchError('parse', `${file.name} cannot be read: ${unreadable}.`);
}

/**
 * What typing needs to know of a raw table: one cheap pass, a second for columns its bounds leave
 * open, and the attributes' statistics (no pass at all).
 */
async function profileRaw(
  db: SqlRunner,
  table: string,
  file: FileImport,
  refundColumn: string | null | undefined,
  orderIds: boolean,
): Promise<ColumnProfile> {
  const [row] = await db.rows(profileSql(table, file, refundColumn, orderIds));
  const open = widthsToMeasure(row, file, refundColumn);
  const exact = open.length ? (await db.rows(exactWidthsSql(table, file, open, refundColumn)))[0] : {};
  const statsSql = attributeStatsSql(table, file);
  const stats = statsSql ? (await db.rows(statsSql))[0] : {};
  return readProfile({ ...row, ...exact, ...stats }, file, refundColumn);
}

function refuseEmpty(file: FileImport, records: number): void {
  if (records > 0) return;
  throw new WorkbenchError(
    'parse',
    `${file.name} has no records${file.parse.header ? ' below its header' : ''}: there is nothing to load.`,
  );
}

async function refuseDuplicateCustomers(db: SqlRunner, file: FileImport, table: string, spec: ImportSpec): Promise<void> {
  if (spec.duplicateCustomers === 'keep-first') return;
  const dups = await db.rows(duplicateCustomersSql(table, 5));
  if (dups.length === 0) return;
  const total = Number(dups[0].total_ids);
  const examples = dups.map((d) => `${String(d.customer_id)} (${Number(d.records)}×)`).join(', ');
  throw new WorkbenchError('duplicates', duplicateCustomersMessage(file, total, examples));
}

async function fileReport(
  db: SqlRunner,
  i: number,
  file: FileImport,
  input: number,
  floatIds: boolean,
  mayMerge: boolean,
  fallback: boolean,
): Promise<FileReport> {
  const counts = new Map<string, number>();
  for (const row of await db.rows(outcomeCountsSql(staged(i)))) counts.set(String(row.outcome), Number(row.records));
  const typedRejected = counts.get('rejected') ?? 0;
  const { rejects, structuralCount } = await collectRejects(db, i, file, REPORT_REJECT_LIMIT, typedRejected > 0);

  const excluded: Record<string, number> = {};
  for (const rule of [...EXCLUSION_RULES, 'duplicate_customer']) {
    const n = counts.get(`excluded:${rule}`);
    if (n) excluded[rule] = n;
  }
  const loaded = counts.get('loaded') ?? 0;
  const rejected = structuralCount + typedRejected;
  const idColumn = columnFor(file, 'customer_id');
  const mergedIds = idColumn && mayMerge ? Number((await db.rows(mergedIdsSql(raw(i), idColumn, staged(i), fallback)))[0].merged) : 0;
  return {
    name: file.name,
    kind: file.kind,
    input,
    loaded,
    rejected,
    excluded,
    rejects,
    floatIdsStripped: floatIds,
    mergedIds,
  };
}

/**
 * All rejected records of a file for the CSV download, as a query read in pages and the format that
 * writes its rows as `allRejects` lists them (line, reason, text).
 */
export function rejectsExport(i: number, file: FileImport): { sql: string; format: PagedFormat } {
  const delimiter = file.parse.delimiter === 'whitespace' ? '\t' : file.parse.delimiter;
  const typed = typedRejectsSql(
    staged(i),
    raw(i),
    file.columns.map((c) => c.name),
    delimiter,
  );
  const record = (r: Row) => ({
    line: String(Number(r.line)),
    reason: r.structural ? `${String(r.error_type).toLowerCase()}: ${String(r.message)}` : String(r.reason),
    text: String(r.text ?? ''),
  });
  return {
    sql: allRejectsSql(typed, raw(i), file.parse.header ? 1 : 0),
    format: { columns: ['line', 'reason', 'text'], rows: (page) => page.map(record) },
  };
}

/** All rejected records of a file, read whole (the report's list is the first of them). */
export async function allRejects(db: SqlRunner, i: number, file: FileImport): Promise<RejectedRecord[]> {
  return (await collectRejects(db, i, file, null)).rejects;
}

/**
 * Reader rejects (with their own line) and typing rejects (line derived), in line order. With a
 * `limit` (the report's), only that many of each kind are read with their text: the first `limit` of
 * the merged list are among them. The reader rejects' line numbers are read whole, to derive lines.
 * `typed` false: typing rejected none (the outcome counts say so), so they are not searched for.
 */
async function collectRejects(db: SqlRunner, i: number, file: FileImport, limit: number | null, typed = true) {
  const limited = limit === null ? '' : ` LIMIT ${limit}`;
  const rejectedLines = (await db.rows(structuralRejectLinesSql(raw(i)))).map((r) => Number(r.line));
  const structural = await db.rows(structuralRejectsSql(raw(i)) + limited);
  const delimiter = file.parse.delimiter === 'whitespace' ? '\t' : file.parse.delimiter;
  const columns = file.columns.map((c) => c.name);
  const typedRows = typed ? await db.rows(typedRejectsSql(staged(i), raw(i), columns, delimiter) + limited) : [];
  const headerLines = file.parse.header ? 1 : 0;
  const rejects: RejectedRecord[] = [
    ...structural.map((r) => ({
      line: Number(r.line),
      reason: `${String(r.error_type).toLowerCase()}: ${String(r.message)}`,
      text: String(r.csv_line ?? ''),
    })),
    ...typedRows.map((r) => ({
      line: lineOfRecord(Number(r.rec_no), headerLines, rejectedLines),
      reason: String(r.reason),
      text: String(r.text ?? ''),
    })),
  ].sort((a, b) => a.line - b.line);
  return { rejects: limit === null ? rejects : rejects.slice(0, limit), structuralCount: rejectedLines.length };
}

function toStrings(value: unknown): string[] {
  if (value == null) return [];
  return Array.from(value as Iterable<unknown>, (v) => String(v));
}
