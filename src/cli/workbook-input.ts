import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { errorMessage } from '../lib/errors.ts';
import { workbookToCsv } from '../../workers/workbook.ts';
import type { InputFile } from './input-file.ts';
import { UserError } from './user-error.ts';

/**
 * An .xlsx input as the page takes it: its first sheet written as CSV by the worker's own code
 * (workers/workbook.ts) into `scratch`, then read as that CSV under the workbook's name.
 */
export async function workbookAsCsv(input: InputFile, scratch: string, log: (line: string) => void): Promise<InputFile> {
  const bytes = await readFile(input.path);
  let workbook;
  try {
    workbook = await workbookToCsv(input.name, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch (e) {
    throw new UserError(errorMessage(e));
  }
  const others = workbook.sheets.length > 1 ? ` (the first of ${workbook.sheets.length}: ${workbook.sheets.join(', ')})` : '';
  log(`${input.name}: reading sheet "${workbook.sheet}"${others}`);
  const csv = path.join(scratch, `sheet-${input.name.replace(/[^\w.-]+/g, '_')}.csv`);
  await writeFile(csv, workbook.csv);
  return { ...input, path: csv, size: workbook.csv.byteLength, format: 'csv' };
}
