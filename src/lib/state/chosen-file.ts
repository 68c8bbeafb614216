import type { ErrorKind } from '../errors.ts';
import type { Inspection } from '../preview/inspect.ts';

/** A chosen file with what the mapping form knows of it. */
export interface ChosenFile {
  file: File;
  head: Uint8Array;
  /** Its size once decompressed: what the memory check before loading counts from. */
  bytes: number;
  complete: boolean;
  inspection: Inspection;
  /** The user picked DD/MM or MM/DD for ambiguous dates. */
  dateConfirmed: boolean;
  /** For an .xlsx workbook: the sheet read (its first) and all its sheets; `file` is then that sheet as CSV. */
  workbook?: { sheet: string; sheets: string[] };
}

export interface Notice {
  kind: ErrorKind | 'unknown';
  message: string;
}
