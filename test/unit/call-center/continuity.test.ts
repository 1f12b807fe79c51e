/**
 * Continuity programs, the rules (CC-14 schedules and enrolment dates, CC-15 selling the parent item), one by one.
 */
import { describe, expect, it } from 'vitest';
import {
  addDays, calendarDay, checkContinuitySale, continuityConfigSchema, continuityScheduleSchema, currentEvent, enrol, enrolmentDates, enrolmentStatus,
  nextDueEvent, recordChildOrder, scheduleDates, scheduleOfParentItem, validateContinuityConfig, type ContinuityConfig,
} from '../../../engine/domain/call-center/continuity.ts';
import { sumMinor } from '../../../engine/domain/money.ts';
import { coffeeClub, enrolment, enrolmentRequest, programOf } from './continuity-desk.ts';

const products = new Set(['P-CLUB', 'P-CLUB-2', 'P-BEANS-1', 'P-BEANS-2', 'P-BEANS-3']);

function config(overrides: { events?: unknown[]; parentItems?: unknown[]; schedules?: unknown[] } = {}): ContinuityConfig {
  const schedule = { id: 'COFFEE-CLUB', name: 'Coffee club', availabilityDate: '2026-03-01', events: overrides.events ?? [
    { event: 1, itemId: 'P-BEANS-1' }, { event: 2, itemId: 'P-BEANS-2', intervalDays: 30 }, { event: 3, itemId: 'P-BEANS-3', intervalDays: 30, end: true },
  ] };
  return continuityConfigSchema.parse({
    schedules: overrides.schedules ?? [schedule],
    parentItems: overrides.parentItems ?? [{ itemId: 'P-CLUB', scheduleId: 'COFFEE-CLUB' }],
  });
}

const problems = (c: ContinuityConfig) => validateContinuityConfig(c, products).map((v) => [v.rule, v.field]);

describe('CC-14 continuity schedule configuration', () => {
  it('CC-14 a schedule of ordered events with End last, and a parent item pointing to it, is valid', () => {
    expect(validateContinuityConfig(config(), products)).toEqual([]);
    expect(scheduleOfParentItem(config(), 'P-CLUB')?.id).toBe('COFFEE-CLUB');
    expect(scheduleOfParentItem(config(), 'P-BEANS-1')).toBeUndefined();
  });

  it('CC-14 events listed out of order are refused, naming the event', () => {
    const c = config({ events: [{ event: 2, itemId: 'P-BEANS-1' }, { event: 1, itemId: 'P-BEANS-2', intervalDays: 30, end: true }] });
    expect(validateContinuityConfig(c, products)).toEqual([
      { rule: 'CC-14', message: 'schedule "COFFEE-CLUB" lists event 1 after event 2: events must be in order', field: 'schedules.0.events.1.event' },
    ]);
  });

  it('CC-14 the first event falls on the availability date; each next one at least a day after the previous', () => {
    const c = config({ events: [{ event: 1, itemId: 'P-BEANS-1', intervalDays: 5 }, { event: 2, itemId: 'P-BEANS-2', end: true }] });
    expect(problems(c)).toEqual([['CC-14', 'schedules.0.events.0.intervalDays'], ['CC-14', 'schedules.0.events.1.intervalDays']]);
  });

  it('CC-14 a schedule without an End event is refused', () => {
    const c = config({ events: [{ event: 1, itemId: 'P-BEANS-1' }, { event: 2, itemId: 'P-BEANS-2', intervalDays: 30 }] });
    expect(validateContinuityConfig(c, products)).toEqual([
      { rule: 'CC-14', message: 'schedule "COFFEE-CLUB" has no End event: mark its last event End', field: 'schedules.0.events.1.end' },
    ]);
  });

  it('CC-14 End on an event that is not the last is refused (so is a second End)', () => {
    const c = config({ events: [{ event: 1, itemId: 'P-BEANS-1', end: true }, { event: 2, itemId: 'P-BEANS-2', intervalDays: 30, end: true }] });
    expect(problems(c)).toEqual([['CC-14', 'schedules.0.events.0.end']]);
    expect(validateContinuityConfig(c, products)[0]!.message).toBe('event 1 of schedule "COFFEE-CLUB" is marked End but is not its last event');
  });

  it('CC-14 a parent item points to one schedule: a second schedule for it is refused', () => {
    const second = { id: 'TEA-CLUB', name: 'Tea club', availabilityDate: '2026-03-01', events: [{ event: 1, itemId: 'P-BEANS-1', end: true }] };
    const c = config({
      schedules: [config().schedules[0], second],
      parentItems: [{ itemId: 'P-CLUB', scheduleId: 'COFFEE-CLUB' }, { itemId: 'P-CLUB', scheduleId: 'TEA-CLUB' }],
    });
    expect(validateContinuityConfig(c, products)).toEqual([{
      rule: 'CC-14', field: 'parentItems.1.scheduleId',
      message: 'parent item "P-CLUB" points to two schedules ("COFFEE-CLUB" and "TEA-CLUB"): a parent item points to one schedule',
    }]);
  });

  it('CC-14 unknown items and schedules, duplicates, and a parent item shipped as a child event are refused', () => {
    const c = config({
      schedules: [config().schedules[0], config().schedules[0]],
      events: undefined,
      parentItems: [{ itemId: 'P-NOPE', scheduleId: 'COFFEE-CLUB' }, { itemId: 'P-CLUB', scheduleId: 'NO-SUCH' }, { itemId: 'P-CLUB', scheduleId: 'NO-SUCH' }, { itemId: 'P-BEANS-1', scheduleId: 'COFFEE-CLUB' }],
    });
    expect(problems(c)).toEqual([
      ['VALIDATION', 'schedules.1.id'],
      ['VALIDATION', 'parentItems.0.itemId'],
      ['VALIDATION', 'parentItems.1.scheduleId'],
      ['VALIDATION', 'parentItems.2.scheduleId'],
      ['VALIDATION', 'parentItems.2.itemId'],
      ['CC-14', 'parentItems.3.itemId'],
    ]);
    const unknownItem = config({ events: [{ event: 1, itemId: 'P-GONE', end: true }] });
    expect(validateContinuityConfig(unknownItem, products)).toEqual([{ rule: 'VALIDATION', message: 'event 1 of schedule "COFFEE-CLUB" ships unknown item "P-GONE"', field: 'schedules.0.events.0.itemId' }]);
  });

  it('CC-14 the schema refuses unknown keys, dates that are not days and events without an item', () => {
    const base = { id: 'S', name: 'S', availabilityDate: '2026-03-01', events: [{ event: 1, itemId: 'P-BEANS-1', end: true }] };
    expect(continuityScheduleSchema.safeParse(base).success).toBe(true);
    expect(continuityScheduleSchema.safeParse({ ...base, availabilityDate: '2026-02-30' }).error?.issues[0]).toMatchObject({ path: ['availabilityDate'], message: 'not a day of the calendar' });
    expect(continuityScheduleSchema.safeParse({ ...base, availabilityDate: '1 March' }).error?.issues[0]).toMatchObject({ message: 'expected a date as YYYY-MM-DD' });
    expect(continuityScheduleSchema.safeParse({ ...base, orderStart: 'nextEvent' }).success).toBe(false);
    expect(continuityScheduleSchema.safeParse({ ...base, intervalDays: 30 }).error?.issues[0]?.code).toBe('unrecognized_keys');
    expect(continuityScheduleSchema.safeParse({ ...base, events: [] }).success).toBe(false);
    expect(continuityScheduleSchema.safeParse({ ...base, events: [{ event: 1, end: true }] }).error?.issues[0]?.path).toEqual(['events', 0, 'itemId']);
  });
});

