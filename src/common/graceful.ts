import http from 'node:http';
import net from 'node:net';

interface SocketState {
  /** Requests on this connection whose answer has not gone out yet. */
  active: number;
  /** Requests answered on it; 0 means the client connected but its first request has not arrived yet. */
  served: number;
}

export interface DrainOutcome {
  /** Connections still open when the timeout ran out (their requests were cut). */
  cut: number;
}

/**
 * A graceful stop that loses nothing a client sent. Node's own server.close() (and Apollo's drain
 * plugin) end every connection without a request in progress, which includes one a client has just
 * opened and is writing its request on: that client gets a reset, though the hub may already have
 * committed nothing, or (for a request half-read) may have. Here:
 *
 * - the listener closes (new connections are refused);
 * - a request already received is completed and answered, with `Connection: close`;
 * - an idle keep-alive connection (it has been answered, nothing in progress) is closed at once;
 * - a connection opened but whose first request has not arrived gets `graceMs` to send it, is then
 *   served like the others, or closed when nothing came;
 * - after `timeoutMs` whatever is still open is cut, and counted.
 */
export class HttpDrain {
  private readonly sockets = new Map<net.Socket, SocketState>();
  private stopping = false;

  constructor(private readonly server: http.Server) {
    server.on('connection', (socket: net.Socket) => {
      this.sockets.set(socket, { active: 0, served: 0 });
      socket.once('close', () => this.sockets.delete(socket));
    });
    server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
      const state = this.sockets.get(req.socket);
      if (!state) return;
      state.active += 1;
      if (this.stopping) res.setHeader('connection', 'close');
      let done = false;
      const finished = () => {
        if (done) return;
        done = true;
        state.active -= 1;
        state.served += 1;
        if (this.stopping && state.active === 0) req.socket.end();
      };
      res.once('finish', finished);
      res.once('close', finished);
    });
  }

  /** Requests received and not yet answered. */
  get inFlight(): number {
    let n = 0;
    for (const s of this.sockets.values()) n += s.active;
    return n;
  }

  async close({ graceMs = 1000, timeoutMs = 10_000 }: { graceMs?: number; timeoutMs?: number } = {}): Promise<DrainOutcome> {
    this.stopping = true;
    // net.Server's close, not http.Server's: the latter also destroys every connection without a
    // request in progress, including those whose request is still on its way.
    const closed = new Promise<void>((resolve) => net.Server.prototype.close.call(this.server, () => resolve()));
    const timers: NodeJS.Timeout[] = [];
    for (const [socket, state] of this.sockets) {
      if (state.active > 0) continue;
      if (state.served > 0) socket.end();
      else timers.push(setTimeout(() => state.active === 0 && state.served === 0 && socket.end(), graceMs));
    }
    let timeout: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timeout = setTimeout(() => resolve('timeout'), timeoutMs)));
    const result = await Promise.race([closed.then(() => 'closed' as const), timedOut]);
    clearTimeout(timeout);
    for (const t of timers) clearTimeout(t);
    if (result === 'closed') return { cut: 0 };
    const cut = this.sockets.size;
    for (const socket of this.sockets.keys()) socket.destroy();
    await closed;
    return { cut };
  }
}

/** Whether the process takes traffic: /readyz answers 503 once it is stopping (and before it has started). */
export class Readiness {
  private state: 'starting' | 'ready' | 'stopping' = 'starting';
  get ready(): boolean {
    return this.state === 'ready';
  }
  get status(): 'starting' | 'ready' | 'stopping' {
    return this.state;
  }
  markReady(): void {
    if (this.state === 'starting') this.state = 'ready';
  }
  markStopping(): void {
    this.state = 'stopping';
  }
}
