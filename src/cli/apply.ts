import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import { runAnalysis } from '../lib/analysis/run-analysis.ts';
import { customersCsv } from '../lib/csv/customers-csv.ts';
import { WorkbenchError } from '../lib/errors.ts';
import { unaccounted, unaccountedText, type ImportReport } from '../lib/import/report.ts';
import { runImport, type RegisteredFile } from '../lib/import/run-import.ts';
import { readSegmentSchema } from '../lib/segments/run-segments.ts';
import { segmentExport, segmentExportCsv } from '../lib/segments/segment-export.ts';
import { userSqlRunner } from '../lib/import/sql-runner.ts';
import { LOCKDOWN_SQL } from '../lib/sql/lockdown.ts';
import { readShareLink } from '../lib/spec/share-link.ts';
import { MAX_SPEC_BYTES, MAX_SPEC_SIZE, parseSpecFile, type SpecReading } from '../lib/spec/read-spec.ts';
import { unmappedColumns } from '../lib/spec/import-part.ts';
import { analysisSpecOf, importSpecOf, segmentsSpecOf, type SpecFile } from '../lib/spec/spec-file.ts';
import { cleaningColumnProblems } from '../lib/spec/cleaning-columns.ts';
import { describeSettings } from '../lib/sources/describe.ts';
import { findPreset } from '../lib/sources/presets.ts';
import type { ImportSpec } from '../lib/spec/import.ts';
import { exportCustomersSql } from '../lib/sql/export.ts';
import { combineSuggestions } from '../lib/mapping/guess-notes.ts';
import { guessMapping } from './guess-mapping.ts';
import { openInput } from './input-file.ts';
import { openNativeDb } from './native-db.ts';
import { recordingDb } from './recording-db.ts';
import { registerInput } from './register-input.ts';
import { workbookAsCsv } from './workbook-input.ts';
import { UserError } from './user-error.ts';

export interface ApplyOptions {
  transactions: string;
  customers?: string;
  spec?: string;
  /** A share link from the page: its spec, instead of a spec file. */
  link?: string;
  /** Return the compiled SQL instead of the export. */
  sql: boolean;
}

/** Native DuckDB reads parquet with its built-in reader: it must never fetch an extension instead. */
const OFFLINE_SQL = ['SET autoinstall_known_extensions = false', 'SET autoload_known_extensions = false'];

/**
 * `segment-workbench apply`: the browser's import, analysis and customer export, on native DuckDB.
 * Returns the export CSV (or the SQL); progress and the import's accounting go to `log`.
 */
export async function apply(o: ApplyOptions, log: (line: string) => void): Promise<string> {
  const spec = o.spec ? await readSpecFile(o.spec) : o.link ? await readLink(o.link) : { version: 2 as const };
  const analysis = analysisSpecOf(spec);
  const opened = [await openInput(o.transactions, 'transactions'), ...(o.customers ? [await openInput(o.customers, 'customers')] : [])];

  const native = await openNativeDb();
  const scratch = await mkdtemp(`${os.tmpdir()}/segment-workbench-`);
  try {
    for (const statement of OFFLINE_SQL) await native.exec(statement);
    const inputs = [];
    for (const input of opened) inputs.push(input.format === 'xlsx' ? await workbookAsCsv(input, scratch, log) : input);
    const kinds = ['transactions', 'customers'] as const;
    const guessed = [];
    for (const [i, input] of inputs.entries()) guessed.push(await guessMapping(native, input, kinds[i], spec.import?.[kinds[i]]));
    const files = guessed.map((g) => g.mapping);
    // The kind is given on the command line; the other guesses are the page's, said the same way.
    for (const g of guessed) for (const note of g.notes) if (note.topic !== 'kind') log(`${g.mapping.name}: guessed: ${note.text}`);
    const suggested = combineSuggestions(guessed.map((g) => ({ kind: g.mapping.kind, suggested: g.suggested })));
    const registered: RegisteredFile[] = [];
    for (const [i, input] of inputs.entries()) registered.push(await registerInput(input, files[i], scratch));

    const { db, statements } = recordingDb(native);
    // A rule naming a role or attribute the files lack would silently do nothing: it stops the run instead.
    const unmapped = unmappedColumns(files, spec);
    if (unmapped.length) throw new UserError(`spec: import: ${unmapped.join('; ')}`);
    const importSpec = importSpecOf(files, spec, suggested);
    const unknownColumns = cleaningColumnProblems(importSpec);
    if (unknownColumns.length) throw new UserError(`spec: import: ${unknownColumns.join(' ')}`);
    logSources(importSpec, log);
    const report = await runImport(db, importSpec, registered);
    logReport(report, log);
    let analysisDate: string;
    try {
      analysisDate = (await runAnalysis(db, analysis, null)).result.analysisDate;
    } catch (e) {
      if (e instanceof Error && e.message.startsWith('invalid ')) throw new UserError(`spec: analysis: ${e.message}`);
      throw e;
    }
    // The files are read: from here on the engine is locked as in the page, so SQL from a spec
    // file's segments can read no other file and reach no network.
    for (const statement of LOCKDOWN_SQL) await native.exec(statement);
    // As the page's "Export all customers with segment columns": one true/false column per enabled segment.
    // Every segment, enabled or not, is there for "is in segment" rules to refer to.
    const library = segmentsSpecOf(spec).segments;
    const segments = library.filter((s) => s.enabled);
    if (!segments.length) {
      if (o.sql) return sqlScript([...statements, exportCustomersSql()], registered, scratch);
      return customersCsv(await native.rows(exportCustomersSql()));
    }
    // Segment SQL comes from the spec file's text: it runs only through the gate (one prepared SELECT).
    const gate = userSqlRunner(native);
    const schema = await readSegmentSchema(gate, analysisDate);
    if (o.sql) return sqlScript([...statements, segmentExport(segments, schema, null, library).sql], registered, scratch);
    return await segmentExportCsv(gate, segments, schema, null, library);
  } catch (e) {
    if (e instanceof WorkbenchError) throw new UserError(e.message);
    throw e;
  } finally {
    native.close();
    await rm(scratch, { recursive: true, force: true });
  }
}