describe('CC-14 event dates', () => {
  it('CC-14 the first event is on the availability date, each next one the previous plus its interval (across months and years)', () => {
    expect(scheduleDates(coffeeClub).map((e) => e.date)).toEqual(['2026-03-01', '2026-03-31', '2026-04-30']);
    expect(addDays('2026-12-20', 30)).toBe('2027-01-19');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(calendarDay(Date.UTC(2026, 2, 31, 23, 59))).toBe('2026-03-31');
  });

  it('CC-14 order start First event: every event, the first on the order date (never before availability), the next ones at their intervals', () => {
    expect(enrolmentDates(coffeeClub, '2026-02-20', null).map((e) => [e.event, e.date])).toEqual([[1, '2026-03-01'], [2, '2026-03-31'], [3, '2026-04-30']]);
    expect(enrolmentDates(coffeeClub, '2026-04-10', null).map((e) => [e.event, e.date])).toEqual([[1, '2026-04-10'], [2, '2026-05-10'], [3, '2026-06-09']]);
  });

  it('CC-14 order start Current event: from the event due at the order date, which ships then; the later ones keep their dates', () => {
    const current = { ...coffeeClub, orderStart: 'currentEvent' as const };
    expect(currentEvent(current, '2026-03-31').event).toBe(2);
    expect(currentEvent(current, '2026-03-30').event).toBe(1);
    expect(enrolmentDates(current, '2026-04-05', null).map((e) => [e.event, e.date])).toEqual([[2, '2026-04-05'], [3, '2026-04-30']]);
    expect(enrolmentDates(current, '2026-03-31', null).map((e) => [e.event, e.date])).toEqual([[2, '2026-03-31'], [3, '2026-04-30']]);
    // Before the program is available: its first event, on its own date.
    expect(enrolmentDates(current, '2026-01-15', null).map((e) => [e.event, e.date])).toEqual([[1, '2026-03-01'], [2, '2026-03-31'], [3, '2026-04-30']]);
    // (decision) After the End event's date: the End event alone, shipped at once.
    expect(enrolmentDates(current, '2026-07-01', null).map((e) => [e.event, e.date])).toEqual([[3, '2026-07-01']]);
  });

  it('CC-14 the start-date prompt: its date replaces the order date; asked for exactly when the schedule prompts, never before the order date', () => {
    const prompted = { ...coffeeClub, startDatePrompt: true };
    expect(enrolmentDates(prompted, '2026-02-20', '2026-05-01').map((e) => e.date)).toEqual(['2026-05-01', '2026-05-31', '2026-06-30']);
    expect(enrolmentDates({ ...prompted, orderStart: 'currentEvent' }, '2026-02-20', '2026-04-01').map((e) => [e.event, e.date])).toEqual([[2, '2026-04-01'], [3, '2026-04-30']]);
    expect(enrol(programOf(prompted), enrolmentRequest())).toMatchObject({ rule: 'CC-14', field: 'startDate', message: 'program "Coffee club" asks for a start date: ask the customer when to start' });
    expect(enrol(programOf(prompted), enrolmentRequest({ startDate: '2026-02-19' }))).toMatchObject({ rule: 'CC-14', field: 'startDate' });
    expect(enrol(programOf(coffeeClub), enrolmentRequest({ startDate: '2026-05-01' }))).toMatchObject({ rule: 'CC-14', field: 'startDate', message: 'program "Coffee club" starts on its own schedule and takes no start date' });
    expect(enrolment({ schedule: prompted, startDate: '2026-05-01' }).events[0]!.date).toBe('2026-05-01');
  });

  it('CC-14 the next due event moves on as child orders are created, and is none once cancelled or completed', () => {
    let e = enrolment();
    expect(nextDueEvent(e)).toMatchObject({ event: 1, date: '2026-03-01' });
    e = recordChildOrder(e, 1, 'SO-1', '2026-03-01');
    expect(nextDueEvent(e)).toMatchObject({ event: 2, date: '2026-03-31' });
    e = recordChildOrder(recordChildOrder(e, 2, 'SO-2', '2026-03-31'), 3, 'SO-3', '2026-04-30');
    expect(nextDueEvent(e)).toBeNull();
    expect(enrolmentStatus(e)).toBe('completed');
    expect(nextDueEvent({ ...enrolment(), cancelled: { on: '2026-03-02', by: 'agent1' } })).toBeNull();
  });
});

