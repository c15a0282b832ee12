import { join, resolve } from 'node:path';
import { LANGUAGES } from '../shared/domain';
import { loadBuiltInContent } from '../main/core/content/load-content';
import { readPackSource } from '../main/core/content/pack-source';
import { checkPublishedPack } from '../main/core/content/published-pack';
import { sha256Hex } from '../main/core/content/published-pack-store';
import { openCentral, transportProblem } from '../main/fleet/central/connection-settings';
import { publishContentPack } from '../main/fleet/central/content-packs';
import { checkKnownFlags, UsageError } from './cli-args';
import { CONNECTION_FLAGS, connectionFromFlags, hasFlag, withoutSwitches } from './fleet-connection-flags';
import type { CommandIo } from './staff-command';

export const PUBLISH_USAGE = `  publish-content PACK                   check a content pack as every kiosk will, then publish it to them all
                                         (owner or publisher role); PACK is a pack .json or a folder of
                                         <language>/<section>.json like a kiosk's overrides (resources/content/README.md)`;

/** A pack that fails the kiosks' checks: nothing was published. */
export class PackRefusedError extends Error {}

/**
 * Reads and checks the pack before asking for a password or connecting: a broken pack is refused with the reason and
 * nothing is published. The checks are the kiosks' own, against the content shipped with this version of the app.
 */
export async function runPublishContent(args: string[], io: CommandIo): Promise<number> {
  const [path, ...rest] = args;
  if (path === undefined || path.startsWith('--')) {
    throw new UsageError('publish-content needs a pack: a .json file or a folder of <language>/<section>.json.');
  }
  const flags = withoutSwitches(rest, ['--allow-plaintext']);
  checkKnownFlags(flags, new Set([...CONNECTION_FLAGS, '--data-dir']));

  const pack = readPackSource(path);
  const resources = io.core?.resourcesFolder ?? resolve('resources');
  const builtIn = loadBuiltInContent({
    builtInFolder: join(resources, 'content'),
    illustrationsFolder: join(resources, 'illustrations'),
    languages: LANGUAGES,
  });
  const checked = checkPublishedPack(pack, builtIn.packs, LANGUAGES, builtIn.illustrations);
  if (!checked.ok) throw new PackRefusedError(`The content pack was not published: ${checked.reason}.`);

  const settings = await connectionFromFlags(flags, io);
  if (hasFlag(rest, '--allow-plaintext')) settings.allowPlaintext = true;
  const refused = transportProblem(settings);
  if (refused) throw new UsageError(refused);
  const sha256 = sha256Hex(pack);
  const sql = openCentral(settings);
  try {
    const published = await publishContentPack(sql, { pack, sha256 });
    io.stdout.write(
      `Published content pack version ${published.version} (${checked.sections.join(', ')}; SHA-256 ${sha256}).\n` +
        'Each kiosk in the fleet takes it within minutes and shows it from its next start.\n',
    );
    return 0;
  } finally {
    await sql.end();
  }
}
