import { EmailBook } from './email-address.ts';
import { drawPersonName } from './person-name.ts';
import { PhoneBook } from './phone-number.ts';
import { Rng } from './prng.ts';

/** What a contact is drawn from: where the person lives and what they told about themselves. */
export interface ContactSeed {
  /** ISO 3166-1 alpha-2 code. */
  country: string;
  /** May be blank. */
  city: string;
  /** `F`, `M`, `X` or blank. */
  gender: string;
  /** 0 when unknown; some people put it in their e-mail address. */
  birthYear: number;
}

/** A person's contact fields; a blank e-mail or phone is an empty string. */
export interface Contact {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
}

/** How often a field is missing, as in real customer exports. */
export interface ContactBlanks {
  email: number;
  phone: number;
}

export const RETAIL_BLANKS: ContactBlanks = { email: 0.03, phone: 0.25 };

/**
 * Names, e-mail addresses and telephone numbers for the people of a synthetic file. Each person's
 * draws come from their own stream (seed, index, salt), so contacts do not move any other part of
 * the generator; addresses and numbers are unique within one drawer, so draw in row order.
 */
export class ContactDrawer {
  private readonly emails = new EmailBook();
  private readonly phones = new PhoneBook();
  private readonly seed: number;
  private readonly salt: number;
  private readonly blanks: ContactBlanks;

  constructor(seed: number, salt: number, blanks: ContactBlanks = RETAIL_BLANKS) {
    this.seed = seed;
    this.salt = salt;
    this.blanks = blanks;
  }

  draw(index: number, person: ContactSeed): Contact {
    const rng = new Rng(this.seed, index, this.salt);
    const name = drawPersonName(rng, person.country, person.city, person.gender);
    const email = rng.chance(this.blanks.email) ? '' : this.emails.draw(rng, name, person.birthYear);
    const phone = rng.chance(this.blanks.phone) ? '' : this.phones.draw(rng, person.country, person.city);
    return { firstName: name.first, lastName: name.last, email, phone };
  }
}
