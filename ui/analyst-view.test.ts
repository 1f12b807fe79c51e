import { expect, fixture, html } from '@open-wc/testing';
import type { JournalPoint } from '../engine/protocol/journal.ts';
import type { ChainReport } from '../engine/report.ts';
import type { AnalystView } from './analyst-view.ts';
import './analyst-view.ts';
import { JOBS } from './job-labels.ts';
import { $, $$, allButtons, deepText, describe, expectTouchSize, has, it, settle, text, type } from './testing/dom.ts';
import { FakeStoreApi, accepted, makeSetup, refused } from './testing/fake-store-api.ts';
import { emptyTotals, openShift, shiftReport } from '../engine/domain/shift.ts';

function report(overrides: Partial<ChainReport> = {}): ChainReport {
  return {
    currency: 'USD',
    commands: 105,
    clock: '2026-11-23T12:00:00.000Z',
    ordersByStatus: { Invoiced: 2, Cancelled: 1, Open: 3 },
    ordersAwaitingHeadquarters: 1,
    ordersInvoiced: 29921,
    ordersPaid: 28643,
    receipts: { count: 1, total: 4287 },
    returnOrders: { count: 1, refunded: 3247 },
    cancellations: { count: 1, chargesCollected: 800 },
    backlogByLocation: { S1: { Picked: 2 }, S2: { PartiallyPicked: 1, Accepted: 1 }, S3: { Pending: 1 }, W1: {} },
    customers: { total: 5, pendingSync: 1 },
    stores: {
      S1: { name: 'Seattle', link: 'online', queued: { orderUpdated: 3, return: 1 } },
      S2: { name: 'Portland', link: 'offline', queued: { order: 2, customer: 1 } },
      S3: { name: 'Tacoma', link: 'degraded', queued: {} },
    },
    headquarters: { salesOrders: 3, salesOrdersTotal: 69301, accounts: 4, returnOrders: 0, receiptsPosted: 1, staged: 4, waiting: 0, jobRuns: { '1010': 6, 'P-job': 12, synchronizeCustomers: 12, synchronizeOrders: 12 }, lastRunAt: { 'P-job': '2026-11-23T11:45:00.000Z' } },
    schedules: { 'P-job': { everyMinutes: 15, nextAt: '2026-11-23T12:15:00.000Z' } },
    deliveries: { delivered: 7, lost: 2, refused: 0 },
    refusedByRule: {},
    ...overrides,
  };
}

const analyst = { operatorId: 'analyst1', name: 'Ana Lyst', roleId: 'analyst', permissions: ['backOffice' as const], storeId: 'S1', locationId: 'S1', registerId: null };

async function mount(session: Parameters<typeof makeSetup>[0] = analyst) {
  const api = new FakeStoreApi(makeSetup(session));
  api.getAnswers.set('rejected-lines', { lines: [] });
  const el = await fixture<AnalystView>(html`<analyst-view .api=${api}></analyst-view>`);
  api.state('headquarters', report());
  await settle(el);
  return { el, api };
}

const storeRow = (el: AnalystView, storeId: string) => $(el, `tr[data-store="${storeId}"]`);
const click = async (el: AnalystView, target: HTMLElement) => {
  target.click();
  await settle(el);
};

