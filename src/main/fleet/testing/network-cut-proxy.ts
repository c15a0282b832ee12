/**
 * A TCP proxy between a kiosk and the test's PostgreSQL that the test controls, to play the network's faults: cut
 * (every connection dropped, new ones refused), stall (bytes accepted and forwarded nowhere, as behind a switch that
 * lost its uplink without resetting anything), stall after so many more bytes from the server (mid-answer), trickle
 * (the server's bytes forwarded slowly but steadily, as over a congested link), and heal.
 */
import { createServer, connect, type Socket } from 'node:net';

export interface NetworkCutProxy {
  port: number;
  /** Drops every open connection and refuses new ones until heal. */
  cut(): void;
  /** Keeps connections open and accepts new ones, but forwards no byte either way until heal. */
  stall(): void;
  /** Forwards `bytes` more bytes from the server, then stalls; resolves when the stall begins. */
  stallAfter(bytes: number): Promise<void>;
  /** Forwards the server's bytes at most `bytes` every `everyMs` (the client's at once) until heal. */
  trickle(bytes: number, everyMs: number): void;
  /** Forwards again; connections held during a stall carry on where they were. */
  heal(): void;
  close(): Promise<void>;
}

type Mode = 'open' | 'cut' | 'stalled' | 'trickle';
interface Pair {
  client: Socket;
  server: Socket;
  held: { up: Buffer[]; down: Buffer[] };
}

export async function startNetworkCutProxy(target: { host: string; port: number }): Promise<NetworkCutProxy> {
  let mode: Mode = 'open';
  const pairs = new Set<Pair>();
  let stallCountdown: { bytes: number; stalled: () => void } | undefined;
  let trickling: NodeJS.Timeout | undefined;
  const forwardUp = (pair: Pair) =>
    pair.client.on('data', (chunk: Buffer) => {
      if (mode === 'stalled') pair.held.up.push(chunk);
      else pair.server.write(chunk);
    });
  const forwardDown = (pair: Pair) =>
    pair.server.on('data', (chunk: Buffer) => {
      if (mode === 'stalled' || mode === 'trickle') {
        pair.held.down.push(chunk);
        return;
      }
      if (stallCountdown && chunk.length >= stallCountdown.bytes) {
        pair.client.write(chunk.subarray(0, stallCountdown.bytes));
        pair.held.down.push(chunk.subarray(stallCountdown.bytes));
        mode = 'stalled';
        stallCountdown.stalled();
        stallCountdown = undefined;
        return;
      }
      if (stallCountdown) stallCountdown.bytes -= chunk.length;
      pair.client.write(chunk);
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
    forwardUp(pair);
    forwardDown(pair);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('proxy has no port');
  const each = (action: (pair: Pair) => void) => [...pairs].forEach(action);
  const stopTrickle = () => {
    clearInterval(trickling);
    trickling = undefined;
  };
  /** Up to `bytes` of a pair's held server bytes, in order. */
  const release = (pair: Pair, bytes: number) => {
    let left = bytes;
    while (left > 0 && pair.held.down.length > 0) {
      const chunk = pair.held.down.shift()!;
      if (chunk.length > left) pair.held.down.unshift(chunk.subarray(left));
      pair.client.write(chunk.subarray(0, left));
      left -= Math.min(left, chunk.length);
    }
  };
  return {
    port: address.port,
    cut() {
      stopTrickle();
      mode = 'cut';
      each((pair) => {
        pair.client.destroy();
        pair.server.destroy();
      });
    },
    stall() {
      stopTrickle();
      mode = 'stalled';
    },
    stallAfter(bytes) {
      return new Promise((stalled) => {
        stallCountdown = { bytes, stalled };
      });
    },
    trickle(bytes, everyMs) {
      stopTrickle();
      mode = 'trickle';
      trickling = setInterval(() => each((pair) => release(pair, bytes)), everyMs);
    },
    heal() {
      stopTrickle();
      mode = 'open';
      each((pair) => {
        for (const chunk of pair.held.up.splice(0)) pair.server.write(chunk);
        for (const chunk of pair.held.down.splice(0)) pair.client.write(chunk);
      });
    },
    async close() {
      stopTrickle();
      mode = 'cut';
      each((pair) => {
        pair.client.destroy();
        pair.server.destroy();
      });
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
