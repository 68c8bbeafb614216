/**
 * Rewrites whitespace-aligned text (fields separated by runs of spaces or tabs, optional leading
 * space) as tab-separated lines, chunk by chunk: a line cut by a chunk boundary waits for the rest.
 * Each line end (LF, CRLF, or CR alone as old Mac files have it) becomes one LF, so the line count
 * is unchanged and line numbers stay true.
 */
export class WhitespaceToTabs {
  private pending = '';

  push(chunk: string): string {
    const text = this.pending + chunk;
    // A CR at the very end may be the first half of a CRLF: it waits for the next chunk.
    const end = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r', text.length - 2));
    if (end < 0) {
      this.pending = text;
      return '';
    }
    this.pending = text.slice(end + 1);
    return rewrite(text.slice(0, end + 1));
  }

  flush(): string {
    const rest = this.pending;
    this.pending = '';
    return rest ? rewrite(rest) : '';
  }
}

function rewrite(lines: string): string {
  return lines
    .split(/\r\n|\n|\r/)
    .map((line) =>
      line
        .trim()
        .split(/[ \t]+/)
        .join('\t'),
    )
    .join('\n');
}
