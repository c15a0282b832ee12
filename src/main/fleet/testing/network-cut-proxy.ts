/**
 * A TCP proxy between a kiosk and the test's PostgreSQL that the test controls, to play the network's faults: cut
 * (every connection dropped, new ones refused), stall (bytes accepted and forwarded nowhere, as behind a switch that
 * lost its uplink without resetting anything), and heal.
 */
import { createServer, connect, type Socket } from 'node:net';

export interface NetworkCutProxy {
  port: number;
  /** Drops every open connection and refuses new ones until heal. */
  cut(): void;
  /** Keeps connections open and accepts new ones, but forwards no byte either way until heal. */
  stall(): void;
  /** Forwards again; connections held during a stall carry on where they were. */
  heal(): void;
  close(): Promise<void>;
}

type Mode = 'open' | 'cut' | 'stalled';
interface Pair {
  client: Socket;
  server: Socket;
  held: { up: Buffer[]; down: Buffer[] };
}

export async function startNetworkCutProxy(target: { host: string; port: number }): Promise<NetworkCutProxy> {
  let mode: Mode = 'open';
  const pairs = new Set<Pair>();
  const forward = (from: Socket, to: Socket, held: Buffer[]) =>
    from.on('data', (chunk: Buffer) => {
      if (mode === 'stalled') held.push(chunk);
      else to.write(chunk);
    });
  const server = createServer((client) => {
    if (mode === 'cut') {
      client.destroy();
      return;
    }
    const upstream = connect(target.port, target.host);
    const pair: Pair = { client, server: upstream, held: { up: [], down: [] } };
    pairs.add(pair);
    const close = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
    // Bytes are accepted always; while stalled they are held here, and sent on, in order, once the network heals.
    forward(client, upstream, pair.held.up);
    forward(upstream, client, pair.held.down);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('proxy has no port');
  const each = (action: (pair: Pair) => void) => [...pairs].forEach(action);
  return {
    port: address.port,
    cut() {
      mode = 'cut';
      each((pair) => {
        pair.client.destroy();
        pair.server.destroy();
      });
    },
    stall() {
      mode = 'stalled';
    },
    heal() {
      mode = 'open';
      each((pair) => {
        for (const chunk of pair.held.up.splice(0)) pair.server.write(chunk);
        for (const chunk of pair.held.down.splice(0)) pair.client.write(chunk);
      });
    },
    async close() {
      mode = 'cut';
      each((pair) => {
        pair.client.destroy();
        pair.server.destroy();
      });
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
