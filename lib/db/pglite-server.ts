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
  let owner: object | null = null;
  const waiting: (() => void)[] = [];
  const sockets = new Set<net.Socket>();

  async function acquire(client: object) {
    while (owner !== null && owner !== client) await new Promise<void>((resolve) => waiting.push(resolve));
    owner = client;
  }

  function release(client: object) {
    if (owner !== client) return;
    owner = null;
    // Wake everyone; the first to run takes the session, the rest wait again.
    for (const wake of waiting.splice(0)) wake();
  }

  const server = net.createServer((socket) => {
    sockets.add(socket);
    // Small replies must not wait for Nagle's algorithm: ~40 ms per round trip otherwise.
    socket.setNoDelay(true);
    const client = {};
    let buffer = Buffer.alloc(0);
    let started = false;
    let closed = false;
    let chain = Promise.resolve();

    const exec = (message: Uint8Array) =>
      db.runExclusive(() =>
        db.execProtocolRawStream(message, {
          onRawData: (data) => {
            if (!closed && socket.writable) socket.write(Buffer.from(data));
          },
        }),
      );

    async function drain() {
      for (;;) {
        if (closed) return;
        if (!started) {
          if (buffer.length < 8) return;
          const length = buffer.readInt32BE(0);
          if (buffer.length < length) return;
          const code = buffer.readInt32BE(4);
          const message = buffer.subarray(0, length);
          buffer = buffer.subarray(length);
          if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
            socket.write("N");
            continue;
          }
          if (code === CANCEL_REQUEST) {
            socket.end();
            return;
          }
          await acquire(client);
          try {
            await exec(message);
          } finally {
            if (!db.isInTransaction()) release(client);
          }
          started = true;
          continue;
        }
        if (buffer.length < 5) return;
        const length = 1 + buffer.readInt32BE(1);
        if (buffer.length < length) return;
        const type = buffer[0];
        const message = buffer.subarray(0, length);
        buffer = buffer.subarray(length);
        if (type === TERMINATE) {
          await finish();
          socket.end();
          return;
        }
        await acquire(client);
        await exec(message);
        if ((type === SYNC || type === QUERY) && !db.isInTransaction()) release(client);
      }
    }

    async function finish() {
      if (closed) return;
      closed = true;
      sockets.delete(socket);
      if (owner === client) {
        if (db.isInTransaction()) await db.exec("ROLLBACK").catch(() => undefined);
        release(client);
      }
    }

    socket.on("data", (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      chain = chain.then(drain).catch(() => {
        socket.destroy();
        return finish();
      });
    });
    socket.on("close", () => {
      chain = chain.then(finish);
    });
    socket.on("error", () => socket.destroy());
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
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