describe('<analyst-view>', () => {
  it('issue 13: the sales office panel shows once the office has worked, and not for an idle office', async () => {
    const { el, api } = await mount();
    expect(has(el, 'sales-office-figures')).to.equal(false);
    api.state('headquarters', report({ salesOffice: {
      ordersByType: { 'Sales order': { Invoiced: 1 } }, invoices: { count: 1, total: 4200, freeText: { count: 0, total: 0 } },
      openBackorders: { lines: 0, quantity: 0, byItem: [] }, agreements: [], quotationsByStatus: {}, campaigns: [],
      pipeline: { prospects: 0, leadsByStatus: {}, opportunitiesByStatus: {} },
    } }));
    await settle(el);
    expect(deepText($(el, 'sales-office-figures'))).to.contain('Headquarters sales office').and.contain('$42.00');
  });

  it('follows the headquarters room and stops when removed', async () => {
    const { el, api } = await mount();
    expect(api.rooms()).to.deep.equal(['headquarters']);
    el.remove();
    expect(api.rooms()).to.deep.equal([]);
  });

  it('shows the chain report: clock, orders by status, each store\'s link and queue, backlog, headquarters', async () => {
    const { el } = await mount();
    expect(text($(el, '[data-clock]'))).to.equal('Mon, 23 Nov 2026, 12:00');
    expect(deepText($(el, '[data-orders-by-status]'))).to.equal('Invoiced 2 Cancelled 1 Open 3');
    expect(text($(storeRow(el, 'S1'), '[data-link]'))).to.equal('online');
    expect($(storeRow(el, 'S2'), 'span[data-link]').className).to.contain('tone-red');
    expect($(storeRow(el, 'S3'), 'span[data-link]').className).to.contain('tone-amber');
    expect(text($(storeRow(el, 'S1'), '[data-queued]'))).to.equal('4: order updated 3, return 1');
    expect(text($(storeRow(el, 'S3'), '[data-queued]'))).to.equal('nothing');
    expect(text(storeRow(el, 'S2'))).to.contain('Portland (S2)');
    expect($(storeRow(el, 'S2'), 'button[data-link="offline"]').getAttribute('aria-pressed')).to.equal('true');
    expect(deepText($(el, 'tr[data-location="S2"]'))).to.contain('Partially picked 1').and.contain('Accepted 1');
    expect(deepText($(el, 'tr[data-location="W1"]'))).to.contain('empty');
    expect(text($(el, '[data-stat="pending-sync"]'))).to.equal('1');
    expect(text($(el, '[data-stat="sales-orders"]'))).to.equal('3 ($693.01)');
  });

  it('SY-2 SY-4 job buttons run headquarters.runJob for every store, or for the one chosen', async () => {
    const { el, api } = await mount();
    api.answer = (command) => accepted({ run: { job: command.job, at: Date.UTC(2026, 10, 23, 12), counts: { storesReached: 2, storesUnreachable: 1 }, stores: [
      { storeId: 'S1', outcome: 'completed', counts: { uploaded: 4, batches: 1 } }, { storeId: 'S2', outcome: 'unreachable', counts: {} }, { storeId: 'S3', outcome: 'completed', counts: { uploaded: 0, batches: 0 } },
    ] } });
    // Every headquarters job, the synchronisation jobs first (the continuity batches and the catalogs' expiry after them).
    expect($$(el, 'button[data-job]').map((b) => text(b))).to.deep.equal(JOBS.map((j) => j.label));
    expect(JOBS.slice(0, 4).map((j) => j.label)).to.deep.equal(['P-job', 'Synchronize customers', 'Synchronize orders', '1010']);
    await click(el, $(el, 'button[data-job="P-job"]'));
    expect(api.commands).to.deep.equal([{ type: 'headquarters.runJob', job: 'P-job' }]);
    expect(text($(el, '[role="status"].notice'))).to.equal('P-job ran at 12:00: S1 uploaded 4, batches 1; S2 unreachable; S3 nothing to do');
    const select = $(el, 'select') as HTMLSelectElement;
    select.value = 'S2';
    select.dispatchEvent(new Event('change'));
    await settle(el);
    for (const job of ['synchronizeCustomers', 'synchronizeOrders', '1010']) await click(el, $(el, `button[data-job="${job}"]`));
    expect(api.commands.slice(1)).to.deep.equal([
      { type: 'headquarters.runJob', job: 'synchronizeCustomers', storeIds: ['S2'] },
      { type: 'headquarters.runJob', job: 'synchronizeOrders', storeIds: ['S2'] },
      { type: 'headquarters.runJob', job: '1010', storeIds: ['S2'] },
    ]);
    // CC-15: the continuity batches run over the whole chain's enrolments, whichever store is chosen.
    await click(el, $(el, 'button[data-job="processContinuityPayments"]'));
    expect(api.commands.at(-1)).to.deep.equal({ type: 'headquarters.runJob', job: 'processContinuityPayments' });
  });

  it('SY-3 each store\'s link is set online / degraded / offline with sync.setLink', async () => {
    const { el, api } = await mount();
    api.answer = (command) => accepted({ storeId: command.storeId, link: command.state, changed: true, pending: 3 });
    await click(el, $(storeRow(el, 'S1'), 'button[data-link="offline"]'));
    await click(el, $(storeRow(el, 'S2'), 'button[data-link="degraded"]'));
    await click(el, $(storeRow(el, 'S3'), 'button[data-link="online"]'));
    expect(api.commands).to.deep.equal([
      { type: 'sync.setLink', storeId: 'S1', state: 'offline' },
      { type: 'sync.setLink', storeId: 'S2', state: 'degraded' },
      { type: 'sync.setLink', storeId: 'S3', state: 'online' },
    ]);
    expect(text($(storeRow(el, 'S3'), '.notice'))).to.equal('S3 is now online; 3 queued');
  });

  it('the clock advances by the step chosen and names the scheduled jobs it ran', async () => {
    const { el, api } = await mount();
    const at = Date.UTC(2026, 10, 23, 12, 15);
    api.answer = () => accepted({ now: Date.UTC(2026, 10, 23, 13), jobsRun: [{ job: 'P-job', at }, { job: 'synchronizeOrders', at }] });
    expect($$(el, 'button[data-advance]').map((b) => text(b))).to.deep.equal(['+15 min', '+1 h', '+4 h', '+1 day']);
    await click(el, $(el, 'button[data-advance="900000"]'));
    await click(el, $(el, 'button[data-advance="3600000"]'));
    expect(api.commands).to.deep.equal([{ type: 'clock.advance', ms: 900_000 }, { type: 'clock.advance', ms: 3_600_000 }]);
    expect(text($(el, 'section[aria-labelledby="clock-heading"] .notice'))).to.equal(
      'Clock moved +1 h to Mon, 23 Nov 2026, 13:00. Scheduled jobs run: P-job once, Synchronize orders once (at 12:15).');
    const later = Date.UTC(2026, 10, 23, 13);
    api.answer = () => accepted({ now: later, jobsRun: [{ job: 'P-job', at }, { job: '1010', at }, { job: 'P-job', at: later }] });
    await click(el, $(el, 'button[data-advance="3600000"]'));
    expect(text($(el, 'section[aria-labelledby="clock-heading"] .notice'))).to.contain('Scheduled jobs run: P-job twice, 1010 once (12:15 to 13:00).');
    api.answer = () => accepted({ now: later, jobsRun: [] });
    await click(el, $(el, 'button[data-advance="900000"]'));
    expect(text($(el, 'section[aria-labelledby="clock-heading"] .notice'))).to.contain('No scheduled job fell due.');
  });

  it('ST-5 refusals are shown in place with the server\'s rule and message, beside the control used', async () => {
    const { el, api } = await mount();
    api.answer = () => refused('ST-5', 'headquarters.runJob is headquarters\' work (backOffice permission)', 'type');
    await click(el, $(el, 'button[data-job="1010"]'));
    const jobs = $(el, 'section[aria-labelledby="jobs-heading"]');
    expect(text($(jobs, '[role="alert"]'))).to.contain('ST-5').and.contain('headquarters\' work (backOffice permission)');
    api.answer = () => refused('NOT_FOUND', 'unknown store "S9"', 'command.storeId');
    await click(el, $(storeRow(el, 'S2'), 'button[data-link="online"]'));
    expect(text($(storeRow(el, 'S2'), '[role="alert"]'))).to.contain('Ref. NOT_FOUND').and.contain('Unknown store "S9"');
    expect(storeRow(el, 'S1').querySelector('[role="alert"]') === null, 'only the store acted on shows it').to.equal(true);
    api.answer = () => refused('VALIDATION', 'command.ms: Too big', 'command.ms');
    await click(el, $(el, 'button[data-advance="86400000"]'));
    expect(text($(el, 'section[aria-labelledby="clock-heading"] [role="alert"]'))).to.contain('Ref. VALIDATION, command.ms').and.contain('Too big');
  });

  it('live: headquarters envelopes replace the report (links, queues, clock)', async () => {
    const { el, api } = await mount();
    api.emit('headquarters', 'headquarters', 'report', report({
      clock: '2026-11-23T13:00:00.000Z',
      stores: { S1: { name: 'Seattle', link: 'offline', queued: { order: 5 } }, S2: { name: 'Portland', link: 'online', queued: {} }, S3: { name: 'Tacoma', link: 'online', queued: {} } },
    }));
    await settle(el);
    expect(text($(el, '[data-clock]'))).to.equal('Mon, 23 Nov 2026, 13:00');
    expect(text($(storeRow(el, 'S1'), 'span[data-link]'))).to.equal('offline');
    expect(text($(storeRow(el, 'S1'), '[data-queued]'))).to.equal('5: order 5');
    expect(text($(storeRow(el, 'S2'), '[data-queued]'))).to.equal('nothing');
  });

  it('ST-5 without the backOffice permission the refused subscription is shown with the reason', async () => {
    const api = new FakeStoreApi(makeSetup({ operatorId: 'cashier1', name: 'Casey Cashier', roleId: 'cashier', permissions: [], storeId: 'S1', locationId: 'S1', registerId: null }));
    const el = await fixture<AnalystView>(html`<analyst-view .api=${api}></analyst-view>`);
    api.refuse({ rule: 'ST-5', field: 'rooms.0', message: 'room "headquarters" is not this screen\'s' });
    await settle(el);
    expect(text($(el, '.warning'))).to.contain('needs the backOffice permission');
    expect(text($(el, '[role="alert"]'))).to.contain('Ref. ST-5').and.contain('Room "headquarters" is not this screen\'s');
  });

  it('lists the stores\' Z reports newest first; a row opens the whole report with expected vs counted', async () => {
    const api = new FakeStoreApi(makeSetup(analyst));
    const shift = (shiftId: string, at: number, cash: number) => shiftReport('Z', { storeId: shiftId.includes('R3') ? 'S2' : 'S1', registerId: shiftId.split('-')[1]! },
      { ...openShift(shiftId, 'cashier1', 0, 10_000), totals: { ...emptyTotals(), sales: 4_000, tenders: { cash: 4_000, card: 0, cardToken: 0 } } }, at, { cash });
    api.getAnswers.set('stores/S1/z-reports', { reports: [shift('SH-R1-000001', 1_000, 14_000)] });
    api.getAnswers.set('stores/S2/z-reports', { reports: [shift('SH-R3-000001', 2_000, 13_950)] });
    api.getAnswers.set('stores/S3/z-reports', { reports: [] });
    const el = await fixture<AnalystView>(html`<analyst-view .api=${api}></analyst-view>`);
    api.state('headquarters', report());
    await settle(el);
    const list = $(el, 'z-report-list');
    await settle(list);
    const rows = $$(list, 'tr[data-shift]');
    expect(rows.map((r) => r.dataset.shift)).to.deep.equal(['SH-R3-000001', 'SH-R1-000001']);
    expect(text(rows[0]!)).to.contain('$40.00').and.contain('short $0.50');
    expect(text(rows[1]!)).to.contain('balanced');
    $(list, 'tr[data-shift="SH-R3-000001"] button').click();
    await settle(list);
    expect(deepText(list)).to.contain('Z report').and.contain('$140.00').and.contain('$139.50');
  });

  it('buttons are at least 44x44 CSS px', async () => {
    const { el } = await mount();
    const buttons = allButtons(el);
    // Jobs and stores, links, clock steps, the Z reports' Refresh, the history's steps and refusals.
    expect(buttons.length).to.equal(9 + JOBS.length + 4 + 1 + 4);
    expectTouchSize(buttons);
  });

  it('passes the accessibility audit', async () => {
    const { el } = await mount();
    await expect(el).to.be.accessible();
  });

  it('shows the job schedules: how often, the next run and the last run of each job', async () => {
    const { el } = await mount();
    const row = (job: string) => text($(el, 'job-schedules', `tr[data-job="${job}"]`));
    expect(row('P-job')).to.equal('P-job every 15 minutes Mon 23 Nov, 12:15 Mon 23 Nov, 11:45');
    expect(row('1010')).to.equal('1010 by hand only not scheduled not run yet');
  });

  it('FF-7 lists the lines the locations rejected and resets one with headquarters.resetFulfillment', async () => {
    const { el, api } = await mount();
    let lines = [{ orderId: 'CO-000001', lineId: 'T-R1-000001-1', locationId: 'S1', productId: 'P-LAMP', kind: 'pickup', rejected: 1 }];
    api.getAnswers.set('rejected-lines', () => ({ lines }));
    api.state('headquarters', report({ commands: 106 }));
    await settle(el);
    const rejected = $(el, 'rejected-lines');
    await settle(rejected);
    expect(text($(rejected, 'tr[data-line="CO-000001/T-R1-000001-1"]'))).to.contain('Pick up at');
    expect(text($(rejected, 'tr[data-line="CO-000001/T-R1-000001-1"]'))).to.contain('Camp lamp');
    api.answer = () => { lines = []; return accepted({ orderId: 'CO-000001' }); };
    $(rejected, 'tr[data-line="CO-000001/T-R1-000001-1"] button').click();
    await settle(rejected);
    await settle(rejected);
    expect(api.commands).to.deep.equal([{ type: 'headquarters.resetFulfillment', orderId: 'CO-000001', lineIds: ['T-R1-000001-1'] }]);
    expect(text($(rejected, '[role=status]'))).to.contain('Line T-R1-000001-1 of order CO-000001 is back in');
    expect($$(rejected, 'tr[data-line]')).to.have.length(0);
  });

  it('FF-7 a refused reset is shown on the line\'s row', async () => {
    const { el, api } = await mount();
    api.getAnswers.set('rejected-lines', { lines: [{ orderId: 'CO-000002', lineId: 'T-R1-000002-1', locationId: 'W1', productId: 'P-TENT', kind: 'ship', rejected: 2 }] });
    api.state('headquarters', report({ commands: 107 }));
    await settle(el);
    const rejected = $(el, 'rejected-lines');
    await settle(rejected);
    api.answer = () => refused('FF-7', 'only rejected lines can be reset', 'lineIds');
    $(rejected, 'tr[data-line] button').click();
    await settle(rejected);
    expect(text($(rejected, 'tr[data-line] [role=alert]'))).to.contain('Only rejected lines can be reset');
  });
});

