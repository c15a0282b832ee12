import type { Readable } from 'node:stream';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';

/**
 * One connection to the fleet's PostgreSQL (node-postgres), opened on its first query. Values always travel as bind
 * parameters; only identifiers the fleet makes itself are ever written into statement text, quoted.
 *
 * A connection that dies (the server restarted, the network cut) is never allowed to stop the process: node-postgres
 * rejects the queries in flight and then emits 'error' on the client, which without a listener Node would throw from
 * the socket's callback, outside any promise. Here the listener keeps the error, and every later query is refused
 * with it, so the caller (delivery, a command) sees one rejected promise and opens a new connection when it retries.
 */
export interface CentralConnection {
  query<Row = Record<string, unknown>>(text: string, values?: readonly unknown[]): Promise<Row[]>;
  /** The rows as arrays of values in column order (no objects built per row: the fleet export reads millions). */
  queryArrays(text: string, values?: readonly unknown[]): Promise<unknown[][]>;
  /**
   * `COPY … TO STDOUT` as a stream of the bytes PostgreSQL writes (pg-copy-streams). COPY takes no bind parameters:
   * the caller inlines only values it has checked. `rowCount` is known once a later query on this connection answers.
   * The connection's client-side query timeout does not apply: its reader bounds how long it may go quiet.
   */
  copyOut(text: string): Readable & { readonly rowCount: number };
  /** Runs a statement and answers how many rows it inserted, updated or deleted. */
  execute(text: string, values?: readonly unknown[]): Promise<number>;
  /** BEGIN, the work, COMMIT; ROLLBACK and the work's error when it throws. */
  transaction<T>(work: (tx: CentralConnection) => Promise<T>): Promise<T>;
  /**
   * LISTENs on a channel and calls `onNotify` with each payload that arrives while this connection lives. A new
   * connection listens to nothing: whoever opens one after a failure listens again.
   */
  listen(channel: string, onNotify: (payload: string) => void): Promise<void>;
  /** Why this connection can no longer be used, once it failed or died; undefined while it works. */
  readonly failure: Error | undefined;
  /** Closes the connection; never waits more than a second (a stalled network gets its socket destroyed). */
  end(): Promise<void>;
}

const END_WAIT_MS = 1_000;

export function openCentralConnection(config: pg.ClientConfig): CentralConnection {
  // The client's read timeout is given to each query rather than to the client, which would apply it to a COPY stream
  // too and so bound a whole export: a COPY's reader bounds it instead (copy-idle-guard.ts).
  const { query_timeout: queryTimeout, ...clientConfig } = config;
  const client = new pg.Client(clientConfig);
  let failure: Error | undefined;
  let connecting: Promise<void> | undefined;
  client.on('error', (error: Error) => {
    failure ??= error;
  });
  // Notices ("schema already exists, skipping") are not errors; the commands report what they did themselves.
  client.on('notice', () => undefined);
  const ready = () =>
    (connecting ??= client.connect().then(
      () => undefined,
      (error: unknown) => {
        failure ??= error instanceof Error ? error : new Error(String(error));
        throw error;
      },
    ));

  const run = async (text: string, values: readonly unknown[], rowMode?: 'array') => {
    if (failure) throw failure;
    await ready();
    const query: pg.QueryConfig & { query_timeout?: number } = { text, values: values as unknown[] };
    if (queryTimeout !== undefined) query.query_timeout = queryTimeout;
    return rowMode ? client.query({ ...query, rowMode }) : client.query(query);
  };

  const connection: CentralConnection = {
    get failure() {
      return failure;
    },
    async query<Row>(text: string, values: readonly unknown[] = []) {
      return (await run(text, values)).rows as Row[];
    },
    async queryArrays(text, values = []) {
      return (await run(text, values, 'array')).rows as unknown as unknown[][];
    },
    copyOut(text) {
      const stream = copyTo(text);
      if (failure) {
        // Refused as every query on a dead connection is: through the stream, the way its reader learns of errors.
        const dead = failure;
        process.nextTick(() => stream.destroy(dead));
        return stream;
      }
      // A reader that stops early (a full disk, Ctrl-C) leaves the server mid-COPY with nothing reading: the
      // connection could answer nothing else, so it is closed, and later queries on it are refused.
      stream.on('close', () => {
        if (stream.readableEnded) return;
        failure ??= new Error('The COPY was abandoned before its end; this connection is closed.');
        client.connection.stream.destroy();
      });
      ready().then(
        () => client.query(stream),
        (error: unknown) => stream.destroy(error instanceof Error ? error : new Error(String(error))),
      );
      return stream;
    },
    async execute(text, values = []) {
      return (await run(text, values)).rowCount ?? 0;
    },
    async listen(channel, onNotify) {
      client.on('notification', (message) => {
        if (message.channel === channel) onNotify(message.payload ?? '');
      });
      await connection.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    },
    async transaction(work) {
      await connection.query('BEGIN');
      try {
        const result = await work(connection);
        await connection.query('COMMIT');
        return result;
      } catch (error) {
        if (!failure) await connection.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    },
    async end() {
      if (!connecting) return;
      // A dead connection has nothing to say goodbye to; its socket is already closed or being destroyed.
      if (failure) {
        void client.end().catch(() => undefined);
        return;
      }
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        client.end().catch(() => undefined),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, END_WAIT_MS);
          timer.unref();
        }),
      ]);
      clearTimeout(timer);
    },
  };
  return connection;
}
