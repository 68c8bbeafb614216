import type { Role } from './import.ts';

/** What each role is called on the page and in messages. */
export const ROLE_LABELS: Record<Role, string> = {
  customer_id: 'Customer id',
  order_id: 'Order id',
  order_date: 'Order date',
  amount: 'Amount',
  quantity: 'Quantity',
  unit_price: 'Unit price',
  status: 'Status',
  currency: 'Currency',
  email: 'E-mail',
  first_name: 'First name',
  last_name: 'Last name',
  full_name: 'Name (full)',
  phone: 'Phone',
  consent: 'Marketing consent',
  attribute: 'Attribute',
  ignore: 'Ignore',
};
