/**
 * CC-4 / CC-5 at headquarters: the demo call center's catalogs are actors created from the configuration, driven by
 * the lifecycle commands, and kept across a restart; the source-code check reads their state.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Chain } from '../../engine/chain.ts';
import { applySourceCode } from '../../engine/domain/call-center/catalog.ts';
import { DurableChain } from '../../engine/persistence/durable-chain.ts';
import { useTempDirs } from './fixtures/temp-dirs.ts';

const demo = () => JSON.parse(readFileSync(new URL('../../scenarios/demo-chain.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const catalog = (action: string, catalogId: string, operatorId: string) => ({ type: 'callCenter.catalog', action, catalogId, operatorId });
const statusOf = (chain: Chain, catalogId: string) => chain.headquarters.catalogs.catalogStateOf(catalogId)?.status;
const tempDir = useTempDirs('cc-catalogs-');

describe('call-center catalogs at headquarters', () => {
  it('CC-5 a catalog configured Published starts published; a draft goes through validate, approve by another, publish', () => {
    const chain = Chain.create(demo(), { seed: 1 });
    expect(statusOf(chain, 'CAT-SPRING')).toBe('Published');
    expect(statusOf(chain, 'CAT-SUMMER')).toBe('Draft');
    // A draft is not published: no approval before validation, and nothing changes.
    expect(chain.executeNow(catalog('approve', 'CAT-SUMMER', 'supervisor1'))).toMatchObject({ ok: false, error: { rule: 'CC-5' } });
    expect(chain.executeNow(catalog('validate', 'CAT-SUMMER', 'analyst1'))).toMatchObject({ ok: true, result: { status: 'Validated' } });
    // Approval is by someone other than who validated.
    expect(chain.executeNow(catalog('approve', 'CAT-SUMMER', 'analyst1'))).toMatchObject({ ok: false, error: { rule: 'CC-5', field: 'operatorId' } });
    expect(chain.executeNow(catalog('approve', 'CAT-SUMMER', 'supervisor1'))).toMatchObject({ ok: true, result: { status: 'Approved' } });
    expect(chain.executeNow(catalog('publish', 'CAT-SUMMER', 'supervisor1'))).toMatchObject({ ok: true, result: { status: 'Published' } });
    expect(chain.executeNow(catalog('validate', 'CAT-NONE', 'analyst1'))).toMatchObject({ ok: false, error: { rule: 'NOT_FOUND', field: 'catalogId' } });
    const view = chain.headquarters.catalogs.view();
    expect(view.map((c) => [c.catalogId, c.status])).toEqual([['CAT-SPRING', 'Published'], ['CAT-SUMMER', 'Published'], ['CAT-HOLIDAY', 'Published']]);
    expect(view[1]).toMatchObject({ validatedBy: 'analyst1', approvedBy: 'supervisor1', publishedAt: chain.now, problems: [] });
  });

  it('CC-4 a source code is accepted only while its catalog actor is Published and in its dates; deactivating it stops it', () => {
    const chain = Chain.create(demo(), { seed: 1 });
    const states = () => chain.headquarters.catalogs.catalogStates('CC1');
    expect(applySourceCode(states(), 'spring26', chain.now)).toMatchObject({ code: 'SPRING26', catalogId: 'CAT-SPRING' });
    // The summer catalog is a draft (and not yet in its dates).
    expect(applySourceCode(states(), 'SUMMER26', chain.now)).toMatchObject({ rule: 'CC-5', field: 'sourceCode' });
    expect(chain.executeNow(catalog('deactivate', 'CAT-SPRING', 'analyst1'))).toMatchObject({ ok: true, result: { status: 'Inactive' } });
    expect(applySourceCode(states(), 'SPRING26', chain.now)).toMatchObject({ rule: 'CC-5', message: expect.stringMatching(/inactive/) });
  });

  it('CC-5 a catalog is expired only past its expiration date, and the view lists a draft\'s validation problems', () => {
    const config = demo() as { callCenters: { catalogs: { id: string; productIds: string[] }[] }[] };
    config.callCenters[0]!.catalogs[1]!.productIds.push('P-SOCKS');
    const chain = Chain.create(config, { seed: 1 });
    expect(chain.executeNow(catalog('expire', 'CAT-SPRING', 'analyst1'))).toMatchObject({ ok: false, error: { rule: 'CC-5', field: 'expiration' } });
    const summer = chain.headquarters.catalogs.view().find((c) => c.catalogId === 'CAT-SUMMER')!;
    expect(summer.problems).toEqual([{ field: 'productIds.2', message: 'item "P-SOCKS" has no price in the catalog\'s price groups' }]);
    expect(chain.executeNow(catalog('validate', 'CAT-SUMMER', 'analyst1'))).toMatchObject({ ok: false, error: { rule: 'CC-5', message: expect.stringMatching(/P-SOCKS/) } });
    // On 2026-07-01 the spring catalog (until 2026-06-30) is past its date: closed, and its code no longer usable.
    const july = Chain.create(config, { seed: 1, startAt: Date.parse('2026-07-01T10:00:00Z') });
    expect(july.executeNow(catalog('expire', 'CAT-SPRING', 'analyst1'))).toMatchObject({ ok: true, result: { status: 'Expired' } });
    expect(applySourceCode(july.headquarters.catalogs.catalogStates(), 'SPRING26', july.now)).toMatchObject({ rule: 'CC-5', message: expect.stringMatching(/expired/) });
  });

  it('CC-5 the daily "expire catalogs" job marks a published catalog past its end date Expired, journaled, once', async () => {
    const dir = await tempDir();
    // The last day of the spring catalog (2026-01-01 .. 2026-06-30), with the demo's daily schedules.
    const config = demo();
    const durable = await DurableChain.open(dir, { config, seed: 1, startAt: Date.parse('2026-06-30T10:00:00Z') });
    expect(await durable.execute({ type: 'headquarters.runJob', job: 'expireCatalogs' })).toMatchObject({ ok: true, result: { run: { counts: { catalogsExpired: 0 } } } });
    expect(statusOf(durable.chain, 'CAT-SPRING')).toBe('Published');
    // A day later the schedule runs it: past its date, the spring catalog is Expired; the summer draft is left alone.
    const advanced = await durable.execute({ type: 'clock.advance', ms: 24 * 60 * 60_000 });
    expect(advanced).toMatchObject({ ok: true });
    expect((advanced as unknown as { result: { jobsRun: { job: string }[] } }).result.jobsRun.map((r) => r.job)).toContain('expireCatalogs');
    expect([statusOf(durable.chain, 'CAT-SPRING'), statusOf(durable.chain, 'CAT-SUMMER')]).toEqual(['Expired', 'Draft']);
    const run = durable.chain.backOffice().jobRuns.filter((r) => r.job === 'expireCatalogs').at(-1);
    expect(run).toMatchObject({ counts: { catalogsExpired: 1 } });
    // Journaled as headquarters' catalog command; a rerun finds nothing left to expire.
    const journal = readdirSync(dir).filter((f) => f.startsWith('headquarters') && f.endsWith('.journal.jsonl')).map((f) => readFileSync(join(dir, f), 'utf8')).join('');
    expect(journal).toMatch(/"type":"headquarters\.catalog","action":"expire","catalogId":"CAT-SPRING"/);
    expect(await durable.execute({ type: 'headquarters.runJob', job: 'expireCatalogs' })).toMatchObject({ ok: true, result: { run: { counts: { catalogsExpired: 0 } } } });
    await durable.close();
    const reopened = await DurableChain.open(dir);
    expect(statusOf(reopened.chain, 'CAT-SPRING')).toBe('Expired');
    await reopened.close();
  });

  it('CC-5 the catalogs\' states survive a restart, from the journal and from a snapshot', async () => {
    for (const snapshotEvery of [0, 1]) {
      const dir = await tempDir();
      const first = await DurableChain.open(dir, { config: demo(), seed: 1, snapshotEvery });
      expect(await first.execute(catalog('validate', 'CAT-SUMMER', 'analyst1'))).toMatchObject({ ok: true });
      expect(await first.execute(catalog('deactivate', 'CAT-SPRING', 'analyst1'))).toMatchObject({ ok: true });
      await first.close();
      const reopened = await DurableChain.open(dir);
      expect(statusOf(reopened.chain, 'CAT-SUMMER'), `snapshotEvery ${snapshotEvery}`).toBe('Validated');
      expect(statusOf(reopened.chain, 'CAT-SPRING')).toBe('Inactive');
      // Who validated is kept too: the same operator still cannot approve.
      expect(await reopened.execute(catalog('approve', 'CAT-SUMMER', 'analyst1'))).toMatchObject({ ok: false, error: { rule: 'CC-5' } });
      await reopened.close();
    }
  });
});
