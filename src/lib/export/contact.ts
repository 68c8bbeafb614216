/** One customer's contact fields, as the worker reads them for an export (one row per customer). */
export interface ContactRow {
  customerId: string; // text, as loaded
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  fullName: string | null; // when the data has one full-name column instead of first/last
  phone: string | null; // as written in the file: '+44 7700 900123', '07700 900123', '(555) 010-1234'...
  consent: boolean | null; // accepts marketing; null = unknown
  /** The customer's country as the data writes it (`DK`); an ISO code reads their national phone numbers. */
  country?: string | null;
}