async function readSpecFile(file: string): Promise<SpecFile> {
  let text: string;
  try {
    if ((await stat(file)).size > MAX_SPEC_BYTES) throw new UserError(`${file} is not a valid spec: it is larger than ${MAX_SPEC_SIZE}`);
    text = await readFile(file, 'utf8');
  } catch (e) {
    if (e instanceof UserError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(code === 'ENOENT' ? `spec file not found: ${file}` : `spec file cannot be read: ${file} (${code ?? String(e)})`);
  }
  return wholeSpec(parseSpecFile(text), `${file} is not a valid spec`);
}

async function readLink(link: string): Promise<SpecFile> {
  return wholeSpec(await readShareLink(link), '--link');
}

/**
 * The page opens what it can of a spec and lists the rest; a nightly job must not run on part of a
 * definition, so here any problem stops the run (exit code 1) with every problem listed.
 */
function wholeSpec(reading: SpecReading, what: string): SpecFile {
  if (!reading.spec) throw new UserError(`${what}: ${reading.refused}`);
  if (reading.problems.length === 0) return reading.spec;
  const list = reading.problems.map((p) => `  - ${p}`).join('\n');
  throw new UserError(`${what}: ${reading.problems.length} problem${reading.problems.length === 1 ? '' : 's'}, nothing was run:\n${list}`);
}

/** Each file read as a known export, and what its settings do (as the page's "Recognised" line says it). */
function logSources(spec: ImportSpec, log: (line: string) => void): void {
  for (const file of spec.files) {
    const preset = findPreset(file.source);
    if (preset) log(`${file.name}: recognised as ${preset.title}: ${describeSettings(file, spec, preset)}`);
  }
}

function logReport(report: ImportReport, log: (line: string) => void): void {
  for (const f of report.files) {
    const excluded = Object.values(f.excluded).reduce((a, b) => a + b, 0);
    const rules = Object.entries(f.excluded).map(([rule, n]) => `${rule} ${n}`);
    log(
      `${f.name}: ${f.input} records: ${f.loaded} loaded, ${f.rejected} rejected, ${excluded} excluded${rules.length ? ` (${rules.join(', ')})` : ''}`,
    );
    const missing = unaccounted(f);
    if (missing !== 0) log(`WARNING: ${f.name}: ${unaccountedText(missing)}`);
  }
  log(`${report.customers} customers, ${report.orders} orders, ${report.firstDate ?? '–'} to ${report.lastDate ?? '–'}`);
  const { total, first } = report.nonPositiveBuyers;
  if (total > 0) {
    const shown = first.map((c) => `${c.customerId} (${c.monetary})`).join(', ');
    log(
      `${total} customer${total === 1 ? '' : 's'} with net spend ≤ 0 (lowest M score, last tier): ${shown}${total > first.length ? ', …' : ''}`,
    );
  }
  if (report.returnsOnlyCustomers > 0) log(`${report.returnsOnlyCustomers} customers with returns only are not buyers`);
}

/** The statements as one DuckDB script, each ending in `;`. */
function sqlScript(statements: string[], registered: RegisteredFile[], scratch: string): string {
  const rewritten = registered.some((r) => 'path' in r && r.path.startsWith(scratch));
  const header = [
    '-- Segment Workbench: the SQL `segment-workbench apply` ran, in order (DuckDB dialect).',
    '-- Choices that depend on the data (the analysis date, id clean-up, decimal scales) are fixed to this data.',
    ...(rewritten
      ? ['-- One input was rewritten as UTF-8 into a temporary copy first: point its read_csv at a UTF-8 copy of the file.']
      : []),
  ];
  return [header.join('\n'), ...statements.map((s) => s.trim().replace(/;?$/, ';'))].join('\n\n') + '\n';
}
