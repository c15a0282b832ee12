import { migrateCentral } from '../main/fleet/central/central-migrate';
import { openCentral, transportProblem, type ConnectionSettings } from '../main/fleet/central/connection-settings';
import { encodeEnrolment } from '../main/fleet/central/enrolment';
import { addKiosk, setStation } from '../main/fleet/central/kiosk-registry';
import { addReporter, REPORTER_NAME_RULE } from '../main/fleet/central/reporter-registry';
import { checkKnownFlags, flag, integerFlag, reportFailure, UsageError } from './cli-args';
import {
  CONNECTION_FLAGS,
  CONNECTION_USAGE,
  connectionFromFlags,
  hasFlag,
  withoutSwitches,
} from './fleet-connection-flags';
import { FLEET_STAFF_USAGE, runFleetStaffCommand } from './fleet-staff-command';
import { FLEET_KIOSK_USAGE, KIOSK_COMMANDS, runFleetKioskCommand } from './fleet-kiosk-command';
import { FLEET_NAME_RULE, FLEET_NAME_RULE_TEXT } from './fleet-names';
import { PUBLISH_USAGE, runPublishContent } from './fleet-publish-command';
import { PUBLISH_SETTINGS_USAGE, runPublishSettings } from './fleet-publish-settings-command';
import type { CommandIo } from './staff-command';

export const FLEET_USAGE = `Usage: npm run fleet -- <command> [options]

The fleet is optional: a kiosk that never joins one works exactly as before.

For the hospital's IT, with the fleet's owner role (see docs/FLEET.md for the DBA's set-up):
  migrate                                create or upgrade the central schema and its roles
  add-kiosk --name NAME [--unit UNIT] [--station] [--kiosk-host HOST] [--kiosk-port N]
                                         register a kiosk: its own PostgreSQL role with a random password, and a
                                         one-time enrolment string to give to that kiosk (printed once);
                                         --station: a nurses' station, which sees and answers every unit's help calls
  set-station --kiosk NAME|ROLE on|off   make a registered kiosk a nurses' station, or a plain kiosk again
  add-reporter --name NAME               a login role that reads every kiosk's rows and writes none (for
                                         \`export --fleet\` and reports); its password is printed once
${PUBLISH_USAGE}
${PUBLISH_SETTINGS_USAGE}

${FLEET_STAFF_USAGE}

${CONNECTION_USAGE}

${FLEET_KIOSK_USAGE}`;

const SWITCHES = ['--allow-plaintext', '--station'];
// --data-dir is accepted and ignored: the installed app adds its own data folder to every command it runs.
const KNOWN: Record<string, string[]> = {
  migrate: [...CONNECTION_FLAGS, '--data-dir'],
  'add-kiosk': [...CONNECTION_FLAGS, '--data-dir', '--name', '--unit', '--kiosk-host', '--kiosk-port'],
  'add-reporter': [...CONNECTION_FLAGS, '--data-dir', '--name'],
  'set-station': [...CONNECTION_FLAGS, '--data-dir', '--kiosk'],
};

function checkName(value: string | undefined, what: string, required: boolean): string | null {
  if (value === undefined) {
    if (required) throw new UsageError(`${what} is required.`);
    return null;
  }
  const trimmed = value.trim();
  if (!FLEET_NAME_RULE.test(trimmed)) {
    throw new UsageError(`${what} must be ${FLEET_NAME_RULE_TEXT}.`);
  }
  return trimmed;
}

/** set-station's last word: on or off, nothing else. */
function stationWord(args: string[]): boolean {
  const word = args.at(-1);
  if (word !== 'on' && word !== 'off') {
    throw new UsageError('set-station takes --kiosk NAME|ROLE and then on or off.');
  }
  return word === 'on';
}

function checkKioskFlag(value: string | undefined): string {
  const trimmed = value?.trim();
  if (!trimmed) throw new UsageError("--kiosk is required: the kiosk's name or PostgreSQL role.");
  return trimmed;
}

/** set-station: marks a registered kiosk a nurses' station or a plain kiosk, and says which it is now. */
async function runSetStation(settings: ConnectionSettings, kiosk: string, on: boolean, io: CommandIo): Promise<number> {
  const sql = openCentral(settings);
  try {
    const changed = await setStation(sql, kiosk, on);
    io.stdout.write(
      `Kiosk "${changed.name}"${changed.unit ? ` (${changed.unit})` : ''}, role ${changed.kioskId}, is ` +
        (changed.station
          ? "now a nurses' station: it sees and answers every unit's help calls.\n"
          : "now a plain kiosk: it sees and answers its own unit's help calls only.\n"),
    );
    return 0;
  } finally {
    await sql.end();
  }
}

