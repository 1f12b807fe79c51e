/**
 * A screen's live rooms as a Lit reactive controller: follows `host.api.live(rooms)` while the host is in the page,
 * starts again when the api or the rooms change (the host forgets what the old ones showed), stops when the host
 * leaves, and keeps the feed's connection state and the server's refusal of the rooms for the host to show.
 *
 *   private readonly live = new LiveRooms(this, { rooms: (api) => [`location:${...}`], state, update });
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { RuleViolation } from '../engine/domain/violation.ts';
import type { Envelope, StoreApi } from './api.ts';

export interface LiveRoomsOptions {
  /** The rooms to follow with this api; none while the screen cannot know them (no register chosen, a warehouse...). */
  rooms(api: StoreApi): string[];
  /** The api or the rooms changed: drop what the previous rooms showed. */
  reset?(): void;
  /** A subscription to `api` has just been asked for. */
  started?(api: StoreApi): void;
  state(room: string, state: unknown): void;
  update(envelope: Envelope): void;
}

type Host = ReactiveControllerHost & { readonly api: StoreApi | null };

export class LiveRooms implements ReactiveController {
  /** Whether the feed is up; null until it has said. */
  online: boolean | null = null;
  /** The server's refusal of the rooms followed now (e.g. a room of another store). */
  refusal: RuleViolation | null = null;

  private connected = false;
  private stop: (() => void) | null = null;
  /** What is followed now (undefined: nothing yet, so the next check starts afresh). */
  private following: { api: StoreApi | null; key: string } | undefined = undefined;

  constructor(private readonly host: Host, private readonly options: LiveRoomsOptions) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    this.follow();
  }

  /** Before each render, so that a new api or register is followed in the same update that shows it. */
  hostUpdate(): void {
    this.follow();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.unfollow();
    this.following = undefined;
  }

  private follow(): void {
    if (!this.connected) return;
    const api = this.host.api;
    const rooms = api === null ? [] : this.options.rooms(api);
    const key = JSON.stringify(rooms);
    if (this.following !== undefined && this.following.api === api && this.following.key === key) return;
    this.unfollow();
    this.following = { api, key };
    this.refusal = null;
    this.options.reset?.();
    this.host.requestUpdate();
    if (api === null || rooms.length === 0) return;
    this.stop = api.live(rooms, {
      state: (room, state) => this.options.state(room, state),
      update: (envelope) => this.options.update(envelope),
      connection: (online) => {
        this.online = online;
        this.host.requestUpdate();
      },
      refused: (error) => {
        this.refusal = error;
        this.host.requestUpdate();
      },
    });
    this.options.started?.(api);
  }

  private unfollow(): void {
    this.stop?.();
    this.stop = null;
  }
}
