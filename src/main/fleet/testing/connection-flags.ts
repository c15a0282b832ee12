import type { ConnectionSettings } from '../central/connection-settings';

/** The command-line flags that reach the test's fleet database as `user` (plaintext: the test cluster is on loopback). */
export function connectionFlags(settings: ConnectionSettings, user = settings.user): string[] {
  return [
    '--host',
    settings.host,
    '--port',
    String(settings.port),
    '--database',
    settings.database,
    '--user',
    user,
    '--tls',
    'disable',
  ];
}
