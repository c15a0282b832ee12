import { PassThrough } from 'node:stream';

/** Standard streams for a command-line tool under test: stdin holds `stdinText`; what it writes is kept in `output`. */
export function commandStreams(stdinText = '') {
  const stdin = new PassThrough();
  stdin.end(stdinText);
  const [stdout, stderr] = [new PassThrough(), new PassThrough()];
  const output = { out: '', err: '' };
  stdout.on('data', (chunk) => (output.out += String(chunk)));
  stderr.on('data', (chunk) => (output.err += String(chunk)));
  return { stdin, stdout, stderr, output };
}
