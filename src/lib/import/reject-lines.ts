/**
 * The reader's line for the n-th loaded record. The reader numbers lines from the header and skips
 * the records it rejected, so each rejected line at or before the candidate pushes it one further.
 * `rejectedLines` must be sorted ascending.
 */
export function lineOfRecord(recordNo: number, headerLines: number, rejectedLines: readonly number[]): number {
  let line = headerLines + recordNo;
  for (const rejected of rejectedLines) {
    if (rejected <= line) line++;
    else break;
  }
  return line;
}