/** The journal as the server answers it: 120 commands, refusals after commands 40 and 90; each point's report differs. */
function journalPoint(seq: number): JournalPoint {
  const refusedAt = [40, 90];
  return {
    seq, last: 120, at: new Date(Date.UTC(2026, 10, 23, 9) + seq * 60_000).toISOString(),
    command: seq === 0 ? null : { engine: 'store', type: seq % 2 === 0 ? 'register.addItem' : 'fulfillment.pick' },
    refusals: refusedAt.includes(seq) ? [{ type: 'register.addItem', at: '2026-11-23T10:00:00.000Z', rule: 'NOT_FOUND', field: 'productId', message: 'unknown product "P-NONE"' }] : [],
    nextRefusal: refusedAt.find((r) => r > seq) ?? null,
    previousRefusal: refusedAt.findLast((r) => r < seq) ?? null,
    report: report({ commands: seq, clock: new Date(Date.UTC(2026, 10, 23, 9) + seq * 60_000).toISOString(), headquarters: { ...report().headquarters, salesOrders: seq, salesOrdersTotal: seq * 100 } }),
  };
}

async function mountWithJournal() {
  const mounted = await mount();
  mounted.api.getAnswers.set('journal', (path: string) => {
    const seq = path === 'journal' ? 120 : Number(new URLSearchParams(path.split('?')[1]).get('seq'));
    if (seq < 0 || seq > 120) throw Object.assign(new Error('out of range'), { status: 400, violation: { rule: 'VALIDATION', field: 'seq', message: `seq: expected a command number from 0 (the start) to 120 (the last command), got ${seq}` } });
    return { ok: true, point: journalPoint(seq) };
  });
  return mounted;
}

