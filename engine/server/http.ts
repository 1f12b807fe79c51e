/**
 * The HTTP API (Express 5) and the screens' page. Every call but signing in carries a session token
 * (`Authorization: Bearer ...`); commands are authorized for the session's site (access.ts), then applied and
 * journaled before the answer. Bad input gets a 4xx with `{ ok: false, error: { rule, field, message } }` and
 * changes nothing. Security headers on every answer; signing in is rate limited.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { z } from 'zod';
import type { DurableChain } from '../persistence/durable-chain.ts';
import { parseWith } from '../protocol/commands.ts';
import { ORDER_HEADER_STATUSES } from '../domain/fulfillment.ts';
import { ORDER_PRESETS } from '../domain/order-search.ts';
import { checkSearchQuery } from '../domain/customer-search.ts';
import { receiptEmails } from '../domain/headquarters.ts';
import { channelFor } from '../domain/call-center/channel.ts';
import { customerLookupSchema, itemLookupSchema, sourceCodeLookupSchema } from '../protocol/call-center.ts';
import { giftCardBalance } from '../call-center-desk.ts';
import { CommandRefused } from '../domain/violation.ts';
import { READ_ACCESS, type Read } from '../protocol/access-matrix.ts';
import { chainReport } from '../report.ts';
import { chainSites } from '../protocol/sites.ts';
import { permitted, type Target } from './access.ts';
import { runCommand } from './command-endpoint.ts';
import { requestIdOf, type Operations } from '../operations/operations.ts';
import { salesRoutes } from './sales-routes.ts';
import { JournalTravel } from './journal-travel.ts';
import { apiError, isApiError, type ApiError } from './errors.ts';
import { signInSchema, type Session, type SessionStore } from './sessions.ts';
import { orderDetails, searchOrders } from './order-search.ts';
import { availabilityScreenView, findCustomers, findOrders, inScope, locationView, orderScreenView, registerScreenView, storeSetup } from './views.ts';

const orderQuerySchema = z.object({
  q: z.string().max(100).optional(),
  status: z.enum(ORDER_HEADER_STATUSES).optional(),
  kind: z.enum(['ship', 'pickup', 'carryOut']).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
}).strict();
/** A day as YYYY-MM-DD (the search's dates are whole days, UTC). */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD').refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), 'not a calendar date');
const orderSearchSchema = z.object({
  value: z.string().max(100).optional(),
  customer: z.string().max(100).optional(),
  from: day.optional(),
  to: day.optional(),
  status: z.enum(ORDER_HEADER_STATUSES).optional(),
  storeId: z.string().min(1).max(64).optional(),
  preset: z.enum(ORDER_PRESETS).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
}).strict();
const DAY_MS = 86_400_000;
const fulfillmentQuerySchema = z.object({ filter: z.enum(['all', 'toShip', 'forPickup']).default('all') }).strict();
const customerQuerySchema = z.object({ q: z.string().max(100), scope: z.enum(['local', 'all']).default('local') }).strict();
/** CO-17: `?purpose=ship|pickup&lineIds=L1,L2` (no lineIds: every line of the cart). */
const availabilityQuerySchema = z.object({
  purpose: z.enum(['ship', 'pickup']),
  lineIds: z.string().min(1).max(2000).transform((ids) => ids.split(',').map((id) => id.trim()).filter((id) => id !== '')).optional(),
}).strict();

