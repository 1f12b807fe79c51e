/**
 * A small JSON client on node:http with a keep-alive agent, for load generation: no per-request connection setup,
 * and nothing between the timer and the socket that fetch (undici) would add.
 */
import { Agent, request } from 'node:http';

export interface JsonAnswer { status: number; body: unknown }

export class JsonClient {
  private readonly agent: Agent;
  private readonly host: string;
  private readonly port: number;

  constructor(url: string, maxSockets: number) {
    const { hostname, port } = new URL(url);
    this.host = hostname;
    this.port = Number(port);
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  /** The answer with its body parsed (null when it is not JSON); rejects only when no answer came. */
  send(method: 'GET' | 'POST', path: string, options: { token?: string; body?: unknown } = {}): Promise<JsonAnswer> {
    const payload = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
    const headers: Record<string, string | number> = { accept: 'application/json' };
    if (payload !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': payload.length });
    if (options.token !== undefined) headers['authorization'] = `Bearer ${options.token}`;
    return new Promise((resolve, reject) => {
      const req = request({ host: this.host, port: this.port, method, path, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = null;
          try {
            body = text === '' ? null : JSON.parse(text);
          } catch {
            // not JSON: the caller sees the status
          }
          resolve({ status: res.statusCode ?? 0, body });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
