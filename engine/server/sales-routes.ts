/**
 * The sales office's reads (issue 13): GET /api/sales/... for each back-office view. Its commands go through the
 * command endpoint like every other; its live room is `salesOffice` (gateway.ts). A bad filter is a 400 naming the
 * field; an unknown record a 404 naming its id.
 */
import type express from 'express';
import type { NextFunction, Request, Response } from 'express';
import type { Chain } from '../chain.ts';
import { parseWith } from '../protocol/commands.ts';
import type { Read } from '../protocol/access-matrix.ts';
import { freeTextProFormaQuerySchema, salesOrderFilterSchema } from '../protocol/sales.ts';
import { SalesOfficeViews } from '../sales-office/views.ts';
import { apiError, type ApiError } from './errors.ts';

type Handler = (req: Request, res: Response, next: NextFunction) => void;

export function salesRoutes(app: express.Express, chain: Chain, signedIn: Handler, may: (read: Read) => Handler, fail: (res: Response, error: ApiError) => void): void {
  const views = () => new SalesOfficeViews(chain.headquarters.salesOffice);
  const notFound = (res: Response, field: string, what: string) => fail(res, { status: 404, rule: 'NOT_FOUND', field, message: `there is no ${what}` });
  /** A detail read: its record's view by the route's id, or 404 naming the id. */
  const detail = (read: Read, param: string, noun: string, view: (views: SalesOfficeViews, id: string) => unknown, key: string) => {
    app.get(read.slice('GET '.length), signedIn, may(read), (req, res) => {
      const id = String(req.params[param]);
      const found = view(views(), id);
      if (found === null) return notFound(res, param, `${noun} "${id}"`);
      res.json({ ok: true, [key]: found });
    });
  };

  app.get('/api/sales/orders', signedIn, may('GET /api/sales/orders'), (req, res) => {
    const filter = parseWith(salesOrderFilterSchema, req.query);
    if (!filter.ok) return fail(res, apiError(filter.error));
    res.json({ ok: true, orders: views().orders(filter.command) });
  });
  detail('GET /api/sales/orders/:salesOrderId', 'salesOrderId', 'sales order', (v, id) => v.order(id), 'order');
  app.get('/api/sales/orders/:salesOrderId/pro-forma', signedIn, may('GET /api/sales/orders/:salesOrderId/pro-forma'), (req, res) => {
    const proForma = views().proForma(String(req.params.salesOrderId));
    if ('rule' in proForma) return fail(res, apiError(proForma));
    res.json({ ok: true, proForma });
  });
  app.get('/api/sales/pro-forma/free-text', signedIn, may('GET /api/sales/pro-forma/free-text'), (req, res) => {
    const entered = parseWith(freeTextProFormaQuerySchema, req.query);
    if (!entered.ok) return fail(res, apiError(entered.error));
    const proForma = views().freeTextProForma(entered.command);
    if ('rule' in proForma) return fail(res, apiError(proForma));
    res.json({ ok: true, proForma });
  });
  app.get('/api/sales/quotations', signedIn, may('GET /api/sales/quotations'), (_req, res) => { res.json({ ok: true, quotations: views().quotations() }); });
  detail('GET /api/sales/quotations/:quotationId', 'quotationId', 'quotation', (v, id) => v.quotation(id), 'quotation');
  app.get('/api/sales/agreements', signedIn, may('GET /api/sales/agreements'), (_req, res) => { res.json({ ok: true, agreements: views().agreements() }); });
  detail('GET /api/sales/agreements/:agreementId', 'agreementId', 'sales agreement', (v, id) => v.agreement(id), 'agreement');
  app.get('/api/sales/backorders', signedIn, may('GET /api/sales/backorders'), (_req, res) => { res.json({ ok: true, backorders: views().backorders() }); });
  app.get('/api/sales/purchase-lines', signedIn, may('GET /api/sales/purchase-lines'), (_req, res) => { res.json({ ok: true, purchaseLines: views().purchaseLines() }); });
  app.get('/api/sales/invoices', signedIn, may('GET /api/sales/invoices'), (_req, res) => { res.json({ ok: true, invoices: views().invoices() }); });
  detail('GET /api/sales/invoices/:invoiceId', 'invoiceId', 'invoice', (v, id) => v.invoice(id), 'invoice');
  app.get('/api/sales/pipeline', signedIn, may('GET /api/sales/pipeline'), (_req, res) => { res.json({ ok: true, pipeline: views().pipeline() }); });
  app.get('/api/sales/campaigns', signedIn, may('GET /api/sales/campaigns'), (_req, res) => { res.json({ ok: true, campaigns: views().campaigns() }); });
  detail('GET /api/sales/campaigns/:campaignId', 'campaignId', 'campaign', (v, id) => v.campaign(id), 'campaign');
}
