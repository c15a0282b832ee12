import { displayNameSchema, pinSchema, staffNumberSchema } from '../shared/contract';
import { STAFF_ROLES, type StaffRole } from '../shared/domain';
import { hashPin } from '../main/core/services/pin-hashing';
import { openCentral, transportProblem } from '../main/fleet/central/connection-settings';
import { changeCentralStaff, listCentralStaff, StaffDirectoryError } from '../main/fleet/central/staff-directory';
import { checkKnownFlags, flag, UsageError } from './cli-args';
import { CONNECTION_FLAGS, connectionFromFlags, hasFlag, withoutSwitches } from './fleet-connection-flags';
import { readPin } from './read-pin';
import { check, type CommandIo } from './staff-command';

export const FLEET_STAFF_USAGE = `The fleet's staff directory, with the owner role (every joined kiosk applies a change within seconds):
  staff list                             every staff member at the centre (number, role, state, last change)
  staff add --number N --name NAME [--role nurse|admin]
                                         add a staff member; the PIN is read from standard input
  staff disable --number N               stop a staff member signing in on every kiosk
  staff enable --number N                let a disabled staff member sign in again
  staff reset-pin --number N             a new PIN (read from standard input); each kiosk lifts its own lockout
With the PIN from a pipe, give the password in PGPASSWORD.`;

const SUBCOMMANDS = ['list', 'add', 'disable', 'enable', 'reset-pin'];

/** `fleet staff …`: answers the exit code (0 done, 1 refused or failed, 2 bad usage). Errors are the caller's to report. */
export async function runFleetStaffCommand(rest: string[], io: CommandIo): Promise<number> {
  const [command, ...flags] = rest;
  if (!command || !SUBCOMMANDS.includes(command)) {
    throw new UsageError(`fleet staff needs one of ${SUBCOMMANDS.join(', ')}.`);
  }
  const args = withoutSwitches(flags, ['--allow-plaintext']);
  checkKnownFlags(args, new Set([...CONNECTION_FLAGS, '--data-dir', '--number', '--name', '--role']));
  // Everything is checked before a password or PIN is asked.
  const numberFlag = flag(args, '--number');
  if (command !== 'list' && numberFlag === undefined) throw new UsageError('--number is required: the staff number.');
  const number = numberFlag === undefined ? '' : check(staffNumberSchema, numberFlag, '--number');
  const nameFlag = flag(args, '--name');
  if (command === 'add' && nameFlag === undefined) throw new UsageError('--name is required: the person’s name.');
  const name = nameFlag === undefined ? '' : check(displayNameSchema, nameFlag, '--name');
  const role = (flag(args, '--role') ?? 'nurse') as StaffRole;
  if (!STAFF_ROLES.includes(role)) throw new UsageError('--role must be nurse or admin.');
  const needsPin = command === 'add' || command === 'reset-pin';
  if (needsPin && !io.env.PGPASSWORD && !io.stdin.isTTY) {
    throw new UsageError('With the PIN from a pipe, give the password in PGPASSWORD.');
  }

  const settings = await connectionFromFlags(args, io);
  if (hasFlag(flags, '--allow-plaintext')) settings.allowPlaintext = true;
  const refused = transportProblem(settings);
  if (refused) throw new UsageError(refused);
  const credentials = needsPin ? await hashPin(check(pinSchema, await readPin(io.stdin, io.stderr), 'PIN')) : null;

  const sql = openCentral(settings);
  try {
    if (command === 'list') {
      const staff = await listCentralStaff(sql);
      io.stdout.write(`${'NUMBER'.padEnd(8)} ${'ROLE'.padEnd(6)} ${'STATE'.padEnd(9)} ${'CHANGE'.padEnd(7)} NAME\n`);
      for (const member of staff) {
        const state = member.disabled ? 'disabled' : 'active';
        io.stdout.write(
          `${member.staffNumber.padEnd(8)} ${member.role.padEnd(6)} ${state.padEnd(9)} ${String(member.changeNo).padEnd(7)} ${member.displayName}\n`,
        );
      }
      return 0;
    }
    const changeNo = await changeCentralStaff(sql, number, (current) => {
      if (command === 'add') {
        if (current) throw new StaffDirectoryError(`Staff number ${number} is already in the directory.`);
        return { staffNumber: number, displayName: name, role, disabled: false, badgeHash: null, ...credentials! };
      }
      if (!current) throw new StaffDirectoryError(`There is no staff member with number ${number} in the directory.`);
      if (command === 'reset-pin') return { ...current, ...credentials! };
      return { ...current, disabled: command === 'disable' };
    });
    const done: Record<string, string> = {
      add: `Added ${role} ${name} with staff number ${number}`,
      disable: `Staff number ${number} can no longer sign in`,
      enable: `Staff number ${number} can sign in again`,
      'reset-pin': `New PIN set for staff number ${number}`,
    };
    io.stdout.write(`${done[command]} (change ${changeNo}); joined kiosks apply it within seconds.\n`);
    return 0;
  } finally {
    await sql.end();
  }
}
