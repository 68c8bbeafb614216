import { openAsBlob } from 'node:fs';
import type { SqlRunner } from '../lib/import/sql-runner.ts';
import type { GuessNote, SuggestedSettings } from '../lib/mapping/guess-notes.ts';
import { GUESS_ROWS, inspectFile, inspectPreview, reinspect, type Inspection } from '../lib/preview/inspect.ts';
import { uniqueNames, type Preview } from '../lib/preview/preview.ts';
import { headIsWhole, readHead, unreadableFileReason, workbookKind, workbookRefusal } from '../lib/preview/read-head.ts';
import { inspectAs } from '../lib/sources/apply.ts';
import { findPreset } from '../lib/sources/presets.ts';
import { recognise } from '../lib/sources/recognise.ts';
import { assignRole } from '../lib/spec/assign-role.ts';
import { defaultParseOptions, type FileImport, type FileKind } from '../lib/spec/import.ts';
import type { FileOverrides } from '../lib/spec/spec-file.ts';
import { mappingProblems } from '../lib/spec/validate-import.ts';
import { parquetColumnsSql, parquetHeadSql } from '../lib/sql/read-parquet.ts';
import type { InputFile } from './input-file.ts';
import { UserError } from './user-error.ts';

/** A file's mapping as the page would guess it, with the import-wide settings it suggests and why. */
export interface GuessedFile {
  mapping: FileImport;
  suggested: SuggestedSettings;
  notes: GuessNote[];
}

/** The page's first look at a file, and how it looks again after a change in the mapping form. */
interface Inspector {
  first: Inspection;
  again: (mapping: FileImport, guess: 'all' | 'formats' | 'none') => Inspection;
}

/**
 * The mapping the page would show for this file, with the spec file's overrides applied as a person
 * would make them in the form: parse options first, then roles, explicit formats last. Throws a
 * UserError naming the spec option to set when the page would need a decision.
 */
export async function guessMapping(db: SqlRunner, input: InputFile, kind: FileKind, overrides: FileOverrides = {}): Promise<GuessedFile> {
  const { first, again } = input.format === 'parquet' ? await parquetInspector(db, input) : await csvInspector(input);
  // The command line says which file holds what, so the kind is never guessed.
  const forceKind = (i: Inspection): Inspection => ({ ...i, mapping: { ...i.mapping, kind } });
  let inspection = forceKind(first);
  // A known export sets its roles first (the spec's `source` names one, or null for none); the spec's own choices go on top.
  const preset = overrides.source === undefined ? recognise(first.preview.headers, kind) : (findPreset(overrides.source) ?? null);
  if (preset) inspection = forceKind(inspectAs(inspection, preset, again));

  const { dateFormat, decimalMark, ...layout } = overrides.parse ?? {};
  if (Object.keys(layout).length) {
    const m = inspection.mapping;
    inspection = forceKind(again({ ...m, parse: { ...m.parse, ...layout } }, 'none'));
  }
  const names = inspection.mapping.columns.map((c) => c.name);
  const roles = Object.entries(overrides.columns ?? {});
  for (const [column, role] of roles) {
    if (!names.includes(column)) {
      throw new UserError(
        `spec: import.${kind}.columns names "${column}", which ${input.name} does not have (its columns: ${names.join(', ')})`,
      );
    }
    const m = inspection.mapping;
    inspection = forceKind(again({ ...m, columns: assignRole(m.columns, column, role) }, 'formats'));
  }
  const mapping: FileImport = {
    ...inspection.mapping,
    parse: { ...inspection.mapping.parse, ...(dateFormat && { dateFormat }), ...(decimalMark && { decimalMark }) },
    source: preset?.id ?? null,
  };

  const problems = mappingProblems(mapping, inspection.dateChoices, dateFormat !== undefined);
  if (problems.length) throw new UserError(decisionNeeded(input.name, kind, mapping, problems, inspection.dateChoices));
  // Looked at once more as the file it now is (its kind given, its formats set), as the page does after each change.
  const final = again(mapping, 'none');
  return { mapping, suggested: final.suggested, notes: final.notes };
}

async function csvInspector(input: InputFile): Promise<Inspector> {
  const head = await readHead(await openAsBlob(input.path));
  // An .xlsx arrives here already as its first sheet's CSV (workbook-input.ts), under its own name.
  if (workbookKind(input.name, head) === 'other') throw new UserError(workbookRefusal(input.name));
  const complete = headIsWhole(input.name, input.size);
  const first = inspectFile(input.name, head, complete);
  const unreadable = unreadableFileReason(input.name, head, first.mapping.columns.length);
  if (unreadable) throw new UserError(unreadable);
  return { first, again: (mapping, guess) => reinspect(mapping, head, complete, guess) };
}

/** A parquet file's first rows as text, split already: the same guessing a CSV's head gets. */
async function parquetInspector(db: SqlRunner, input: InputFile): Promise<Inspector> {
  let preview: Preview;
  try {
    const columns = (await db.rows(parquetColumnsSql(input.path))).map((r) => String(r.column_name));
    const rows = await db.rows(parquetHeadSql(input.path, columns, GUESS_ROWS));
    preview = { headers: uniqueNames(columns), rows: rows.map((r) => columns.map((c) => (r[c] == null ? '' : String(r[c])))) };
  } catch (e) {
    throw new UserError(`${input.name} could not be read as parquet: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
  const again: Inspector['again'] = (mapping, guess) => inspectPreview(mapping, preview, guess);
  return { first: again({ name: input.name, kind: 'transactions', parse: defaultParseOptions(), columns: [] }, 'all'), again };
}

/** What the page would ask, as the spec option that answers it. */
function decisionNeeded(name: string, kind: FileKind, mapping: FileImport, problems: string[], dateChoices: string[]): string {
  const at = `import.${kind}`;
  const hints = problems.some((p) => p.includes('day-first'))
    ? [`set "${at}.parse.dateFormat" to one of ${dateChoices.map((c) => `"${c}"`).join(', ')} in a spec file (--spec)`]
    : [];
  if (problems.some((p) => !p.includes('day-first'))) {
    hints.push(`name the columns' roles in a spec file (--spec), e.g. "${at}": { "columns": { "<column>": "customer_id" } }`);
  }
  const guessed = mapping.columns.map((c) => `${c.name} → ${c.role}`).join(', ');
  return [
    `${name} needs a decision before it can load:`,
    ...problems.map((p) => `  - ${p}`),
    `Guessed roles: ${guessed}`,
    ...hints.map((h) => `To fix: ${h}.`),
  ].join('\n');
}
