import { runExportCommand } from '../commands/export-command';

// Ctrl-C stops the export and deletes the partial file instead of leaving half a spreadsheet behind.
const controller = new AbortController();
process.once('SIGINT', () => controller.abort());

process.exitCode = await runExportCommand(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  signal: controller.signal,
});
