import { runStaffCommand } from '../commands/staff-command';

process.exitCode = await runStaffCommand(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
