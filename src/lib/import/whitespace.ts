/**
 * Rewrites whitespace-aligned text (fields separated by runs of spaces or tabs, optional leading
 * space) as tab-separated lines, chunk by chunk: a line cut by a chunk boundary waits for the rest.
 * Line count is unchanged, so line numbers stay true.
 */
export class WhitespaceToTabs {
  private pending = '';

  push(chunk: string): string {
    const text = this.pending + chunk;
    const end = text.lastIndexOf('\n');
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
  return lines.replace(/[^\n]+/g, (line) =>
    line
      .replace(/\r$/, '')
      .trim()
      .split(/[ \t]+/)
      .join('\t'),
  );
}
