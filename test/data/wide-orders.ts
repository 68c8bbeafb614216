/**
 * Orders of a made-up shop, `rows` of them, each with 40 one-letter flag columns as exports carry:
 * about 115 bytes a row on disk, but every cell a 16-byte string in memory once read. A file that
 * needs far more memory than its size suggests (engine-restart.spec.ts, the memory calibration).
 */
export function wideOrdersCsv(rows: number): string {
  const flags = Array.from({ length: 40 }, (_, i) => `flag_${i}`);
  const lines = [['customer_id', 'order_id', 'order_date', 'amount', ...flags].join(',')];
  for (let i = 0; i < rows; i++) {
    const date = `2024-${String(1 + (Math.floor(i / 28) % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const amount = (5 + ((i * 37) % 9_000) / 100).toFixed(2);
    const values = flags.map((_, f) => 'YN'[(i + f) % 2]);
    lines.push([`C${String(i % 40_000).padStart(6, '0')}`, `O${String(i).padStart(8, '0')}`, date, amount, ...values].join(','));
  }
  return `${lines.join('\n')}\n`;
}
