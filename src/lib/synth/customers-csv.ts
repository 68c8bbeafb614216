import { formatDay } from './calendar.ts';
import { ChunkBuilder } from './chunk-builder.ts';
import { ContactDrawer } from './contact.ts';
import type { Model } from './model.ts';
import { customerProfile } from './profile.ts';
import type { Profile } from './profile.ts';
import { SALT } from './salts.ts';
import { COMPANY_SIZES, COUNTRIES, DEVICES, PLANS, SOURCES } from './vocab.ts';

/** Header of the customers file. */
export const CUSTOMERS_HEADER =
  'customer_id,signup_date,age,gender,country,city,industry,company_size,device,plan,acquisition_source,email_opt_in';

/** The columns `contacts` adds after those. */
export const CONTACT_COLUMNS = 'email,first_name,last_name,phone,accepts_email_marketing';

/**
 * The contact columns of one customer. E-mail consent is the sign-up opt-in (`email_opt_in`)
 * where there is an address to send to; without an address, or without a recorded answer, no.
 */
function contactColumns(contacts: ContactDrawer, index: number, p: Profile, year: number): string {
  const c = contacts.draw(index, {
    country: COUNTRIES.values[p.country].code,
    city: p.city,
    gender: p.gender,
    birthYear: p.age === 0 ? 0 : year - p.age,
  });
  const consent = c.email !== '' && p.emailOptIn === 'true' ? 'yes' : 'no';
  return `,${c.email},${c.firstName},${c.lastName},${c.phone},${consent}`;
}

/** The customers CSV, header first, in id order, in chunks of at least `chunkChars` characters. */
export function* customersCsv(model: Model, chunkChars: number): Generator<string> {
  const contacts = model.options.contacts ? new ContactDrawer(model.options.seed, SALT.contacts) : null;
  // Ages are as of the period's last year.
  const year = Number(model.options.end.slice(0, 4));
  const chunk = new ChunkBuilder(chunkChars);
  chunk.add(contacts ? `${CUSTOMERS_HEADER},${CONTACT_COLUMNS}\n` : `${CUSTOMERS_HEADER}\n`);
  for (let i = 0; i < model.fileCustomers; i++) {
    const p = customerProfile(model, i);
    chunk.add(
      `${model.customerId(i)},${formatDay(p.signupDay)},${p.age === 0 ? '' : p.age},${p.gender},` +
        `${COUNTRIES.values[p.country].code},${p.city},${p.industry},` +
        `${p.companySize < 0 ? '' : COMPANY_SIZES.values[p.companySize][0]},${DEVICES[p.device]},` +
        `${PLANS.values[p.plan][0]},${SOURCES.values[p.source][0]},${p.emailOptIn}` +
        `${contacts ? contactColumns(contacts, i, p, year) : ''}\n`,
    );
    if (chunk.full) yield chunk.take();
  }
  if (chunk.size > 0) yield chunk.take();
}
