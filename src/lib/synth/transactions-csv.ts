import { formatDay, pad2 } from './calendar.ts';
import { ChunkBuilder } from './chunk-builder.ts';
import { formatCents } from './money.ts';
import type { Model } from './model.ts';
import { shelfPrice } from './price.ts';
import { Rng } from './prng.ts';
import { SALT } from './salts.ts';
import { CANCELLED_FLAG, NO_ID, decodeKey, duplicateLine } from './schedule.ts';
import type { Schedule } from './schedule.ts';
import { RETURNED, ZERO_PRICE } from './shares.ts';
import type { Traits } from './traits.ts';
import { CATEGORIES, CHANNELS, COUNTRIES, DEVICES } from './vocab.ts';
import { pickIndex } from './weighted.ts';

/** Header of the transactions file. */
export const TRANSACTIONS_HEADER =
  'invoice_id,customer_id,invoice_date,product_category,quantity,unit_price,amount,country,channel,device,status';

/** Invoice numbers start here, so they all have at least six digits. */
const FIRST_INVOICE = 100001;

function deviceFor(channel: number, own: number, rng: Rng): string {
  if (channel === 0) return DEVICES[rng.chance(0.8) ? own : rng.int(DEVICES.length)];
  if (channel === 1) return rng.chance(0.85) ? 'mobile' : 'tablet';
  return '';
}

/**
 * One order line, `head` and `tail` holding the invoice's fields: a product the customer likes, its
 * shelf price and a quantity in the customer's habit; sometimes a return, rarely a free item.
 */
function orderLine(traits: Traits, customer: number, rng: Rng, head: string, tail: string, cancelled: boolean): string {
  const category = CATEGORIES.values[rng.chance(0.4) ? traits.category[customer] : pickIndex(CATEGORIES, rng)];
  const typical = category.priceCents * traits.priceFactor[customer];
  const price = rng.chance(ZERO_PRICE) ? 0 : shelfPrice(typical * rng.lognormal(0, 0.5), rng);
  const units = traits.units[customer] * category.units * rng.lognormal(0, 0.55);
  let quantity = Math.max(1, Math.round(units));
  const returned = !cancelled && rng.chance(RETURNED);
  if (returned) quantity = -(1 + rng.int(quantity));
  const status = cancelled ? 'cancelled' : returned ? 'returned' : 'completed';
  const amount = formatCents(quantity * price);
  return `${head}${category.name},${quantity},${formatCents(price)},${amount}${tail}${status}\n`;
}

/**
 * The transactions CSV, header first, one row per order line in time order, yielded in chunks of
 * at least `chunkChars` characters that always end at a line end.
 */
export function* transactionsCsv(model: Model, traits: Traits, schedule: Schedule, chunkChars: number): Generator<string> {
  const { season, total } = model;
  const rng = new Rng(model.options.seed, 0, SALT.lines);
  const dayText = Array.from({ length: season.days }, (_, d) => formatDay(season.startDay + d));
  const chunk = new ChunkBuilder(chunkChars);
  chunk.add(`${TRANSACTIONS_HEADER}\n`);
  let invoiceNo = FIRST_INVOICE - 1;
  const { keys, lines, flags } = schedule;
  for (let i = 0; i < keys.length; i++) {
    if (lines[i] === 0) continue;
    invoiceNo++;
    const { second, customer, channel } = decodeKey(keys[i], total);
    const cancelled = (flags[i] & CANCELLED_FLAG) !== 0;
    const day = Math.floor(second / 86400);
    const s = second - day * 86400;
    const time = `${pad2(Math.floor(s / 3600))}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}`;
    const id = flags[i] & NO_ID ? '' : model.customerId(customer);
    // A few orders ship abroad.
    const where = rng.chance(0.03) ? pickIndex(COUNTRIES, rng) : traits.country[customer];
    const country = COUNTRIES.values[where].code;
    const device = deviceFor(channel, traits.device[customer], rng);
    const head = `${cancelled ? 'C' : ''}${invoiceNo},${id},${dayText[day]} ${time},`;
    const tail = `,${country},${CHANNELS[channel]},${device},`;
    const dup = duplicateLine(schedule, i);
    for (let j = 1; j <= lines[i]; j++) {
      const row = orderLine(traits, customer, rng, head, tail, cancelled);
      chunk.add(row);
      if (j === dup) chunk.add(row);
    }
    if (chunk.full) yield chunk.take();
  }
  if (chunk.size > 0) yield chunk.take();
}
