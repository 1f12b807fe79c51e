/**
 * Fan-out benchmark till driver (forked by bench/fanout.ts): real till traffic at one store through the HTTP API at a
 * fixed command rate, and the ledger of every envelope the server published to the benchmark's room.
 *
 * Traffic: every till (register) opens its shift, then loops over sales: mostly pickup orders (customer, 1-3 items,
 * pickup at the store, deposit tendered: an order is created), some cash-and-carry sales; each order is picked at the
 * store's location after the till's next sale and collected (recalled for pickup, balance paid) after the one after
 * that. Every till is closed-loop (it waits for each answer, as a till does) and paced to its share of the
 * rate: command k is sent at start + k * interval, or at once when the previous answer came later (then the slot is
 * late, counted). Reads the till screen makes (what is due, the order's lines) go through the HTTP API too, unpaced.
 *
 * Ledger: a Socket.IO session subscribed to the room re-subscribes every second with `{epoch, since}` and gets, in
 * resume mode, every envelope the server published to the room since: the server's own record (gateway `kept`) of
 * what it sent, against which the clients' receipts are checked.
 */
import { io, type Socket } from 'socket.io-client';
import type { DriveJob, FromDriver, LedgerEntry, SubscribeAnswer, Till, ToDriver } from './fanout-protocol.ts';
import { Rng } from './synthetic-day.ts';

const LEDGER_POLL_MS = 1000;

class Stop extends Error {}

interface Setup { url: string; room: string; token: string; tills: Till[]; locationId: string; customers: string[]; products: string[] }

let setup: Setup | null = null;

function send(message: FromDriver): Promise<void> {
  return new Promise((resolve, reject) => process.send!(message, undefined, {}, (error) => (error === null ? resolve() : reject(error))));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// --- Ledger ---

class Ledger {
  readonly entries: LedgerEntry[] = [];
  polls = 0;
  closed = false;
  private epoch = '';
  private seq = 0;
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> = Promise.resolve();
  private failure: Error | null = null;

  private constructor(private readonly socket: Socket, private readonly room: string) {}

  static async open(url: string, token: string, room: string): Promise<Ledger> {
    const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false, timeout: 20_000, auth: { token } });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (error) => reject(new Error(`ledger: connect_error: ${error.message}`)));
    });
    const opened = new Ledger(socket, room);
    socket.on('disconnect', (reason) => {
      if (!opened.closed) opened.failure ??= new Error(`ledger socket disconnected: ${reason}`);
    });
    const answer = await socket.timeout(20_000).emitWithAck('subscribe', { rooms: [room] }) as SubscribeAnswer;
    if (!answer.ok) throw new Error(`ledger: subscribe refused: ${JSON.stringify(answer.error)}`);
    opened.epoch = answer.epoch;
    opened.seq = answer.seq;
    return opened;
  }

  get info(): { epoch: string; seq: number } {
    return { epoch: this.epoch, seq: this.seq };
  }

  get lastRoomSeq(): number {
    return this.entries.at(-1)?.seq ?? this.seq;
  }

  start(): void {
    this.timer = setInterval(() => { void this.poll(); }, LEDGER_POLL_MS);
  }

  /** Everything published to the room since the last poll (polls never overlap). */
  poll(): Promise<void> {
    this.polling = this.polling.then(async () => {
      if (this.failure !== null) return;
      try {
        const answer = await this.socket.timeout(20_000).emitWithAck('subscribe', { rooms: [this.room], epoch: this.epoch, since: this.seq }) as SubscribeAnswer;
        if (!answer.ok) throw new Error(`ledger: resubscribe refused: ${JSON.stringify(answer.error)}`);
        if (answer.mode !== 'resume') throw new Error(`ledger: the server answered since=${this.seq} with a ${answer.mode} (epoch ${answer.epoch} vs ${this.epoch}): it no longer keeps what it published, the ledger is incomplete`);
        for (const m of answer.messages ?? []) {
          if (m.room !== this.room) throw new Error(`ledger: resume gave an envelope of room ${m.room}`);
          if (m.seq <= this.lastRoomSeq) throw new Error(`ledger: resume gave seq ${m.seq} again (last ${this.lastRoomSeq})`);
          this.entries.push({ seq: m.seq, type: m.type, at: m.at });
        }
        this.seq = answer.seq;
        this.polls += 1;
      } catch (error) {
        this.failure = error instanceof Error ? error : new Error(String(error));
      }
    });
    return this.polling;
  }

  async final(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    await this.poll();
    if (this.failure !== null) throw this.failure;
  }

  check(): void {
    if (this.failure !== null) throw this.failure;
  }

  close(): void {
    this.closed = true;
    if (this.timer !== null) clearInterval(this.timer);
    this.socket.close();
  }
}

