import { formatDay } from './calendar.ts';
import { ChunkBuilder } from './chunk-builder.ts';
import type { Model } from './model.ts';
import { customerProfile } from './profile.ts';
import { COMPANY_SIZES, COUNTRIES, DEVICES, PLANS, SOURCES } from './vocab.ts';

/** Header of the customers file. */
export const CUSTOMERS_HEADER =
  'customer_id,signup_date,age,gender,country,city,industry,company_size,device,plan,acquisition_source,email_opt_in';

/** The customers CSV, header first, in id order, in chunks of at least `chunkChars` characters. */
export function* customersCsv(model: Model, chunkChars: number): Generator<string> {
  const chunk = new ChunkBuilder(chunkChars);
  chunk.add(`${CUSTOMERS_HEADER}\n`);
  for (let i = 0; i < model.fileCustomers; i++) {
    const p = customerProfile(model, i);
    chunk.add(
      `${model.customerId(i)},${formatDay(p.signupDay)},${p.age === 0 ? '' : p.age},${p.gender},` +
        `${COUNTRIES.values[p.country].code},${p.city},${p.industry},` +
        `${p.companySize < 0 ? '' : COMPANY_SIZES.values[p.companySize][0]},${DEVICES[p.device]},` +
        `${PLANS.values[p.plan][0]},${SOURCES.values[p.source][0]},${p.emailOptIn}\n`,
    );
    if (chunk.full) yield chunk.take();
  }
  if (chunk.size > 0) yield chunk.take();
}
