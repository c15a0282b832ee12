import { runFleetCommand } from '../commands/fleet-command';

process.exitCode = await runFleetCommand(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
