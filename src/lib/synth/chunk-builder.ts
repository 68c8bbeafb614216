/** Joins rows here: flat 64K-character pieces let the short-lived row strings die young. */
const PIECE_CHARS = 1 << 16;

/**
 * Collects rows into chunks of about `chunkChars` characters. Appending rows to one string builds
 * a rope of millions of small objects that survive young-generation collections; joining small
 * batches keeps garbage collection cheap (it was half the run time at 1M rows).
 */
export class ChunkBuilder {
  private rows: string[] = [];
  private rowChars = 0;
  private pieces: string[] = [];
  private readonly chunkChars: number;
  /** Characters collected since the last take(). */
  size = 0;

  constructor(chunkChars: number) {
    this.chunkChars = chunkChars;
  }

  /** Appends a row (or any text ending at a line end). */
  add(text: string): void {
    this.rows.push(text);
    this.rowChars += text.length;
    this.size += text.length;
    if (this.rowChars >= PIECE_CHARS) this.flushRows();
  }

  /** Whether a chunk's worth is collected. */
  get full(): boolean {
    return this.size >= this.chunkChars;
  }

  /** The collected text, leaving the builder empty. */
  take(): string {
    this.flushRows();
    const text = this.pieces.join('');
    this.pieces = [];
    this.size = 0;
    return text;
  }

  private flushRows(): void {
    if (this.rows.length === 0) return;
    this.pieces.push(this.rows.join(''));
    this.rows = [];
    this.rowChars = 0;
  }
}
