import { runSeedCommand } from './seed-command';

process.exitCode = await runSeedCommand(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
