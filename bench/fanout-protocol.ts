/**
 * Messages between the fan-out benchmark (bench/fanout.ts, which hosts the server) and its child processes:
 * client workers (bench/fanout-client.ts: many Socket.IO screens each) and the till driver (bench/fanout-driver.ts:
 * HTTP commands at a fixed rate, plus the ledger of what the server published to the room).
 * The children are forked with `serialization: 'advanced'`, so typed arrays travel as they are.
 */

/** The wire envelope (engine/server/gateway.ts `Envelope`), as a client sees it. */
export interface WireEnvelope { epoch: string; seq: number; at: number; room: string; type: string; id: string; view: unknown }

export type SubscribeAnswer =
  | { ok: true; mode: 'resume' | 'snapshot'; epoch: string; seq: number; messages?: WireEnvelope[] }
  | { ok: false; error: { rule: string; field: string; message: string } };

// --- Client workers ---

export interface ConnectJob {
  type: 'connect';
  url: string;
  room: string;
  /** Session tokens to share among this worker's clients (client i uses tokens[i % length]). */
  tokens: string[];
  /** Global index of this worker's first client (for messages). */
  firstClient: number;
  count: number;
  /** Connections opened at once by this worker. */
  concurrency: number;
}

export type ToClientWorker =
  | ConnectJob
  | { type: 'progress'; lastSeq: number }
  | { type: 'collect'; ledger: number[] };

export interface ClientWorkerResult extends DeliveryCounts {
  type: 'result';
  clients: number;
  /** Per delivered envelope: its seq and its latency (receipt time minus `at`, ms). */
  seqs: Uint32Array;
  latencies: Float64Array;
  /** This worker's own event loop delay and CPU during the drive (is the client side the bottleneck?). */
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  cpuMs: number;
  wallMs: number;
}

export type FromClientWorker =
  | { type: 'ready'; clients: number; connectMs: number; epoch: string }
  | { type: 'progress'; caughtUp: number; received: number; connected: number }
  | ClientWorkerResult
  | { type: 'failed'; message: string };

// --- Till driver ---

export interface Till { registerId: string; operatorId: string; token: string }

export interface DriveJob {
  type: 'drive';
  /** Commands per second over all tills together. */
  rate: number;
  durationMs: number;
  seed: number;
}

export type ToDriver =
  | { type: 'ledger'; url: string; room: string; token: string; tills: Till[]; locationId: string; customers: string[]; products: string[] }
  | DriveJob
  | { type: 'finish' };

export interface DriveStats {
  type: 'driven';
  /** Commands sent and accepted (the driver stops at the first refusal and fails). */
  commands: number;
  commandMix: Record<string, number>;
  /** HTTP reads the tills made (register due, order lines): not commands, not paced. */
  reads: number;
  /** From the first command sent to the last answer received. */
  elapsedMs: number;
  /** Command round trips (HTTP POST, journaled with fsync before the answer), ms. */
  ackLatencies: Float64Array;
  /** Slots sent more than one interval behind the paced schedule (the tills could not keep up), and the worst lag. */
  lateSlots: number;
  maxLagMs: number;
  ordersCreated: number;
  pickups: number;
  /** The room's last seq in the ledger once the last answer came back. */
  lastRoomSeq: number;
}

export interface LedgerEntry { seq: number; type: string; at: number }

export type FromDriver =
  | { type: 'ledger-ready'; epoch: string; seq: number }
  | DriveStats
  | { type: 'ledger'; entries: LedgerEntry[]; polls: number }
  | { type: 'failed'; message: string };

/** What the clients got of what the server published to the room. */
export interface DeliveryCounts {
  /** Ledger envelopes published to the room after each client subscribed, summed over the clients. */
  expected: number;
  /** Of those, the ones a client never received, summed. */
  missing: number;
  clientsWithMissing: number;
  duplicates: number;
  outOfOrder: number;
  /** Received in the room but not in the server's ledger (should never happen). */
  unexpected: number;
  /** Envelopes from another epoch or room (should never happen). */
  foreign: number;
  disconnected: number;
  disconnectReasons: Record<string, number>;
}

