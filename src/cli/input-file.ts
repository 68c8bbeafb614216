import { constants } from 'node:fs';
import { access, open, stat } from 'node:fs/promises';
import path from 'node:path';
import { workbookKind, workbookRefusal } from '../lib/preview/read-head.ts';
import { UserError } from './user-error.ts';

/** An input file that exists and can be read, with the format its first bytes show. */
export interface InputFile {
  path: string;
  /** As the page would name it: the file's base name. */
  name: string;
  size: number;
  format: 'csv' | 'parquet' | 'xlsx';
}

const PARQUET_MAGIC = 'PAR1';

/**
 * Checks that `file` is a readable file and tells parquet (by its magic bytes) and an Excel
 * workbook (by its name or ZIP bytes, as the page does) from text; other workbooks are refused.
 */
export async function openInput(file: string, what: string): Promise<InputFile> {
  const absolute = path.resolve(file);
  const info = await stat(absolute).catch(() => null);
  if (!info) throw new UserError(`${what} file not found: ${file}`);
  if (!info.isFile()) throw new UserError(`${what} file is not a file: ${file}`);
  try {
    await access(absolute, constants.R_OK);
  } catch {
    throw new UserError(`${what} file cannot be read (permission denied): ${file}`);
  }
  const handle = await open(absolute, 'r');
  const magic = Buffer.alloc(4);
  try {
    await handle.read(magic, 0, 4, 0);
  } finally {
    await handle.close();
  }
  const name = path.basename(absolute);
  const workbook = workbookKind(name, new Uint8Array(magic));
  if (workbook === 'other') throw new UserError(workbookRefusal(name));
  const format = magic.toString('latin1') === PARQUET_MAGIC ? 'parquet' : workbook === 'xlsx' ? 'xlsx' : 'csv';
  return { path: absolute, name, size: info.size, format };
}