let ledger: Ledger | null = null;

// --- Tills ---

interface Counters { commands: number; reads: number; mix: Record<string, number>; ack: number[]; late: number; maxLag: number; orders: number; pickups: number; lastAnswer: number }

class TillRun {
  private slot = 0;
  /** Orders created, waiting to be picked; then picked, waiting for the customer. */
  private readonly toPick: string[] = [];
  private readonly toCollect: string[] = [];

  constructor(
    private readonly s: Setup, private readonly till: Till, private readonly rng: Rng, private readonly counters: Counters,
    private readonly startedAt: number, private readonly endAt: number, private readonly interval: number,
  ) {}

  private async http(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
    const response = await fetch(`${this.s.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.till.token}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, json: await response.json() as Record<string, unknown> };
  }

  /** Sends one command in its paced slot; a refusal fails the run (the traffic is meant to be accepted). */
  private async command(command: Record<string, unknown>): Promise<Record<string, unknown>> {
    const due = this.startedAt + this.slot * this.interval;
    this.slot += 1;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    else {
      if (-wait > this.interval) this.counters.late += 1;
      if (-wait > this.counters.maxLag) this.counters.maxLag = -wait;
    }
    if (performance.now() >= this.endAt) throw new Stop();
    ledger?.check();
    const sent = performance.now();
    const { status, json } = await this.http('POST', '/api/commands', { command });
    const answered = performance.now();
    if (status !== 200 || json['ok'] !== true) {
      throw new Error(`${this.till.registerId}: ${String(command['type'])} refused (HTTP ${status}): ${JSON.stringify(json['error'] ?? json)}\n  command: ${JSON.stringify(command)}`);
    }
    this.counters.ack.push(answered - sent);
    this.counters.commands += 1;
    this.counters.lastAnswer = answered;
    const type = String(command['type']);
    this.counters.mix[type] = (this.counters.mix[type] ?? 0) + 1;
    return json['result'] as Record<string, unknown>;
  }

  private async read(path: string): Promise<Record<string, unknown>> {
    const { status, json } = await this.http('GET', path);
    if (status !== 200 || json['ok'] !== true) throw new Error(`${this.till.registerId}: GET ${path} failed (HTTP ${status}): ${JSON.stringify(json)}`);
    this.counters.reads += 1;
    return json;
  }

  private async due(): Promise<number> {
    const json = await this.read(`/api/registers/${this.till.registerId}`);
    return (json['register'] as { due: number }).due;
  }

  private async pay(due: number): Promise<Record<string, unknown>> {
    const registerId = this.till.registerId;
    if (due > 0 && this.rng.chance(0.5)) return this.command({ type: 'register.tender', registerId, method: 'card', amount: due });
    return this.command({ type: 'register.tender', registerId, method: 'cash', amount: due <= 0 ? due : Math.ceil(due / 500) * 500 });
  }

  private async addItems(count: number): Promise<void> {
    for (const productId of this.rng.some(this.s.products, count)) {
      await this.command({ type: 'register.addItem', registerId: this.till.registerId, productId, quantity: this.rng.chance(0.7) ? 1 : 2 });
    }
  }

  private async pickupSale(): Promise<void> {
    const registerId = this.till.registerId;
    await this.command({ type: 'register.setCustomer', registerId, customerId: this.rng.pick(this.s.customers) });
    await this.addItems(this.rng.int(1, 3));
    await this.command({ type: 'register.pickupAll', registerId });
    const result = await this.pay(await this.due());
    const orderId = result['orderId'];
    if (typeof orderId !== 'string') throw new Error(`${registerId}: a pickup sale created no order: ${JSON.stringify(result)}`);
    this.counters.orders += 1;
    this.toPick.push(orderId);
  }

  private async cashAndCarry(): Promise<void> {
    await this.addItems(this.rng.int(1, 2));
    await this.pay(await this.due());
  }

  /** The store picks an order's pickup lines (its fulfilment screen reads the lines first). */
  private async pick(orderId: string): Promise<void> {
    const json = await this.read(`/api/orders/${orderId}`);
    const order = json['order'] as { lines: { lineId: string; delivery: { kind: string; locationId?: string }; progress: { quantity: number; picked: number; rejected: number } }[] };
    const lines = order.lines
      .filter((l) => l.delivery.kind === 'pickup' && l.delivery.locationId === this.s.locationId)
      .map((l) => ({ orderId, lineId: l.lineId, quantity: l.progress.quantity - l.progress.picked - l.progress.rejected }))
      .filter((l) => l.quantity > 0);
    if (lines.length === 0) throw new Error(`${orderId}: nothing to pick at ${this.s.locationId}`);
    await this.command({ type: 'fulfillment.pick', locationId: this.s.locationId, operatorId: this.till.operatorId, lines });
    this.toCollect.push(orderId);
  }

  /** The customer comes for a picked order: recall for pickup, pay the balance. */
  private async collect(orderId: string): Promise<void> {
    const recalled = await this.command({ type: 'register.recallOrder', registerId: this.till.registerId, orderId, purpose: 'pickup' });
    await this.pay(Number(recalled['due']));
    this.counters.pickups += 1;
  }

  async run(): Promise<void> {
    try {
      await this.command({ type: 'register.openShift', registerId: this.till.registerId, operatorId: this.till.operatorId });
      for (;;) {
        if (this.rng.chance(0.75)) await this.pickupSale();
        else await this.cashAndCarry();
        // Orders flow one sale behind each other: picked after the next sale, collected after the one after.
        if (this.toCollect.length > 0) await this.collect(this.toCollect.shift()!);
        if (this.toPick.length > 1) await this.pick(this.toPick.shift()!);
      }
    } catch (error) {
      if (!(error instanceof Stop)) throw error;
    }
  }
}

async function drive(job: DriveJob): Promise<void> {
  if (setup === null || ledger === null) throw new Error('drive before ledger');
  const s = setup;
  const counters: Counters = { commands: 0, reads: 0, mix: {}, ack: [], late: 0, maxLag: 0, orders: 0, pickups: 0, lastAnswer: 0 };
  const startedAt = performance.now() + 20;
  const endAt = startedAt + job.durationMs;
  // Each till gets an equal share of the rate; tills start staggered within one interval.
  const interval = (1000 * s.tills.length) / job.rate;
  const runs = s.tills.map((till, i) => new TillRun(s, till, new Rng(job.seed + i * 7919), counters, startedAt + (i * interval) / s.tills.length, endAt, interval));
  await Promise.all(runs.map((run) => run.run()));
  await ledger.final();
  ledger.start();
  await send({
    type: 'driven', commands: counters.commands, commandMix: counters.mix, reads: counters.reads, elapsedMs: counters.lastAnswer - startedAt,
    ackLatencies: Float64Array.from(counters.ack), lateSlots: counters.late, maxLagMs: counters.maxLag, ordersCreated: counters.orders, pickups: counters.pickups,
    lastRoomSeq: ledger.lastRoomSeq,
  });
}

process.on('message', (message: ToDriver) => {
  const handle = async () => {
    switch (message.type) {
      case 'ledger': {
        setup = message;
        ledger = await Ledger.open(message.url, message.token, message.room);
        ledger.start();
        await send({ type: 'ledger-ready', ...ledger.info });
        return;
      }
      case 'drive':
        await drive(message);
        return;
      case 'finish': {
        if (ledger === null) throw new Error('finish before ledger');
        await ledger.final();
        await send({ type: 'ledger', entries: ledger.entries, polls: ledger.polls });
        ledger.close();
        process.disconnect();
        return;
      }
    }
  };
  handle().catch(async (error: unknown) => {
    ledger?.close();
    await send({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }).catch(() => {});
    process.exit(1);
  });
});
process.on('disconnect', () => {
  ledger?.close();
  setTimeout(() => process.exit(0), 200).unref();
});
