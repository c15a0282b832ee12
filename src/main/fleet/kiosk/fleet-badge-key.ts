import { statSync } from 'node:fs';
import type { FleetBadgeKey } from '../../core/services/badge-hashing';
import { credentialsPath, readStoredBadgeKey } from './fleet-credentials';

/**
 * Core's port for the fleet's badge key: read from the credentials file (unsealed with the OS keystore where it is
 * sealed) only when the file changed, not at every badge tap. No file (never joined, or left): null, and badges
 * are hashed with the kiosk's own key.
 */
export function storedBadgeKeyReader(dataFolder: string): FleetBadgeKey {
  let seen: { stamp: string; key: Buffer | null } | null = null;
  return () => {
    let stamp: string;
    try {
      const stat = statSync(credentialsPath(dataFolder));
      stamp = `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
    } catch {
      seen = null;
      return null;
    }
    if (seen?.stamp !== stamp) seen = { stamp, key: readStoredBadgeKey(dataFolder) };
    return seen.key;
  };
}
