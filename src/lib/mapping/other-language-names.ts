import type { CoreRole } from './name-scores.ts';

/**
 * Whole header names in German, French, Spanish, Italian, Dutch and the Scandinavian languages, as
 * accounting and shop software there exports them, after normalizeHeader (accents dropped:
 * `Quantité` → `quantite`). Scored like known-names.ts; the values still have the last word.
 */
export const OTHER_LANGUAGE_NAMES: Record<CoreRole, [number, string][]> = {
  customer_id: [
    [
      95,
      'kundennr kundennummer kundenid kdnr numeroclient numclient idclient codeclient codigocliente idcliente numerocliente ' +
        'codicecliente klantnummer klantnr klantid kundenummer kundnummer kundnr',
    ],
    [85, 'kundenemail emailclient correocliente klantemail'],
    [60, 'kunde cliente klant kund'],
  ],
  order_id: [
    [
      95,
      'bestellnummer bestellnr auftragsnummer auftragsnr rechnungsnummer rechnungsnr belegnummer belegnr numerocommande ' +
        'numcommande numerofacture numfacture numeropedido numpedido numerofactura numeroordine numerofattura bestelnummer ' +
        'factuurnummer ordernummer ordrenummer',
    ],
    [85, 'bestellung auftrag rechnung beleg commande facture pedido factura ordine fattura bestelling factuur'],
  ],
  order_date: [
    [
      95,
      'bestelldatum auftragsdatum rechnungsdatum belegdatum datecommande datefacture fechapedido fechafactura datafattura ' +
        'dataordine besteldatum factuurdatum orderdatum ordredato fakturadatum',
    ],
    [85, 'datum fecha'],
  ],
  amount: [
    [95, 'betrag gesamtbetrag rechnungsbetrag bruttobetrag umsatz montant montantttc importe importetotal importo bedrag belopp beloeb'],
    [85, 'summe gesamt totale totaal nettobetrag montantht'],
  ],
  quantity: [[95, 'menge anzahl quantite cantidad quantita aantal antal stuck stueck']],
  unit_price: [
    [90, 'preis einzelpreis stuckpreis stueckpreis prixunitaire prix preciounitario precio prezzounitario prezzo prijs stukprijs'],
  ],
  status: [[90, 'bestellstatus statut estado stato']],
  currency: [[90, 'wahrung waehrung devise moneda valuta']],
};
