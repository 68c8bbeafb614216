import type { FileKind } from './spec/import.ts';

/** A file name as one shell word: as it is when it is plain, else in single quotes. */
export function shellWord(text: string): string {
  return /^[\w./+-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}

/**
 * The command-line tool's command for files the browser cannot hold (README: "The command-line
 * tool"): the same import, analysis and export on native DuckDB, which reads files of any size.
 */
export function largeFileCommand(files: readonly { name: string; kind: FileKind }[]): string {
  const transactions = files.find((f) => f.kind === 'transactions');
  const customers = files.find((f) => f.kind === 'customers');
  const words = ['npx segment-workbench apply', shellWord(transactions?.name ?? 'orders.csv')];
  if (customers) words.push('--customers', shellWord(customers.name));
  words.push('--out', 'customers-segmented.csv');
  return words.join(' ');
}

/** What the page says when files do not fit in the browser's memory, with the command to run instead. */
export function tooLargeMessage(files: readonly { name: string; kind: FileKind }[], detail: string): string {
  const names = files.map((f) => f.name).join(' and ');
  return (
    `${names} ${files.length > 1 ? 'are' : 'is'} too large for the browser's memory (${detail}). ` +
    `Load a smaller extract, or use the command-line tool on this computer, which reads files of any size: ` +
    `${largeFileCommand(files)} (add --spec segments.json, saved with Save definitions, to apply the same settings).`
  );
}
