import { isIP } from 'node:net';
import { z } from 'zod';
import { openCentralConnection, type CentralConnection } from './central-connection';

/**
 * How to reach the fleet's PostgreSQL. `verify-full` (the default) checks the server's certificate and name against
 * the system's or the given CA; `require` encrypts without checking who answers; `disable` is plaintext, which a
 * non-loopback host accepts only with `allowPlaintext`, so nobody sends passwords in clear across a ward by accident.
 */
export const TLS_MODES = ['verify-full', 'require', 'disable'] as const;
export type TlsMode = (typeof TLS_MODES)[number];

export const connectionSettingsSchema = z
  .object({
    host: z.string().min(1).max(255),
    port: z.number().int().min(1).max(65_535),
    database: z.string().min(1).max(63),
    user: z.string().min(1).max(63),
    password: z.string().min(1).max(200),
    tls: z.enum(TLS_MODES),
    /** PEM of the CA that signed the server's certificate; absent: the system's CAs. */
    ca: z.string().max(20_000).optional(),
    allowPlaintext: z.boolean().optional(),
  })
  .strict();
export type ConnectionSettings = z.infer<typeof connectionSettingsSchema>;

export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost' || host.startsWith('/')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

/** The refusal for a plaintext connection that would leave the machine, or undefined when the settings are acceptable. */
export function transportProblem(
  settings: Pick<ConnectionSettings, 'host' | 'tls' | 'allowPlaintext'>,
): string | undefined {
  if (settings.tls !== 'disable' || isLoopbackHost(settings.host) || settings.allowPlaintext) return undefined;
  return (
    `Refusing a plaintext connection to ${settings.host}: passwords and history would cross the network unencrypted. ` +
    'Use TLS (--tls verify-full, the default, or --tls require), or pass --allow-plaintext if the network is ' +
    'encrypted some other way.'
  );
}

export interface OpenOptions {
  /** Seconds to wait for a connection before failing (a kiosk retries later). */
  connectTimeoutSeconds?: number;
  /** Milliseconds a statement may take, counted by the server and, for a network that stalls, by the client too. */
  queryTimeoutMs?: number;
}

/** A connection for these settings, opened on first use; refuses a plaintext connection that would leave the machine. */
export function openCentral(settings: ConnectionSettings, options: OpenOptions = {}): CentralConnection {
  const problem = transportProblem(settings);
  if (problem) throw new Error(problem);
  const ssl =
    settings.tls === 'disable'
      ? false
      : settings.tls === 'require'
        ? { rejectUnauthorized: false }
        : { rejectUnauthorized: true, servername: isIP(settings.host) ? undefined : settings.host, ca: settings.ca };
  return openCentralConnection({
    host: settings.host,
    port: settings.port,
    database: settings.database,
    user: settings.user,
    password: settings.password,
    ssl,
    connectionTimeoutMillis: (options.connectTimeoutSeconds ?? 10) * 1000,
    // A connection cut without a word (a switch unplugged) is noticed by TCP keepalive instead of hanging forever.
    keepAlive: true,
    ...(options.queryTimeoutMs === undefined
      ? {}
      : { statement_timeout: options.queryTimeoutMs, query_timeout: options.queryTimeoutMs }),
    application_name: 'lactation-room-kiosk',
  });
}
