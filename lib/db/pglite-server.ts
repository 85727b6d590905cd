import net from "node:net";
import type { PGlite } from "@electric-sql/pglite";

/**
 * Serves one PGlite database to many Postgres wire-protocol clients.
 *
 * PGlite is a single session. Clients take turns on it: a client holds the session
 * from its first message until it ends a message group (Sync or a simple Query) with
 * no transaction open, so a transaction, and the Parse/Bind/Execute steps of one
 * extended-protocol query, are never interleaved with another client's messages.
 * (@electric-sql/pglite-socket queues message by message and lets another client's
 * Parse land between one client's Parse and Execute, which corrupts results under
 * concurrent load.) A client that disconnects mid-transaction is rolled back.
 */

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q'
const TERMINATE = 0x58; // 'X'

export interface PGliteServer {
  host: string;
  port: number;
  stop(): Promise<void>;
}

export async function servePGlite(db: PGlite, options: { host?: string; port?: number } = {}): Promise<PGliteServer> {
  const host = options.host ?? "127.0.0.1";
  const turns = new SessionTurns();
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => serveClient(db, turns, sockets, socket));
  await listen(server, options.port ?? 0, host);
  const { port } = server.address() as net.AddressInfo;

  return {
    host,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Who holds the single PGlite session; everyone else waits for it to be released. */
class SessionTurns {
  private owner: object | null = null;
  private readonly waiting: (() => void)[] = [];

  async acquire(client: object) {
    while (this.owner !== null && this.owner !== client) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.owner = client;
  }

  release(client: object) {
    if (this.owner !== client) return;
    this.owner = null;
    // Wake everyone; the first to run takes the session, the rest wait again.
    for (const wake of this.waiting.splice(0)) wake();
  }

  heldBy(client: object): boolean {
    return this.owner === client;
  }
}

function serveClient(db: PGlite, turns: SessionTurns, sockets: Set<net.Socket>, socket: net.Socket) {
  sockets.add(socket);
  // Small replies must not wait for Nagle's algorithm: ~40 ms per round trip otherwise.
  socket.setNoDelay(true);
  const client = new ClientConnection(db, turns, sockets, socket);
  socket.on("data", (chunk: Buffer) => client.receive(chunk));
  socket.on("close", () => client.close());
  socket.on("error", () => socket.destroy());
}

/**
 * One client's connection: its bytes are cut into messages, which run on the session in
 * order, one drain at a time, in the client's turn.
 */
class ClientConnection {
  private buffer = Buffer.alloc(0);
  private started = false;
  private closed = false;
  private chain = Promise.resolve();

  constructor(
    private readonly db: PGlite,
    private readonly turns: SessionTurns,
    private readonly sockets: Set<net.Socket>,
    private readonly socket: net.Socket,
  ) {}

  /** Queues the new bytes' messages behind everything this client sent before; an error drops the client. */
  receive(chunk: Buffer) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    this.chain = this.chain
      .then(() => this.drain())
      .catch(() => {
        this.socket.destroy();
        return this.finish();
      });
  }

  /** The socket closed: once its queued messages are done, the client gives up its turn. */
  close() {
    this.chain = this.chain.then(() => this.finish());
  }

  /** Handles every complete message in the buffer; stops at a partial one, or when the client ends. */
  private async drain() {
    while (!this.closed) {
      const more = this.started ? await this.handleMessage() : await this.handleStartup();
      if (!more) return;
    }
  }

  /**
   * A message before the session started (no type byte): encryption requests are declined,
   * a cancel request ends the connection, and the startup message runs in the client's turn.
   * False when there is nothing more to read for now.
   */
  private async handleStartup(): Promise<boolean> {
    if (this.buffer.length < 8) return false;
    const length = this.buffer.readInt32BE(0);
    if (this.buffer.length < length) return false;
    const code = this.buffer.readInt32BE(4);
    const message = this.take(length);
    if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
      this.socket.write("N");
      return true;
    }
    if (code === CANCEL_REQUEST) {
      this.socket.end();
      return false;
    }
    await this.turns.acquire(this);
    try {
      await this.exec(message);
    } finally {
      if (!this.db.isInTransaction()) this.turns.release(this);
    }
    this.started = true;
    return true;
  }

  /**
   * A typed message: Terminate ends the connection; any other runs in the client's turn,
   * which ends with a Sync or a simple Query that leaves no transaction open.
   * False when there is nothing more to read for now.
   */
  private async handleMessage(): Promise<boolean> {
    if (this.buffer.length < 5) return false;
    const length = 1 + this.buffer.readInt32BE(1);
    if (this.buffer.length < length) return false;
    const type = this.buffer[0];
    const message = this.take(length);
    if (type === TERMINATE) {
      await this.finish();
      this.socket.end();
      return false;
    }
    await this.turns.acquire(this);
    await this.exec(message);
    if ((type === SYNC || type === QUERY) && !this.db.isInTransaction()) this.turns.release(this);
    return true;
  }

  /** Removes the first `length` bytes from the buffer and returns them. */
  private take(length: number): Buffer {
    const message = this.buffer.subarray(0, length);
    this.buffer = this.buffer.subarray(length);
    return message;
  }

  /** Runs one message on the session, streaming the replies to the client while it is there. */
  private exec(message: Uint8Array) {
    return this.db.runExclusive(() =>
      this.db.execProtocolRawStream(message, {
        onRawData: (data) => {
          if (!this.closed && this.socket.writable) this.socket.write(Buffer.from(data));
        },
      }),
    );
  }

  /** Ends the client once: a transaction it left open is rolled back and its turn released. */
  private async finish() {
    if (this.closed) return;
    this.closed = true;
    this.sockets.delete(this.socket);
    if (this.turns.heldBy(this)) {
      if (this.db.isInTransaction()) await this.db.exec("ROLLBACK").catch(() => undefined);
      this.turns.release(this);
    }
  }
}

/** Starts listening; a failure to bind rejects. */
function listen(server: net.Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
}