/**
 * The fleet command for IT: the same functions the kiosk app calls. Answers the process exit code: 0 done, 1 refused
 * or failed (PostgreSQL's own message is shown), 2 bad usage.
 */
export async function runFleetCommand(argv: string[], io: CommandIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (!command || command === '--help' || command === 'help') {
      io.stdout.write(`${FLEET_USAGE}\n`);
      return command ? 0 : 2;
    }
    if (KIOSK_COMMANDS.includes(command)) return await runFleetKioskCommand(command, rest, io);
    if (command === 'publish-content') return await runPublishContent(rest, io);
    if (command === 'publish-settings') return await runPublishSettings(rest, io);
    if (command === 'staff') return await runFleetStaffCommand(rest, io);
    const known = KNOWN[command];
    if (!known) throw new UsageError(`Unknown command "${command}".`);
    const withWords = withoutSwitches(rest, SWITCHES);
    if (command !== 'add-kiosk' && hasFlag(rest, '--station')) throw new UsageError('--station is for add-kiosk.');
    // set-station's on|off is its one word; checked before connecting, so bad usage never asks for a password.
    const onOff = command === 'set-station' ? stationWord(withWords) : null;
    const args = onOff === null ? withWords : withWords.slice(0, -1);
    checkKnownFlags(args, new Set(known));
    const kioskFlag = command === 'set-station' ? checkKioskFlag(flag(args, '--kiosk')) : '';
    const settings = await connectionFromFlags(args, io);
    if (hasFlag(rest, '--allow-plaintext')) settings.allowPlaintext = true;
    const refused = transportProblem(settings);
    if (refused) throw new UsageError(refused);

    if (command === 'migrate') {
      const sql = openCentral(settings);
      try {
        const { from, to, database } = await migrateCentral(sql);
        io.stdout.write(
          from === to
            ? `The fleet schema in ${database} is up to date (version ${to}).\n`
            : `The fleet schema in ${database} went from version ${from} to ${to}.\n`,
        );
        return 0;
      } finally {
        await sql.end();
      }
    }

    if (command === 'add-reporter') {
      const name = flag(args, '--name');
      if (name === undefined || !REPORTER_NAME_RULE.test(name)) {
        throw new UsageError('--name is required: 1 to 20 of a-z, 0-9 and _, starting a-z (e.g. quality).');
      }
      const sql = openCentral(settings);
      try {
        const reporter = await addReporter(sql, name);
        io.stdout.write(
          `Made reporting role ${reporter.role}: it reads every kiosk's rows and writes none.\n` +
            'Its password is a secret, shown this once:\n' +
            `${reporter.password}\n`,
        );
        return 0;
      } finally {
        await sql.end();
      }
    }

    if (command === 'set-station') return await runSetStation(settings, kioskFlag, onOff!, io);

    const name = checkName(flag(args, '--name'), '--name', true)!;
    const unit = checkName(flag(args, '--unit'), '--unit', false);
    const station = hasFlag(rest, '--station');
    const kioskHost = flag(args, '--kiosk-host') ?? settings.host;
    const kioskPort = integerFlag(args, '--kiosk-port', 1, 65_535) ?? settings.port;
    const sql = openCentral(settings);
    try {
      const kiosk = await addKiosk(sql, { name, unit, station });
      const enrolment = encodeEnrolment({
        connection: {
          host: kioskHost,
          port: kioskPort,
          database: settings.database,
          user: kiosk.kioskId,
          password: kiosk.password,
          tls: settings.tls,
        },
        kioskName: name,
        unit,
      });
      io.stdout.write(
        `Registered ${station ? "nurses' station" : 'kiosk'} "${name}"${unit ? ` (${unit})` : ''} as PostgreSQL role ${kiosk.kioskId}.\n` +
          'Its enrolment string is a secret, shown this once; on that kiosk run `fleet join` with it:\n' +
          `${enrolment}\n`,
      );
      return 0;
    } finally {
      await sql.end();
    }
  } catch (error) {
    return reportFailure(error, FLEET_USAGE, io.stderr);
  }
}