/** The screens' page, the landing page (`/`: every screen of the chain; the screens' page when not given) and script. */
const FAVICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#263238"/><path d="M7 12h18l-2 12H9z" fill="#fff"/><path d="M12 12a4 4 0 0 1 8 0" stroke="#fff" stroke-width="2" fill="none"/></svg>';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function notFoundPage(path: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Page not found</title><link rel="icon" href="/favicon.svg" type="image/svg+xml"></head>
<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem">
<h1>Page not found</h1>
<p>There is no page at <code>${escapeHtml(path.slice(0, 200))}</code>.</p>
<p><a href="/">See every screen of the chain</a></p>
</body></html>
`;
}

export interface Screens { html: string; landing?: string; script: string }

function fail(res: Response, error: ApiError): void {
  const { status, ...violation } = error;
  res.status(status).json({ ok: false, error: violation });
}

function parsed<S extends z.ZodType>(schema: S, input: unknown, res: Response): z.infer<S> | null {
  const result = parseWith(schema, input);
  if (result.ok) return result.command;
  fail(res, apiError(result.error));
  return null;
}

/** `dataDir`: the chain's data directory, whose journals the analyst's scrubber reads (none: no scrubber). */
export function createApp(durable: DurableChain, sessions: SessionStore, screens: Screens, operations: Operations, options: { dataDir?: string | undefined } = {}): express.Express {
  const chain = durable.chain;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  // Every request gets an id (the caller's x-request-id, else a new one), on each of its log lines and sent back.
  app.use((req, res, next) => {
    const requestId = requestIdOf(req.get('x-request-id'));
    res.setHeader('x-request-id', requestId);
    res.locals.requestId = requestId;
    if (operations.log.isLevelEnabled('debug')) {
      const started = performance.now();
      // The path only: queries may carry a customer's name or phone.
      res.once('finish', () => operations.log.debug({ requestId, method: req.method, path: req.path, status: res.statusCode, ms: Math.round((performance.now() - started) * 100) / 100 }, 'request'));
    }
    next();
  });
  app.use(helmet({
    // The screens are served over plain HTTP inside the store (no upgrade to https); their sockets go to the same host
    // ('self' covers ws: to it).
    contentSecurityPolicy: {
      directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], connectSrc: ["'self'"], imgSrc: ["'self'", 'data:'], upgradeInsecureRequests: null },
    },
    crossOriginEmbedderPolicy: false,
  }));
  app.use(express.json({ limit: '256kb' }));

  // Failed sign-ins per address (successes do not count: a store's screens sign in all at once); the lockout per
  // operator (sessions.ts) is what stops PINs being guessed from many addresses.
  const signInLimit = rateLimit({
    windowMs: 60_000, limit: 10, skipSuccessfulRequests: true, standardHeaders: 'draft-7', legacyHeaders: false,
    handler: (_req, res) => fail(res, { status: 429, rule: 'RATE_LIMITED', field: 'operatorId', message: 'too many sign-in attempts: wait a minute' }),
  });

  // Once a journal write failed, memory may be ahead of disk: nothing more is read or done until a restart.
  app.use(['/healthz', '/api'], (_req, res, next) => {
    if (durable.failed === null) return next();
    fail(res, { status: 503, rule: 'UNAVAILABLE', field: 'server', message: `the journal failed (${durable.failed.message}): restart the engine` });
  });
  // Snapshots that cannot be written are said here: the server still takes commands (the journals hold everything)
  // and tries again later, but a restart replays more the longer it lasts.
  app.get('/healthz', (_req, res) => {
    const failure = durable.snapshotFailure;
    const snapshot = failure === null ? { state: 'ok' }
      : { state: 'failing', message: failure.error.message, since: new Date(failure.since).toISOString(), attempts: failure.attempts, note: 'the journals hold every command; the snapshot is tried again later' };
    res.json({ ok: true, seq: chain.seq, journal: 'ok', snapshot });
  });

  // Open on the bind address like /healthz (docs/decisions.md): counts and timings, no orders, people or secrets.
  app.get('/metrics', async (_req, res) => {
    res.type(operations.metrics.registry.contentType).send(await operations.metrics.registry.metrics());
  });

  app.post('/api/session', signInLimit, async (req, res) => {
    const request = parsed(signInSchema, req.body, res);
    if (request === null) return;
    const signedIn = await sessions.signIn(request);
    if (isApiError(signedIn)) return fail(res, signedIn);
    res.status(201).json({ ok: true, token: signedIn.token, setup: storeSetup(chain, signedIn.session) });
  });

  /** Everything below needs a session. */
  const signedIn = (req: Request, res: Response, next: NextFunction) => {
    const header = req.get('authorization');
    const session = sessions.get(header?.startsWith('Bearer ') ? header.slice(7) : undefined);
    if (session === null) return fail(res, { status: 401, rule: 'UNAUTHENTICATED', field: 'authorization', message: 'sign in first: send Authorization: Bearer <token>' });
    res.locals.session = session;
    next();
  };
  const sessionOf = (res: Response): Session => res.locals.session as Session;
  /** Each read is for the jobs and places access-matrix.ts gives it (ST-5). */
  const may = (read: Read, target: (req: Request) => Target = () => ({})) => (req: Request, res: Response, next: NextFunction) => {
    const refused = permitted(chain.catalog, sessionOf(res), read, READ_ACCESS[read], target(req), 'authorization');
    if (refused !== null) return fail(res, refused);
    next();
  };

  // The chain's sites and registers, for the landing page and the sign-in pickers: before signing in, no secrets.
  app.get('/api/sites', (_req, res) => { res.json({ ok: true, sites: chainSites(chain.catalog) }); });

  app.get('/api/session', signedIn, may('GET /api/session'), (_req, res) => { res.json({ ok: true, setup: storeSetup(chain, sessionOf(res)) }); });
  app.delete('/api/session', signedIn, async (_req, res) => {
    await sessions.signOut(sessionOf(res).id);
    res.status(204).end();
  });

  app.post('/api/commands', signedIn, async (req, res) => {
    const { status, reply } = await runCommand(durable, sessions, sessionOf(res), req.body, { operations, fields: { requestId: res.locals.requestId as string } });
    res.status(status).json(reply);
  });

  app.get('/api/registers/:registerId', signedIn, may('GET /api/registers/:registerId', (req) => ({ registerId: String(req.params.registerId) })), (req, res) => {
    res.json({ ok: true, register: registerScreenView(chain, String(req.params.registerId)) });
  });

  app.get('/api/registers/:registerId/availability', signedIn, may('GET /api/registers/:registerId/availability', (req) => ({ registerId: String(req.params.registerId) })), (req, res) => {
    const query = parsed(availabilityQuerySchema, req.query, res);
    if (query === null) return;
    try {
      res.json({ ok: true, locations: availabilityScreenView(chain, String(req.params.registerId), query.purpose, query.lineIds) });
    } catch (error) {
      if (!(error instanceof CommandRefused)) throw error;
      fail(res, apiError(error.violation));
    }
  });

  app.get('/api/orders', signedIn, may('GET /api/orders'), (req, res) => {
    const query = parsed(orderQuerySchema, req.query, res);
    if (query === null) return;
    res.json({ ok: true, orders: findOrders(chain, sessionOf(res), query) });
  });

  // CO-13: search every store's orders by a scanned or typed value, filters and presets; CO-14 what each offers here.
  app.get('/api/order-search', signedIn, may('GET /api/order-search'), (req, res) => {
    const query = parsed(orderSearchSchema, req.query, res);
    if (query === null) return;
    if (query.storeId !== undefined && !chain.catalog.stores.has(query.storeId)) {
      return fail(res, { status: 400, rule: 'VALIDATION', field: 'storeId', message: `no store "${query.storeId}"` });
    }
    const { from, to, limit, ...search } = query;
    const result = searchOrders(chain, sessionOf(res), {
      ...search, from: from === undefined ? undefined : Date.parse(`${from}T00:00:00Z`), to: to === undefined ? undefined : Date.parse(`${to}T00:00:00Z`) + DAY_MS,
    }, limit);
    res.json({ ok: true, ...result });
  });

  app.get('/api/order-search/:orderId', signedIn, may('GET /api/order-search/:orderId'), (req, res) => {
    const orderId = String(req.params.orderId);
    const details = orderDetails(chain, sessionOf(res), orderId);
    if (details === undefined) return fail(res, { status: 404, rule: 'NOT_FOUND', field: 'orderId', message: `no order "${orderId}"` });
    res.json({ ok: true, ...details });
  });

  app.get('/api/orders/:orderId', signedIn, may('GET /api/orders/:orderId'), (req, res) => {
    const orderId = String(req.params.orderId);
    if (!inScope(chain, sessionOf(res), orderId)) {
      return fail(res, { status: 404, rule: 'NOT_FOUND', field: 'orderId', message: `no order "${orderId}" at this site` });
    }
    res.json({ ok: true, order: orderScreenView(chain, orderId) });
  });

  app.get('/api/fulfillment/:locationId', signedIn, may('GET /api/fulfillment/:locationId', (req) => ({ locationId: String(req.params.locationId) })), (req, res) => {
    const session = sessionOf(res);
    const query = parsed(fulfillmentQuerySchema, req.query, res);
    if (query === null) return;
    const location = locationView(chain, session.locationId);
    res.json({ ok: true, fulfillment: chain.fulfillmentView(session.locationId, query.filter), pickups: location.pickups, orders: location.orders });
  });

  app.get('/api/customers', signedIn, may('GET /api/customers?q=&scope='), (req, res) => {
    const query = parsed(customerQuerySchema, req.query, res);
    if (query === null) return;
    const tooShort = checkSearchQuery(query.q, query.scope);
    if (tooShort !== null) return fail(res, { status: 400, ...tooShort });
    res.json({ ok: true, customers: findCustomers(chain, query.q, query.scope, sessionOf(res).storeId) });
  });


  const linkOf = (req: Request): Target => ({ store: { id: String(req.params.storeId), field: 'storeId', what: `the link of ${String(req.params.storeId)}` } });
  app.get('/api/sync/:storeId', signedIn, may('GET /api/sync/:storeId', linkOf), (req, res) => {
    if (!chain.catalog.stores.has(String(req.params.storeId))) return fail(res, { status: 404, rule: 'NOT_FOUND', field: 'storeId', message: `no store "${req.params.storeId}"` });
    res.json({ ok: true, sync: chain.linkView(String(req.params.storeId)) });
  });

  app.get('/api/report', signedIn, may('GET /api/report'), (_req, res) => {
    res.json({ ok: true, report: chainReport(chain) });
  });

  app.get('/api/rejected-lines', signedIn, may('GET /api/rejected-lines'), (_req, res) => {
    res.json({ ok: true, lines: chain.rejectedLines() });
  });

  /** A read the engine may refuse (unknown, or not now): its refusal is the answer. */
  const answer = (res: Response, read: () => Record<string, unknown>) => {
    try {
      res.json({ ok: true, ...read() });
    } catch (error) {
      if (!(error instanceof CommandRefused)) throw error;
      fail(res, apiError(error.violation));
    }
  };

  app.get('/api/customers/:customerId', signedIn, may('GET /api/customers/:customerId'), (req, res) => {
    answer(res, () => ({ customer: chain.customerView(String(req.params.customerId)) }));
  });

  app.get('/api/registers/:registerId/x-report', signedIn, may('GET /api/registers/:registerId/x-report', (req) => ({ registerId: String(req.params.registerId) })), (req, res) => {
    answer(res, () => ({ report: chain.xReport(String(req.params.registerId)) }));
  });

  const zReportsOf = (req: Request): Target => ({ store: { id: String(req.params.storeId), field: 'storeId', what: `the Z reports of ${String(req.params.storeId)}` } });
  app.get('/api/stores/:storeId/z-reports', signedIn, may('GET /api/stores/:storeId/z-reports', zReportsOf), (req, res) => {
    answer(res, () => ({ reports: chain.zReports(String(req.params.storeId)) }));
  });

  app.get('/api/headquarters/receipt-emails', signedIn, may('GET /api/headquarters/receipt-emails'), (_req, res) => {
    res.json({ ok: true, emails: receiptEmails(chain.backOffice(), 100) });
  });

  const journal = new JournalTravel(options.dataDir);
  app.get('/api/journal', signedIn, may('GET /api/journal'), async (req, res) => {
    const point = await journal.point(req.query);
    if (isApiError(point)) return fail(res, point);
    res.json({ ok: true, point });
  });

  // Headquarters' sales office (issue 13): orders, quotations, agreements, backorders, invoices, pipeline, campaigns.
  salesRoutes(app, chain, signedIn, (read) => may(read), fail);

  // The call center's desk at headquarters (CC-2): the order being taken, the hold list, customer service.
  app.get('/api/call-center/orders/:orderId', signedIn, may('GET /api/call-center/orders/:orderId'), (req, res) => {
    const order = chain.headquarters.callCenter.orderView(String(req.params.orderId));
    if (order === null) return fail(res, { status: 404, rule: 'NOT_FOUND', field: 'orderId', message: `there is no call-center order "${String(req.params.orderId)}"` });
    // The screens' shape beside it: an agent's open order reads itself again when a supervisor decides its price (CC-20).
    res.json({ ok: true, order, view: chain.headquarters.callCenter.screenView(order.orderId) });
  });
  app.get('/api/call-center/holds', signedIn, may('GET /api/call-center/holds'), (_req, res) => {
    res.json({ ok: true, holds: chain.headquarters.callCenter.holdList(callCenterIdOf(chain.catalog.config.callCenters, sessionOf(res).operatorId)) });
  });
  /** CC-2: reads that price or date things by the operator's own call center need one. */
  const memberOf = (res: Response): string | null => {
    const callCenterId = callCenterIdOf(chain.catalog.config.callCenters, sessionOf(res).operatorId);
    if (callCenterId !== undefined) return callCenterId;
    fail(res, { status: 422, rule: 'CC-2', field: 'authorization', message: `${sessionOf(res).operatorId} is not a member of a call center` });
    return null;
  };
  app.get('/api/call-center/customers', signedIn, may('GET /api/call-center/customers?name=&phone=&email=&account='), (req, res) => {
    const query = parsed(customerLookupSchema, req.query, res);
    if (query === null) return;
    res.json({ ok: true, customers: chain.headquarters.callCenter.findCustomers(query) });
  });
  app.get('/api/call-center/source-codes', signedIn, may('GET /api/call-center/source-codes'), (req, res) => {
    const query = parsed(sourceCodeLookupSchema, req.query, res);
    const callCenterId = query === null ? null : memberOf(res);
    if (query === null || callCenterId === null) return;
    res.json({ ok: true, sourceCodes: chain.headquarters.callCenter.sourceCodes(callCenterId, query) });
  });
  app.get('/api/call-center/items', signedIn, may('GET /api/call-center/items'), (req, res) => {
    const query = parsed(itemLookupSchema, req.query, res);
    const callCenterId = query === null ? null : memberOf(res);
    if (query === null || callCenterId === null) return;
    res.json({ ok: true, items: chain.headquarters.callCenter.findItems(callCenterId, query.text) });
  });
  app.get('/api/call-center/gift-cards/:cardNumber', signedIn, may('GET /api/call-center/gift-cards/:cardNumber'), (req, res) => {
    const cardNumber = String(req.params.cardNumber);
    if (cardNumber.length > 64) return fail(res, { status: 400, rule: 'VALIDATION', field: 'cardNumber', message: 'a gift card number has at most 64 characters' });
    res.json({ ok: true, giftCard: { number: cardNumber, balance: giftCardBalance(cardNumber) } });
  });
  app.get('/api/call-center/price-change-requests', signedIn, may('GET /api/call-center/price-change-requests'), (_req, res) => {
    res.json({ ok: true, requests: chain.headquarters.callCenter.priceChangeRequests(callCenterIdOf(chain.catalog.config.callCenters, sessionOf(res).operatorId)) });
  });
  app.get('/api/call-center/customers/:customerId', signedIn, may('GET /api/call-center/customers/:customerId'), (req, res) => {
    const customer = chain.headquarters.callCenter.customerService(String(req.params.customerId));
    if (customer.customer === null) return fail(res, { status: 404, rule: 'NOT_FOUND', field: 'customerId', message: `headquarters has no customer account "${String(req.params.customerId)}"` });
    res.json({ ok: true, customer });
  });

  app.use('/api', (_req, res) => fail(res, { status: 404, rule: 'NOT_FOUND', field: 'path', message: 'no such API' }));

  app.get('/app.js', (_req, res) => { res.type('text/javascript').set('cache-control', 'no-cache').send(screens.script); });
  app.get('/', (_req, res) => { res.type('html').set('cache-control', 'no-cache').send(screens.landing ?? screens.html); });
  app.get(['/till', '/fulfillment', '/pickup', '/analyst', '/call-center', '/call-center/supervisor', '/back-office'], (_req, res) => { res.type('html').set('cache-control', 'no-cache').send(screens.html); });
  app.get(['/favicon.ico', '/favicon.svg'], (_req, res) => { res.type('image/svg+xml').set('cache-control', 'max-age=86400').send(FAVICON); });
  // Any other address: a page in plain words with the way back to the list of screens (never Express's "Cannot GET").
  app.use((req, res) => { res.status(404).type('html').send(notFoundPage(req.path)); });

  // Malformed JSON, a body too large: the client's fault, said plainly.
  app.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const status = typeof error === 'object' && error !== null && 'status' in error ? Number((error as { status: number }).status) : 500;
    if (status === 400) return fail(res, { status, rule: 'VALIDATION', field: 'body', message: 'the body is not valid JSON' });
    if (status === 413) return fail(res, { status, rule: 'VALIDATION', field: 'body', message: 'the body is too large' });
    console.error(error);
    fail(res, { status: 500, rule: 'INTERNAL', field: 'server', message: 'the server failed on this request' });
  });
  return app;
}

/** CC-2: the call center the operator works in (a supervisor of none sees every call center's holds). */
function callCenterIdOf(centers: Parameters<typeof channelFor>[0], operatorId: string): string | undefined {
  const channel = channelFor(centers, operatorId);
  return channel.kind === 'callCenter' ? channel.callCenter.id : undefined;
}