const scrubber = (el: AnalystView) => $(el, 'journal-scrubber');
const scrub = (el: AnalystView, selector: string) => $(el, 'journal-scrubber', selector);
const scrubClick = async (el: AnalystView, selector: string) => {
  scrub(el, selector).click();
  await settle(scrubber(el));
  await settle(el);
};
/** The buttons that act on the chain (jobs, links, clock, resets). */
const actingControls = (el: AnalystView) => allButtons(el).filter((b) => (b.getRootNode() as ShadowRoot).host?.tagName !== 'JOURNAL-SCRUBBER');

describe('<analyst-view> history (journal scrubber)', () => {
  it('live: the scrubber ends at the live command count; nothing is read until it is used', async () => {
    const { el, api } = await mountWithJournal();
    expect(text(scrub(el, '[data-as-of]'))).to.equal('Showing the chain live. Step back to see it as it was after any of its 105 commands.');
    const slider = scrub(el, '[data-slider]') as HTMLInputElement;
    expect([slider.min, slider.max, slider.value]).to.deep.equal(['0', '105', '105']);
    expect((scrub(el, '[data-step="forward"]') as HTMLButtonElement).disabled).to.equal(true);
    expect((scrub(el, '[data-refusal="next"]') as HTMLButtonElement).disabled).to.equal(true);
    expect(has(scrubber(el), '[data-live]')).to.equal(false);
    expect(api.reads.filter((r) => r.startsWith('journal'))).to.deep.equal([]);
  });

  it('a step back shows the chain as it was, labelled "as of command N at TIME", with no control that acts', async () => {
    const { el, api } = await mountWithJournal();
    await scrubClick(el, '[data-step="back"]');
    expect(api.reads.at(-1)).to.equal('journal?seq=104');
    expect(text($(el, '[data-past-banner]'))).to.equal('As of command 104 of 120, at Mon, 23 Nov 2026, 10:44:00: the chain as it was then, read-only.');
    expect(text(scrub(el, '[data-as-of]'))).to.contain('As of command 104 of 120').and.contain('Read-only');
    expect(text($(el, '[data-clock]'))).to.equal('Mon, 23 Nov 2026, 10:44');
    expect(text($(el, '[data-stat="sales-orders"]'))).to.equal('104 ($104.00)');
    expect(text(scrub(el, '[data-command]'))).to.equal('Command 104: Till: add item (at the stores)');
    expect(text($(el, '[data-stat="deliveries"]'))).to.equal('not kept in the journal');
    expect(text($(el, '[data-past]'))).to.equal('History');
    // Nothing can be sent from the past: no job, link, clock or reset control, no Z reports to act on.
    expect(actingControls(el)).to.deep.equal([]);
    for (const gone of ['button[data-job]', 'button[data-advance]', 'button[data-link]', 'rejected-lines', 'z-report-list']) expect(has(el, gone), gone).to.equal(false);
    expect(api.commands).to.deep.equal([]);
    await scrubClick(el, '[data-step="back"]');
    await scrubClick(el, '[data-step="forward"]');
    await scrubClick(el, '[data-step="forward"]');
    expect(api.reads.filter((r) => r.startsWith('journal'))).to.deep.equal(['journal?seq=104', 'journal?seq=103', 'journal?seq=104', 'journal?seq=105']);
  });

  it('jumps to the next and previous refusal and says what was refused in plain words', async () => {
    const { el, api } = await mountWithJournal();
    await scrubClick(el, '[data-refusal="previous"]');
    // From live: the last command on disk first, then its nearest refusal before it.
    expect(api.reads.filter((r) => r.startsWith('journal'))).to.deep.equal(['journal', 'journal?seq=90']);
    expect(text(scrub(el, '[data-refusals]'))).to.equal('Refused right after this command: Till: add item: Unknown product "P-NONE" Ref. NOT_FOUND, productId');
    await scrubClick(el, '[data-refusal="previous"]');
    expect(text(scrub(el, '[data-as-of]'))).to.contain('As of command 40 of 120');
    expect((scrub(el, '[data-refusal="previous"]') as HTMLButtonElement).disabled).to.equal(true);
    await scrubClick(el, '[data-refusal="next"]');
    expect(text(scrub(el, '[data-as-of]'))).to.contain('As of command 90 of 120');
    expect((scrub(el, '[data-refusal="next"]') as HTMLButtonElement).disabled).to.equal(true);
  });

  it('the slider and the command number move anywhere; a position the server refuses is said in place', async () => {
    const { el, api } = await mountWithJournal();
    const slider = scrub(el, '[data-slider]') as HTMLInputElement;
    slider.value = '0';
    slider.dispatchEvent(new Event('change'));
    await settle(scrubber(el));
    await settle(el);
    expect(api.reads.at(-1)).to.equal('journal?seq=0');
    expect(text(scrub(el, '[data-as-of]'))).to.contain('As of the start (before command 1 of 120), at Mon, 23 Nov 2026, 09:00:00');
    expect(text(scrub(el, '[data-command]'))).to.equal('The chain as it started, before any command.');
    expect((scrub(el, '[data-step="back"]') as HTMLButtonElement).disabled).to.equal(true);
    const position = scrub(el, '[data-position]') as HTMLInputElement;
    type(position, '77');
    await settle(scrubber(el));
    expect(api.reads.at(-1)).to.equal('journal?seq=77');
    type(position, '500');
    await settle(scrubber(el));
    expect(text(scrub(el, '[role="alert"]'))).to.contain('Expected a command number from 0 (the start) to 120 (the last command), got 500');
    // Still at the last point shown.
    expect(text($(el, '[data-past-banner]'))).to.contain('As of command 77 of 120');
  });

  it('"Back to live" shows the live chain and its controls again', async () => {
    const { el } = await mountWithJournal();
    await scrubClick(el, '[data-step="back"]');
    await scrubClick(el, '[data-live]');
    expect(has(el, '[data-past-banner]')).to.equal(false);
    expect(text($(el, '[data-stat="sales-orders"]'))).to.equal('3 ($693.01)');
    expect($$(el, 'button[data-job]').length).to.equal(JOBS.length);
    expect(text(scrub(el, '[data-as-of]'))).to.contain('Showing the chain live');
  });

  it('the history\'s controls are touch-sized, keyboard reachable, and the past passes the accessibility audit', async () => {
    const { el } = await mountWithJournal();
    await scrubClick(el, '[data-step="back"]');
    const controls = [...$$(scrubber(el), 'button'), scrub(el, '[data-slider]'), scrub(el, '[data-position]')];
    expectTouchSize(controls);
    for (const control of controls) expect((control as HTMLButtonElement).tabIndex, control.outerHTML).to.equal(0);
    await expect(el).to.be.accessible();
  });
});
