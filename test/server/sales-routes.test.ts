/**
 * The sales office over HTTP and Socket.IO (issue 13): its commands through the command endpoint, its reads under
 * GET /api/sales/..., a bad filter or body a 400 naming the field (never a 5xx), the office's jobs kept apart from
 * the till's and the call center's, and the `salesOffice` room seeing a change live.
 */
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoChainConfigInput } from '../fixtures/chain.ts';
import { withSalesOffice } from '../engine/sales-office-helpers.ts';
import { SALES_READ_PATHS, salesSamples } from './sales-samples.ts';
import { accepted, call, command, emitWithAck, signIn, socketOf, testServer, type TestServer } from './server-helpers.ts';

/** sales1 signs in with cashier1's PIN (1111), marketing1 with agent1's (7777). */
function withOfficeStaff(config: Record<string, unknown>): void {
  const c = config as unknown as DemoChainConfigInput;
  withSalesOffice(c);
  const pinOf = (operatorId: string) => c.staff.find((s) => s.operatorId === operatorId)!.pinHash!;
  c.staff.find((s) => s.operatorId === 'sales1')!.pinHash = pinOf('cashier1');
  c.staff.find((s) => s.operatorId === 'marketing1')!.pinHash = pinOf('agent1');
}

async function signInAs(url: string, operatorId: string, pin: string, siteId = 'S1', registerId?: string): Promise<{ status: number; token?: string }> {
  const answer = await call(url, 'POST', '/api/session', { body: { operatorId, pin, siteId, ...(registerId === undefined ? {} : { registerId }) } });
  return { status: answer.status, token: answer.body.token as string | undefined };
}

const line = { productId: 'P-TENT', quantity: 1, requestedShipDate: '2026-12-01' };

