import type { CoreRole } from './name-scores.ts';
import { OTHER_LANGUAGE_NAMES } from './other-language-names.ts';

// Whole header names as the tools export them, after normalizeHeader, by score. Higher wins when
// several columns could take a role, which is how `Financial Status` beats `Fulfillment Status`.
const KNOWN: Record<CoreRole, [number, string][]> = {
  customer_id: [
    [100, 'customerid custid customerno customernumber customernr clientid'],
    [95, 'customerkey customercode clientno clientnumber buyerid contactid'],
    [92, 'customeremail'],
    [90, 'customer email emailaddress buyeremail contactemail clientemail shopperid memberid'],
    [88, 'useremail userid'],
    [85, 'buyer billingemail accountid'],
    // WooCommerce writes 0 here for guest checkouts, so its e-mail identifies more customers.
    [80, 'customeruserid associatedcontactids associatedcontactid client'],
    [70, 'associatedcompanyids associatedcompanyid mail'],
    [45, 'associatedcontact'],
    [40, 'associatedcompany customername clientname buyername'],
    [35, 'fullname contactname billingname'],
    [30, 'name'],
  ],
  order_id: [
    [100, 'orderid'],
    [95, 'ordernumber orderno ordernr invoiceno invoicenumber invoicenr'],
    [90, 'invoiceid transactionid transactionno txnid salesorderid salesordernumber dealid'],
    [85, 'order orderref orderreference invoice salesorder recordid hsobjectid purchaseid chargeid bookingid'],
    [80, 'bookingreference receiptno receiptnumber receiptid'],
    [70, 'ticketid'],
    [60, 'documentno documentnumber paymentid paymentintentid'],
    [50, 'id'],
    [40, 'paymentreference'],
  ],
  order_date: [
    [100, 'orderdate invoicedate purchasedate transactiondate orderdatetime'],
    [95, 'dateordered orderedat purchasedat saledate salesdate'],
    [90, 'ordertime orderplaced date createdat createdutc closedate'],
    [85, 'created createddate createdon datecreated closeddate bookingdate'],
    [80, 'creationdate closedat paidat paymentdate'],
    [75, 'paiddate datepaid'],
    [70, 'createdate datetime'],
    [60, 'timestamp'],
    [50, 'day'],
    [40, 'time'],
  ],
  amount: [
    [100, 'amount total ordertotal totalamount orderamount revenue totalrevenue sales salesamount grandtotal'],
    [95, 'ordervalue totalsales totalprice totalpaid amountpaid paidamount dollarvalue'],
    [90, 'linetotal netsales monetary'],
    [85, 'grosssales netamount grossamount totalspent'],
    [80, 'dollars spend spent'],
    [75, 'subtotal'],
    [60, 'value'],
  ],
  quantity: [
    [100, 'quantity qty lineitemquantity quantityordered orderedquantity qtyordered'],
    [90, 'units unitssold numberofcds numberofitems numitems'],
    [85, 'itemcount'],
    [80, 'pieces pcs'],
    [50, 'items count'],
  ],
  unit_price: [
    [100, 'unitprice lineitemprice itemprice priceeach priceperunit'],
    [90, 'price unitcost itemcost unitamount'],
    [85, 'saleprice sellingprice productprice'],
    [40, 'rate'],
  ],
  status: [
    [100, 'status orderstatus'],
    [95, 'financialstatus transactionstatus'],
    [90, 'paymentstatus invoicestatus dealstage'],
    [70, 'stage'],
    [60, 'fulfillmentstatus'],
    [40, 'shipmentstatus deliverystatus state'],
  ],
  currency: [
    [100, 'currency currencycode ordercurrency dealcurrencycode'],
    [95, 'paymentcurrency transactioncurrency'],
    [90, 'currencyiso'],
    [80, 'curr ccy'],
    [70, 'presentmentcurrency'],
    [60, 'cur'],
    [40, 'convertedcurrency'],
  ],
};

const SCORES = new Map<string, [CoreRole, number][]>();
for (const [role, groups] of [...Object.entries(KNOWN), ...Object.entries(OTHER_LANGUAGE_NAMES)] as [CoreRole, [number, string][]][]) {
  for (const [score, names] of groups) {
    for (const name of names.split(' ')) SCORES.set(name, [...(SCORES.get(name) ?? []), [role, score]]);
  }
}

/** The roles a whole normalized header name is known for, with their scores. */
export function knownNameScores(normalized: string): [CoreRole, number][] {
  return SCORES.get(normalized) ?? [];
}