describe('CC-15 selling the parent item', () => {
  it('CC-15 an order with a parent item needs a card payment with its token kept', () => {
    const c = config();
    expect(checkContinuitySale(c, ['P-BEANS-1', 'P-CLUB'], [])).toEqual({
      rule: 'CC-15', field: 'payments', message: 'item P-CLUB enrols the customer in a continuity program: take a card payment and keep its token for the later shipments',
    });
    expect(checkContinuitySale(c, ['P-CLUB'], [{ kind: 'normal' }])?.rule).toBe('CC-15');
    expect(checkContinuitySale(c, ['P-CLUB'], [{ kind: 'card', cardToken: null }])?.rule).toBe('CC-15');
    expect(checkContinuitySale(c, ['P-CLUB'], [{ kind: 'card', cardToken: '  ' }])?.rule).toBe('CC-15');
    expect(checkContinuitySale(c, ['P-CLUB'], [{ kind: 'giftCard', cardToken: 'gc-1' }])?.rule).toBe('CC-15');
    expect(checkContinuitySale(c, ['P-CLUB'], [{ kind: 'normal' }, { kind: 'card', cardToken: 'tok-visa-4242' }])).toBeNull();
    // No parent item: no continuity rule.
    expect(checkContinuitySale(c, ['P-BEANS-1'], [])).toBeNull();
  });

  it('CC-14 / CC-15 an enrolment is made for a parent item, keeps the card token and bills the parent line over its events (equal shares, remainder on the last)', () => {
    expect(enrol(programOf(coffeeClub), enrolmentRequest({ cardToken: null }))).toMatchObject({ rule: 'CC-15', field: 'cardToken' });
    expect(enrol(programOf(coffeeClub), enrolmentRequest({ parentItemId: 'P-BEANS-1' }))).toEqual({ rule: 'CC-14', field: 'parentItemId', message: 'item P-BEANS-1 is not the parent item of a continuity program' });
    const e = enrolment({ amount: 10_000 });
    expect(e.cardToken).toBe('tok-visa-4242');
    expect(e.events.map((x) => x.amount)).toEqual([3_333, 3_333, 3_334]);
    expect(sumMinor(e.events.map((x) => x.amount))).toBe(10_000);
    expect(e.events.every((x) => x.payment.status === 'pending' && x.childOrder === null)).toBe(true);
    expect(enrolmentStatus(e)).toBe('active');
    expect(enrol(programOf(coffeeClub), enrolmentRequest({ amount: 12.5 }))).toMatchObject({ rule: 'VALIDATION', field: 'amount' });
  });
});
