import {
  Type,
  TimeUnit,
  type Data,
  type DataType,
  type Decimal,
  type Dictionary,
  type Field,
  type Map_,
  type Time,
  type Vector,
} from 'apache-arrow';
import { rowObject, type Row } from '../src/lib/import/sql-runner.ts';

/**
 * A value as it crosses the worker boundary: exactly the engine's value, in a form postMessage
 * carries. Integers that fit a double are numbers and larger ones text; DECIMAL and HUGEINT are
 * exact text (`6562.40`); dates, times, timestamps and intervals are DuckDB's own text
 * (`2011-12-10`, `12:34:56.5`, `5 months 3 days 00:00:02`); lists are arrays, structs objects.
 */
export type Plain = string | number | boolean | null | Plain[] | { [key: string]: Plain };

/** The rows of an Arrow table (every query result from duckdb-wasm), by column index. */
export function arrowRows(table: { numRows: number; schema: { fields: { name: string }[] }; getChildAt(i: number): Vector | null }): Row[] {
  const names = table.schema.fields.map((f) => f.name);
  const columns = names.map((_, i) => table.getChildAt(i));
  return Array.from({ length: table.numRows }, (_, r) => rowObject(names, (i) => (columns[i] ? cellValue(columns[i], r) : null)));
}

/**
 * Whether a result has a dictionary-encoded column (DuckDB sends an ENUM so), at any depth: inside a
 * list, a struct or a map too.
 */
export function hasDictionary(fields: readonly Field[]): boolean {
  return fields.some((f) => f.type.typeId === Type.Dictionary || hasDictionary((f.type.children ?? []) as Field[]));
}

/** Whether a column holds numbers (shown right-aligned): integers, floats, decimals. */
export function isNumericType(type: DataType): boolean {
  return type.typeId === Type.Int || type.typeId === Type.Float || type.typeId === Type.Decimal;
}

/** One cell of an Arrow vector as a plain value. */
export function cellValue(vector: Vector, index: number): Plain {
  if (!vector.isValid(index)) return null;
  const type = vector.type as DataType;
  switch (type.typeId) {
    case Type.Struct: {
      const out: Record<string, Plain> = Object.create(null);
      type.children.forEach((field, j) => (out[field.name] = cellValue(vector.getChildAt(j)!, index)));
      return out;
    }
    case Type.List:
    case Type.FixedSizeList: {
      const items = vector.get(index) as Vector;
      return Array.from({ length: items.length }, (_, k) => cellValue(items, k));
    }
    case Type.Map:
      return mapText(vector, index);
    case Type.Interval:
      return intervalText(vector, index);
    default:
      return scalarValue(vector.get(index), type);
  }
}

/** A value `get` returned, for the scalar types `get` reads exactly. */
function scalarValue(value: unknown, type: DataType): Plain {
  if (value === null || value === undefined) return null;
  switch (type.typeId) {
    case Type.Decimal:
      return decimalText(String(value), (type as Decimal).scale);
    case Type.Date:
      return isoDate(value as number);
    case Type.Timestamp:
      return timestampText(value as number);
    case Type.Time:
      return timeText(BigInt(value as number | bigint), (type as Time).unit);
    case Type.Binary:
    case Type.LargeBinary:
    case Type.FixedSizeBinary:
      return binaryText(value as Uint8Array);
    case Type.Dictionary:
      return scalarValue(value, (type as Dictionary).dictionary);
  }
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return String(value);
}

