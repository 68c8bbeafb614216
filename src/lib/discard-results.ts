/** What the page holds when a change to the loaded files would discard its results. */
export interface ResultsOnPage {
  /** An import report is shown: data was loaded. */
  loaded: boolean;
  /** The RFM analysis ran. */
  analysed: boolean;
  /** Segment definitions on the page. */
  segments: number;
}

/** What removing a file loses and what stays, in words for the confirmation; null when nothing is lost (ask nothing). */
export function discardedResults(page: ResultsOnPage): { lost: string[]; kept: string[] } | null {
  if (!page.loaded) return null;
  const lost = ['the import report'];
  if (page.analysed) lost.push('the RFM analysis with its charts, value tiers and lifecycle stages');
  if (page.segments > 0) lost.push(`the counts, KPIs, overlap, profiles and member lists of ${plural(page.segments, 'segment')}`);
  lost.push('the SQL console');
  const kept = ['the analysis settings'];
  if (page.segments > 0) kept.push(`the ${plural(page.segments, 'segment definition')}`);
  return { lost, kept };
}

const plural = (n: number, noun: string) => `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;

/** "a, b and c". */
export function listInWords(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
