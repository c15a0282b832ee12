import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { checkCentreSettingsText } from '../shared/centre-settings';
import { openCentral, transportProblem } from '../main/fleet/central/connection-settings';
import { publishSettings } from '../main/fleet/central/published-settings';
import { checkKnownFlags, flag, UsageError } from './cli-args';
import { CONNECTION_FLAGS, connectionFromFlags, hasFlag, withoutSwitches } from './fleet-connection-flags';
import { FLEET_NAME_RULE, FLEET_NAME_RULE_TEXT } from './fleet-names';
import type { CommandIo } from './staff-command';

export const PUBLISH_SETTINGS_USAGE = `  publish-settings --file FILE [--unit UNIT]
                                         check a settings document (JSON) as every kiosk will, then publish it
                                         for the whole hospital, or for the kiosks of one unit (owner or publisher
                                         role); a unit's setting wins over the hospital's (docs/FLEET.md)`;

/** A settings document that fails the kiosks' checks: nothing was published. */
export class SettingsRefusedError extends Error {}

/**
 * Reads and checks the document before asking for a password or connecting: a bad one is refused with the reason
 * and nothing is published. The check is the kiosks' own settings schema.
 */
export async function runPublishSettings(args: string[], io: CommandIo): Promise<number> {
  const flags = withoutSwitches(args, ['--allow-plaintext']);
  checkKnownFlags(flags, new Set([...CONNECTION_FLAGS, '--data-dir', '--file', '--unit']));
  const file = flag(flags, '--file');
  if (file === undefined) throw new UsageError('publish-settings needs --file: a JSON document of settings.');
  const unitFlag = flag(flags, '--unit');
  const unit = unitFlag === undefined ? null : unitFlag.trim();
  if (unit !== null && !FLEET_NAME_RULE.test(unit)) throw new UsageError(`--unit must be ${FLEET_NAME_RULE_TEXT}.`);

  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SettingsRefusedError(`The settings were not published: ${(error as Error).message}.`);
  }
  const checked = checkCentreSettingsText(text);
  if (!checked.ok) throw new SettingsRefusedError(`The settings were not published: ${checked.reason}.`);

  const connection = await connectionFromFlags(flags, io);
  if (hasFlag(args, '--allow-plaintext')) connection.allowPlaintext = true;
  const refused = transportProblem(connection);
  if (refused) throw new UsageError(refused);
  const sha256 = createHash('sha256').update(text).digest('hex');
  const sql = openCentral(connection);
  try {
    const published = await publishSettings(sql, { unit, settings: text, sha256 });
    io.stdout.write(
      `Published settings version ${published.version} for ${unit === null ? 'the whole hospital' : `unit ${unit}`} ` +
        `(${Object.keys(checked.settings).join(', ')}).\n` +
        'Each kiosk in the fleet takes them within minutes and uses them at once.\n',
    );
    return 0;
  } finally {
    await sql.end();
  }
}