/** Arrow hands a decimal over unscaled (`656240` at scale 2): the point goes back in, digits untouched. */
export function decimalText(unscaled: string, scale: number): string {
  if (scale <= 0) return unscaled;
  const negative = unscaled.startsWith('-');
  const digits = (negative ? unscaled.slice(1) : unscaled).padStart(scale + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

const pad = (n: number | bigint, width = 2) => String(n).padStart(width, '0');

/** Microseconds of a second as DuckDB prints them: `.5`, `.000007`, nothing for zero. */
function fraction(micros: bigint): string {
  return micros === 0n ? '' : `.${pad(micros, 6).replace(/0+$/, '')}`;
}

function isoDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

/** DuckDB's TIMESTAMP has no zone: the epoch value is the wall clock, read as UTC. */
function timestampText(epochMs: number): string {
  const micros = BigInt(Math.round(epochMs * 1000));
  const seconds = micros / 1_000_000n - (micros % 1_000_000n < 0n ? 1n : 0n);
  const rest = micros - seconds * 1_000_000n;
  const base = new Date(Number(seconds) * 1000).toISOString().slice(0, 19).replace('T', ' ');
  return base + fraction(rest);
}

const MICROS_PER_UNIT: Record<TimeUnit, bigint> = {
  [TimeUnit.SECOND]: 1_000_000n,
  [TimeUnit.MILLISECOND]: 1_000n,
  [TimeUnit.MICROSECOND]: 1n,
  [TimeUnit.NANOSECOND]: 1n,
};

function timeText(value: bigint, unit: TimeUnit): string {
  const micros = unit === TimeUnit.NANOSECOND ? value / 1000n : value * MICROS_PER_UNIT[unit];
  return clockText(micros);
}

/** `HH:MM:SS[.ffffff]` of a non-negative count of microseconds. */
function clockText(micros: bigint): string {
  const seconds = micros / 1_000_000n;
  return `${pad(seconds / 3600n)}:${pad((seconds / 60n) % 60n)}:${pad(seconds % 60n)}${fraction(micros % 1_000_000n)}`;
}

/** Where cell `index` of a (possibly chunked) vector lives: its chunk and the row inside it. */
function locate(vector: Vector, index: number): { data: Data; row: number } {
  let row = index;
  for (const data of vector.data) {
    if (row < data.length) return { data, row: data.offset + row };
    row -= data.length;
  }
  throw new RangeError(`row ${index} is outside the vector`);
}

/**
 * An INTERVAL as DuckDB prints it (`1 year 2 months 3 days 00:00:02.5`). Arrow's reader loses part
 * of a month-day-nanosecond value, so the four 32-bit words are read from the buffer itself.
 */
function intervalText(vector: Vector, index: number): string {
  const { data, row } = locate(vector, index);
  const words = data.values as Int32Array;
  const [months, days, low, high] = words.subarray(row * 4, row * 4 + 4);
  const micros = ((BigInt(high) << 32n) | BigInt(low >>> 0)) / 1000n;
  const parts: string[] = [];
  const unit = (n: number, name: string) => `${n} ${name}${Math.abs(n) === 1 ? '' : 's'}`;
  const years = Math.trunc(months / 12);
  if (years) parts.push(unit(years, 'year'));
  if (months % 12) parts.push(unit(months % 12, 'month'));
  if (days) parts.push(unit(days, 'day'));
  if (micros !== 0n || parts.length === 0) parts.push(`${micros < 0n ? '-' : ''}${clockText(micros < 0n ? -micros : micros)}`);
  return parts.join(' ');
}

/** A MAP as DuckDB prints it, `{k=v, …}`: its entries are a list of key/value structs. */
function mapText(vector: Vector, index: number): string {
  const entries = vector.get(index) as unknown as Iterable<[unknown, unknown]>;
  const type = vector.type as Map_;
  const [keyType, valueType] = (type.children[0].type.children as Field[]).map((c) => c.type as DataType);
  const shown = [...entries].map(([k, v]) => `${plainText(scalarValue(k, keyType), true)}=${plainText(scalarValue(v, valueType), true)}`);
  return `{${shown.join(', ')}}`;
}

function binaryText(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes)
    out += b >= 0x20 && b < 0x7f && b !== 0x5c ? String.fromCharCode(b) : `\\x${b.toString(16).toUpperCase().padStart(2, '0')}`;
  return out;
}

/** A plain value as DuckDB's `CAST(… AS VARCHAR)` writes it (lists `[a, NULL]`, structs `{'k': v}`), for display. */
export function plainText(value: Plain, nested = false): string {
  if (value === null) return nested ? 'NULL' : '';
  if (Array.isArray(value)) return `[${value.map((v) => plainText(v, true)).join(', ')}]`;
  if (typeof value === 'object') {
    const fields = Object.keys(value).map((k) => `'${k.replaceAll("'", "\\'")}': ${quoteInStruct(value[k])}`);
    return `{${fields.join(', ')}}`;
  }
  return String(value);
}

/** Inside a struct DuckDB quotes text only where it would be ambiguous (a quote in it). */
function quoteInStruct(value: Plain): string {
  const text = plainText(value, true);
  return typeof value === 'string' && value.includes("'") ? `'${value.replaceAll("'", "\\'")}'` : text;
}