describe('the sales office over HTTP', () => {
  let t: TestServer;
  let sales: string;
  let marketing: string;
  let cashier: string;
  let socket: Socket;

  beforeAll(async () => {
    t = await testServer({ config: withOfficeStaff });
    sales = (await signInAs(t.url, 'sales1', '1111')).token!;
    marketing = (await signInAs(t.url, 'marketing1', '7777')).token!;
    cashier = await signIn(t.url, 'cashier1', 'S1', 'R1');
    socket = await socketOf(t.url, sales);
  });
  afterAll(async () => {
    socket.close();
    await t.close();
  });

  it('SM-2 an order created through the command endpoint is listed, detailed and filtered; a bad filter is a 400 naming it', async () => {
    const [created] = await accepted(t.url, sales, { type: 'sales.createOrder', operatorId: 'sales1', orderType: 'salesOrder', customerAccount: 'C-ACME', lines: [line] });
    const id = created!.salesOrderId as string;
    const list = await call(t.url, 'GET', '/api/sales/orders?type=salesOrder&customer=C-ACME&origin=backOffice&backordered=false', { token: sales });
    expect(list.status).toBe(200);
    expect(list.body.orders).toEqual([expect.objectContaining({ salesOrderId: id, typeWords: 'Sales order', status: 'Open order', customerName: 'Acme Outfitters', total: { amount: 17_500, currency: 'USD' } })]);
    const detail = await call(t.url, 'GET', `/api/sales/orders/${id}`, { token: sales });
    expect(detail.body.order).toMatchObject({ lines: [{ inventory: 'Reserved', priceSource: 'Customer trade agreement' }] });
    expect((detail.body.order as { actions: { action: string; offered: boolean }[] }).actions).toContainEqual(expect.objectContaining({ action: 'sales.invoiceOrder', offered: false }));
    const bad = await call(t.url, 'GET', '/api/sales/orders?status=shipped', { token: sales });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ rule: 'VALIDATION', field: 'status' });
    const unknown = await call(t.url, 'GET', '/api/sales/orders?colour=red', { token: sales });
    expect(unknown.body.error).toMatchObject({ field: 'colour' });
    expect((await call(t.url, 'GET', '/api/sales/orders/HSO-999999', { token: sales })).status).toBe(404);
  });

  it('SM-14 the pro forma of an order posts nothing and reads the same again', async () => {
    const [created] = await accepted(t.url, sales, { type: 'sales.createOrder', operatorId: 'sales1', orderType: 'salesOrder', customerAccount: 'C-ANNA', lines: [{ ...line, productId: 'P-LAMP' }] });
    const id = created!.salesOrderId as string;
    await accepted(t.url, sales, { type: 'sales.postPackingSlip', operatorId: 'sales1', salesOrderId: id, lines: [{ lineId: `${id}-1`, quantity: 1 }] });
    const first = await call(t.url, 'GET', `/api/sales/orders/${id}/pro-forma`, { token: sales });
    const again = await call(t.url, 'GET', `/api/sales/orders/${id}/pro-forma`, { token: sales });
    expect(first.body.proForma).toMatchObject({ proForma: true, total: { amount: 2749, currency: 'USD' } });
    expect(again.body).toEqual(first.body);
    expect((await call(t.url, 'GET', '/api/sales/invoices', { token: sales })).body.invoices).toEqual([]);
  });

  it('SM-14 a free text invoice\'s pro forma: same totals as posting, nothing posted; bad lines are a 400 naming them', async () => {
    const lines = encodeURIComponent(JSON.stringify([{ mainAccount: '401100', text: 'Tent repair', amount: 5000 }]));
    const path = `/api/sales/pro-forma/free-text?customerAccount=C-ACME&salesTaxGroup=TX-WA&itemTaxGroup=SERVICE&lines=${lines}`;
    const first = await call(t.url, 'GET', path, { token: sales });
    expect(first.body.proForma).toMatchObject({ proForma: true, total: { amount: 5500, currency: 'USD' }, printLines: expect.arrayContaining([{ text: 'Pro forma invoice (not posted, nothing to pay)', amount: null }]) });
    expect((await call(t.url, 'GET', path, { token: sales })).body).toEqual(first.body);
    const [posted] = await accepted(t.url, sales, { type: 'sales.freeTextInvoice', operatorId: 'sales1', customerAccount: 'C-ACME', salesTaxGroup: 'TX-WA', itemTaxGroup: 'SERVICE', lines: [{ mainAccount: '401100', text: 'Tent repair', amount: 5000 }] });
    expect(posted!.total).toBe(5500);
    const bad = await call(t.url, 'GET', '/api/sales/pro-forma/free-text?customerAccount=C-ACME&salesTaxGroup=TX-WA&itemTaxGroup=SERVICE&lines=nope', { token: sales });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ field: 'lines' });
    const unknownAccount = await call(t.url, 'GET', path.replace('401100', '999999'), { token: sales });
    expect(unknownAccount.body.error).toMatchObject({ rule: 'NOT_FOUND', field: 'lines.0.mainAccount' });
  });

  it('a bad command is a 400 naming the field, never a 5xx; every read answers below 500', async () => {
    const bad = await command(t.url, sales, { type: 'sales.createOrder', operatorId: 'sales1', orderType: 'salesOrder', customerAccount: 'C-ACME', lines: [{ ...line, quantity: 0 }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error!.field).toBe('command.lines.0.quantity');
    const samples = salesSamples('sales1');
    for (const [type, fields] of Object.entries(samples)) {
      const token = type.startsWith('marketing.') ? marketing : sales;
      const answer = await command(t.url, token, { type, ...fields, operatorId: type.startsWith('marketing.') ? 'marketing1' : 'sales1' });
      expect(answer.status, type).toBeLessThan(500);
    }
    for (const path of Object.values(SALES_READ_PATHS)) expect((await call(t.url, 'GET', path, { token: sales })).status, path).toBeLessThan(500);
  });

  it('ST-5 the office\'s staff cannot work a till or the call center, and a cashier cannot use the office', async () => {
    const atTill = await signInAs(t.url, 'sales1', '1111', 'S1', 'R1');
    expect(atTill.status).toBe(201);
    const till = await command(t.url, atTill.token!, { type: 'register.openShift', registerId: 'R1', operatorId: 'sales1' });
    expect(till.status).toBe(403);
    expect(till.body.error).toMatchObject({ rule: 'ST-5', field: 'type' });
    const desk = await command(t.url, sales, { type: 'callCenter.startOrder', operatorId: 'sales1', customerId: 'C-ANNA' });
    expect(desk.status).toBe(403);
    const office = await call(t.url, 'GET', '/api/sales/orders', { token: cashier });
    expect(office.status).toBe(403);
    expect(office.body.error!.message).toMatch(/the sales office's work/);
    const campaign = await call(t.url, 'GET', '/api/sales/campaigns', { token: sales });
    expect(campaign.status).toBe(403);
    expect((await call(t.url, 'GET', '/api/sales/campaigns', { token: marketing })).status).toBe(200);
  });

  it('the salesOffice room names the views a change touched, and sends the order list when it moved', async () => {
    const subscribed = await emitWithAck<{ ok: boolean; state: Record<string, { orders: unknown[] }> }>(socket, 'subscribe', { rooms: ['salesOffice'] });
    expect(subscribed.ok).toBe(true);
    const updates: { type: string; view: unknown }[] = [];
    socket.on('update', (envelope: { type: string; view: unknown }) => updates.push(envelope));
    const until = async (count: number) => { while (updates.length < count) await new Promise((resolve) => setTimeout(resolve, 10)); };
    const [created] = await accepted(t.url, sales, { type: 'sales.createOrder', operatorId: 'sales1', orderType: 'journal', customerAccount: 'C-CAL', lines: [line] });
    await until(2);
    expect(updates[0]).toMatchObject({ type: 'salesOfficeChanged', view: { changed: ['orders', 'backorders', 'agreements'] } });
    expect(updates[1]!.type).toBe('salesOrders');
    expect((updates[1]!.view as { salesOrderId: string }[]).map((o) => o.salesOrderId)).toContain(created!.salesOrderId);
    // A quotation moves the quotations and the pipeline (its party's links), not the order list: no order list is sent.
    await accepted(t.url, sales, { type: 'sales.createQuotation', operatorId: 'sales1', partyId: 'C-CAL', expiryDate: '2027-12-31', lines: [line] });
    await until(3);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(updates.slice(2)).toEqual([expect.objectContaining({ type: 'salesOfficeChanged', view: { changed: ['quotations', 'pipeline'] } })]);
  });
});
