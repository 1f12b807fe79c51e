/**
 * Issue 10, the way in: `/` lists every screen of the chain (from `GET /api/sites`, public, no secrets), an unknown
 * address answers a page in plain words with the way back, an unknown API path still answers JSON, and the favicon
 * is served.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenLinks, type ChainSites } from '../../engine/protocol/sites.ts';
import { call, testServer, type TestServer } from './server-helpers.ts';

let t: TestServer;
beforeAll(async () => { t = await testServer({ screens: { html: '<storefront-app></storefront-app>', landing: '<landing-page></landing-page>', script: 'export {};' } }); });
afterAll(async () => { await t.close(); });

describe('the way in', () => {
  it('GET /api/sites needs no session and lists the stores with their registers and the warehouses, nothing about staff', async () => {
    const answer = await call(t.url, 'GET', '/api/sites');
    expect(answer.status).toBe(200);
    const sites = answer.body.sites as ChainSites;
    expect(sites).toEqual({
      stores: [{ id: 'S1', name: 'Seattle', registerIds: ['R1', 'R2'] }, { id: 'S2', name: 'Portland', registerIds: ['R3'] }, { id: 'S3', name: 'Tacoma', registerIds: ['R4'] }],
      warehouses: [{ id: 'W1', name: 'Kent warehouse' }],
    });
    expect(JSON.stringify(answer.body)).not.toMatch(/pin|staff|operator|cashier/i);
  });

  it('every screen of the chain has a link: a till per register, fulfilment per location, a pickup board per store, the analyst view', async () => {
    const sites = (await call(t.url, 'GET', '/api/sites')).body.sites as ChainSites;
    const paths = screenLinks(sites).flatMap((site) => site.screens.map((s) => s.path));
    expect(paths).toEqual([
      '/till?store=S1&register=R1', '/till?store=S1&register=R2', '/fulfillment?store=S1', '/pickup?store=S1',
      '/till?store=S2&register=R3', '/fulfillment?store=S2', '/pickup?store=S2',
      '/till?store=S3&register=R4', '/fulfillment?store=S3', '/pickup?store=S3',
      '/fulfillment?location=W1', '/analyst?store=S1',
    ]);
    for (const path of paths) {
      const page = await fetch(`${t.url}${path}`);
      expect(page.status, path).toBe(200);
      expect(await page.text()).toContain('<storefront-app>');
    }
  });

  it('/ is the landing page', async () => {
    const page = await fetch(`${t.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<landing-page>');
  });

  it('an unknown address answers a 404 page in plain words with a link to /; an unknown API path answers JSON', async () => {
    const page = await fetch(`${t.url}/tills?store=<script>`);
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const body = await page.text();
    expect(body).toContain('Page not found');
    expect(body).toContain('href="/"');
    expect(body).not.toContain('Cannot GET');
    const api = await call(t.url, 'GET', '/api/nothing-here');
    expect(api).toMatchObject({ status: 404, body: { ok: false, error: { rule: 'NOT_FOUND', field: 'path' } } });
  });

  it('the favicon is served', async () => {
    for (const path of ['/favicon.ico', '/favicon.svg']) {
      const icon = await fetch(`${t.url}${path}`);
      expect(icon.status).toBe(200);
      expect(icon.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
      expect(await icon.text()).toContain('<svg');
    }
  });
});
