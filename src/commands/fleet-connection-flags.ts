import { readFileSync } from 'node:fs';
import { TLS_MODES, type ConnectionSettings, type TlsMode } from '../main/fleet/central/connection-settings';
import { flag, integerFlag, UsageError } from './cli-args';
import type { CommandIo } from './staff-command';
import { readSecret } from './read-pin';

/** The flags that say how an IT person's own role reaches the fleet database, with libpq's PG* variables as fallbacks. */
export const CONNECTION_FLAGS = ['--host', '--port', '--database', '--user', '--tls', '--ca', '--allow-plaintext'];

export const CONNECTION_USAGE = `Connection (libpq's PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD, PGSSLROOTCERT are read too):
  --host HOST --port N --database NAME --user ROLE
  --tls verify-full|require|disable     default verify-full (the server's certificate and name are checked)
  --ca FILE                             the CA that signed the server's certificate (default: the system's)
  --allow-plaintext                     allow --tls disable to a host other than this machine
The password is PGPASSWORD, else asked on the terminal, else the first line of standard input.`;

export function hasFlag(argv: readonly string[], name: string): boolean {
  return argv.includes(name);
}

/** Argv without switches that take no value, so checkKnownFlags and flag() read the rest in pairs. */
export function withoutSwitches(argv: readonly string[], switches: readonly string[]): string[] {
  return argv.filter((arg) => !switches.includes(arg));
}

export async function connectionFromFlags(argv: string[], io: CommandIo): Promise<ConnectionSettings> {
  const host = flag(argv, '--host') ?? io.env.PGHOST ?? 'localhost';
  const port = integerFlag(argv, '--port', 1, 65_535) ?? Number(io.env.PGPORT ?? 5432);
  const database = flag(argv, '--database') ?? io.env.PGDATABASE;
  const user = flag(argv, '--user') ?? io.env.PGUSER;
  if (!database) throw new UsageError('--database is required (or PGDATABASE): the fleet database.');
  if (!user) throw new UsageError('--user is required (or PGUSER): the fleet owner role.');
  const tls = (flag(argv, '--tls') ?? 'verify-full') as TlsMode;
  if (!TLS_MODES.includes(tls)) throw new UsageError(`--tls must be one of ${TLS_MODES.join(', ')}.`);
  const caFile = flag(argv, '--ca') ?? io.env.PGSSLROOTCERT;
  const ca = caFile ? readFileSync(caFile, 'utf8') : undefined;
  const password = io.env.PGPASSWORD ?? (await readSecret(io.stdin, io.stderr, `Password for ${user}: `));
  if (!password) throw new UsageError('No password: set PGPASSWORD or type it when asked.');
  return { host, port, database, user, password, tls, ca, allowPlaintext: hasFlag(argv, '--allow-plaintext') };
}
