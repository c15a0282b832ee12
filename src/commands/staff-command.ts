import type { Readable, Writable } from 'node:stream';
import { badgeSchema, displayNameSchema, pinSchema, staffNumberSchema } from '../shared/contract';
import { STAFF_ROLES, type StaffMember, type StaffRole } from '../shared/domain';
import { openKioskCore } from '../main/core/kiosk-core';
import { storedBadgeKeyReader } from '../main/fleet/kiosk/fleet-badge-key';
import { checkKnownFlags, flag, reportFailure, UsageError } from './cli-args';
import { existingDataFolder } from './kiosk-data-folder';
import { readBadge, readPin } from './read-pin';

export const STAFF_USAGE = `Usage: npm run staff -- <command> --data-dir DIR [options]

Commands:
  list                                   show every staff member (number, name, role, state)
  add --name NAME [--role nurse|admin] [--number N]
                                         add a staff member; the PIN is read from standard input
  reset-pin --number N                   give a staff member a new PIN (read from standard input); lifts a lockout
  disable --number N                     stop a staff member signing in (the last active admin cannot be disabled)
  set-badge --number N                   give a staff member a badge, read from standard input (a reader types it)
  remove-badge --number N                take a staff member's badge away

The PIN and the badge are never taken from the command line. On a terminal it is asked twice without echo;
from a pipe, the first line is the PIN:  printf '4821\\n' | npm run staff -- reset-pin --number 104 --data-dir DIR`;

export interface CommandIo {
  stdin: Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
  /**
   * Packaging: the installed app runs this command inside Electron and passes its Electron-ABI driver
   * and the content folder inside app.asar; `npm run staff` leaves both unset (Node-ABI driver, ./resources).
   */
  core?: { nativeBinding?: string; resourcesFolder?: string };
}

function required(argv: string[], name: string, what: string): string {
  const value = flag(argv, name);
  if (value === undefined) throw new UsageError(`${name} is required: ${what}.`);
  return value;
}

export function check<T>(
  schema: {
    safeParse(
      value: unknown,
    ): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } };
  },
  value: unknown,
  what: string,
): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new UsageError(`${what}: ${parsed.error.issues[0]?.message ?? 'invalid'}.`);
  return parsed.data;
}

const KNOWN_FLAGS = new Set(['--data-dir', '--name', '--role', '--number']);

function formatMember(member: StaffMember): string {
  const state = member.disabled ? 'disabled' : member.lockedOut ? 'locked out' : 'active';
  return `${member.staffNumber.padEnd(8)} ${member.role.padEnd(6)} ${state.padEnd(10)} ${member.displayName}`;
}

/**
 * The staff command for IT (a forgotten admin PIN is a real call): the same core code path as the admin screens.
 * Answers the process exit code: 0 done, 1 refused by the rules (e.g. last admin), 2 bad usage or missing database.
 */
export async function runStaffCommand(argv: string[], io: CommandIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (!command || command === '--help' || command === 'help') {
      io.stdout.write(`${STAFF_USAGE}\n`);
      return command ? 0 : 2;
    }
    if (!['list', 'add', 'reset-pin', 'disable', 'set-badge', 'remove-badge'].includes(command))
      throw new UsageError(`Unknown command "${command}".`);
    checkKnownFlags(rest, KNOWN_FLAGS);
    const dataFolder = existingDataFolder(
      rest,
      io.env,
      'Check --data-dir, or start the kiosk once and finish its first-run setup.',
    );

    // Validate everything before asking for a PIN or opening the database.
    const name =
      command === 'add' ? check(displayNameSchema, required(rest, '--name', 'the person’s name'), '--name') : '';
    const role = (flag(rest, '--role') ?? 'nurse') as StaffRole;
    if (!STAFF_ROLES.includes(role)) throw new UsageError('--role must be nurse or admin.');
    const numberFlag = flag(rest, '--number');
    const number = numberFlag === undefined ? undefined : check(staffNumberSchema, numberFlag, '--number');
    const needsNumber: Record<string, string> = {
      'reset-pin': 'give a new PIN',
      disable: 'disable',
      'set-badge': 'give a badge',
      'remove-badge': 'take the badge from',
    };
    if (needsNumber[command] && number === undefined) {
      throw new UsageError(`--number is required: the staff number to ${needsNumber[command]}.`);
    }

    // The fleet's badge key, where plain Node can read the credentials (not when the installed app sealed them).
    const core = openKioskCore({ dataFolder, fleetBadgeKey: storedBadgeKeyReader(dataFolder), ...io.core });
    try {
      const staff = core.staffAdmin;
      const target = number === undefined ? undefined : staff.findByNumber(number);
      if (command !== 'add' && command !== 'list' && !target) {
        io.stderr.write(`There is no staff member with number ${number}.\n`);
        return 1;
      }
      switch (command) {
        case 'list': {
          const members = staff.list();
          io.stdout.write(`${'NUMBER'.padEnd(8)} ${'ROLE'.padEnd(6)} ${'STATE'.padEnd(10)} NAME\n`);
          for (const member of members) io.stdout.write(`${formatMember(member)}\n`);
          return 0;
        }
        case 'add': {
          const pin = check(pinSchema, await readPin(io.stdin, io.stderr), 'PIN');
          const member = await staff.add({ displayName: name, role, pin, staffNumber: number }, null);
          io.stdout.write(`Added ${member.role} ${member.displayName} with staff number ${member.staffNumber}.\n`);
          return 0;
        }
        case 'reset-pin': {
          const pin = check(pinSchema, await readPin(io.stdin, io.stderr), 'PIN');
          await staff.resetPin(target!.id, pin, null);
          io.stdout.write(`New PIN set for staff number ${target!.staffNumber}. Any lockout is lifted.\n`);
          return 0;
        }
        case 'set-badge': {
          const badge = check(badgeSchema, await readBadge(io.stdin, io.stderr), 'Badge');
          staff.setBadge(target!.id, badge, null);
          io.stdout.write(`Staff number ${target!.staffNumber} can now sign in with the badge.\n`);
          return 0;
        }
        case 'remove-badge': {
          staff.setBadge(target!.id, null, null);
          io.stdout.write(`Staff number ${target!.staffNumber} has no badge now.\n`);
          return 0;
        }
        default: {
          staff.update(target!.id, { disabled: true }, null);
          io.stdout.write(`Staff number ${target!.staffNumber} can no longer sign in.\n`);
          return 0;
        }
      }
    } finally {
      core.close();
    }
  } catch (error) {
    // A refusal by the rules (KioskError) is a failure like any other: its message, exit code 1.
    return reportFailure(error, STAFF_USAGE, io.stderr);
  }
}
