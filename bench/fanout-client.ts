/**
 * Fan-out benchmark client worker (forked by bench/fanout.ts): opens many Socket.IO screens, each subscribed to one
 * room, and timestamps every `update` envelope on arrival (same clock as the server's `at`: the wall clock of this
 * machine with sub-millisecond precision). Runs in its own process so the clients never share the server's event loop.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import type { ClientWorkerResult, ConnectJob, FromClientWorker, SubscribeAnswer, ToClientWorker, WireEnvelope } from './fanout-protocol.ts';

const now = (): number => performance.timeOrigin + performance.now();

interface Client {
  index: number;
  socket: Socket;
  subscribedSeq: number;
  seqs: number[];
  latencies: number[];
  maxSeq: number;
  foreign: number;
  disconnectReason: string | null;
}

const clients: Client[] = [];
let epoch = '';
let closing = false;
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
let cpuStart = process.cpuUsage();
let wallStart = performance.now();

function send(message: FromClientWorker): Promise<void> {
  return new Promise((resolve, reject) => process.send!(message, undefined, {}, (error) => (error === null ? resolve() : reject(error))));
}

async function connectOne(job: ConnectJob, index: number): Promise<Client> {
  const token = job.tokens[index % job.tokens.length]!;
  const socket = io(job.url, { transports: ['websocket'], forceNew: true, reconnection: false, timeout: 20_000, auth: { token } });
  const client: Client = { index: job.firstClient + index, socket, subscribedSeq: -1, seqs: [], latencies: [], maxSeq: 0, foreign: 0, disconnectReason: null };
  socket.on('update', (envelope: WireEnvelope) => {
    const received = now();
    if (envelope.room !== job.room || (epoch !== '' && envelope.epoch !== epoch)) {
      client.foreign += 1;
      return;
    }
    client.seqs.push(envelope.seq);
    client.latencies.push(received - envelope.at);
    if (envelope.seq > client.maxSeq) client.maxSeq = envelope.seq;
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => {
      socket.close();
      reject(new Error(`client ${client.index}: connect_error: ${error.message}`));
    });
  });
  socket.on('disconnect', (reason) => {
    if (!closing) client.disconnectReason = reason;
  });
  let answer: SubscribeAnswer;
  try {
    answer = await socket.timeout(20_000).emitWithAck('subscribe', { rooms: [job.room] }) as SubscribeAnswer;
  } catch (error) {
    socket.close();
    throw new Error(`client ${client.index}: no answer to subscribe: ${(error as Error).message}`);
  }
  if (!answer.ok) {
    socket.close();
    throw new Error(`client ${client.index}: subscribe refused: ${JSON.stringify(answer.error)}`);
  }
  if (epoch === '') epoch = answer.epoch;
  else if (answer.epoch !== epoch) throw new Error(`client ${client.index}: epoch ${answer.epoch}, others got ${epoch}`);
  client.subscribedSeq = answer.seq;
  return client;
}

async function connectAll(job: ConnectJob): Promise<void> {
  const started = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < job.count) {
      const index = next++;
      clients.push(await connectOne(job, index));
    }
  };
  await Promise.all(Array.from({ length: Math.min(job.concurrency, job.count) }, lane));
  clients.sort((a, b) => a.index - b.index);
  loopDelay.reset();
  loopDelay.enable();
  cpuStart = process.cpuUsage();
  wallStart = performance.now();
  await send({ type: 'ready', clients: clients.length, connectMs: performance.now() - started, epoch });
}

function progress(lastSeq: number): FromClientWorker {
  let caughtUp = 0;
  let received = 0;
  let connected = 0;
  for (const client of clients) {
    if (client.maxSeq >= lastSeq) caughtUp += 1;
    received += client.seqs.length;
    if (client.disconnectReason === null) connected += 1;
  }
  return { type: 'progress', caughtUp, received, connected };
}

function collect(ledger: number[]): ClientWorkerResult {
  loopDelay.disable();
  const cpu = process.cpuUsage(cpuStart);
  const wallMs = performance.now() - wallStart;
  const inLedger = new Set(ledger);
  let total = 0;
  for (const client of clients) total += client.seqs.length;
  const seqs = new Uint32Array(total);
  const latencies = new Float64Array(total);
  const result: ClientWorkerResult = {
    type: 'result', clients: clients.length, seqs, latencies, expected: 0, missing: 0, clientsWithMissing: 0, duplicates: 0, outOfOrder: 0, unexpected: 0, foreign: 0,
    disconnected: 0, disconnectReasons: {},
    loopDelayP99Ms: loopDelay.percentile(99) / 1e6, loopDelayMaxMs: loopDelay.max / 1e6, cpuMs: (cpu.user + cpu.system) / 1000, wallMs,
  };
  let at = 0;
  for (const client of clients) {
    const seen = new Set<number>();
    let previous = 0;
    for (let i = 0; i < client.seqs.length; i++) {
      const seq = client.seqs[i]!;
      seqs[at] = seq;
      latencies[at] = client.latencies[i]!;
      at += 1;
      if (seen.has(seq)) result.duplicates += 1;
      seen.add(seq);
      if (seq < previous) result.outOfOrder += 1;
      previous = seq;
      if (!inLedger.has(seq)) result.unexpected += 1;
    }
    let missing = 0;
    for (const seq of ledger) {
      if (seq <= client.subscribedSeq) continue;
      result.expected += 1;
      if (!seen.has(seq)) missing += 1;
    }
    result.missing += missing;
    if (missing > 0) result.clientsWithMissing += 1;
    result.foreign += client.foreign;
    if (client.disconnectReason !== null) {
      result.disconnected += 1;
      result.disconnectReasons[client.disconnectReason] = (result.disconnectReasons[client.disconnectReason] ?? 0) + 1;
    }
  }
  return result;
}

function closeAll(): void {
  closing = true;
  for (const client of clients) client.socket.close();
}

process.on('message', (message: ToClientWorker) => {
  const handle = async () => {
    switch (message.type) {
      case 'connect':
        await connectAll(message);
        return;
      case 'progress':
        await send(progress(message.lastSeq));
        return;
      case 'collect': {
        const result = collect(message.ledger);
        closeAll();
        await send(result);
        process.disconnect();
        return;
      }
    }
  };
  handle().catch(async (error: unknown) => {
    closeAll();
    await send({ type: 'failed', message: error instanceof Error ? error.message : String(error) }).catch(() => {});
    process.exit(1);
  });
});
process.on('disconnect', () => {
  closeAll();
  setTimeout(() => process.exit(0), 200).unref();
});
