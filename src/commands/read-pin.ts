import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

type PinInput = Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };

/**
 * Reads a PIN from standard input, never from the command line (where it would land in shell history and `ps`).
 * On a terminal the typed digits are not echoed and the PIN is asked twice; from a pipe the first line is the PIN.
 */
export async function readPin(input: PinInput, output: Writable): Promise<string> {
  if (!input.isTTY || !input.setRawMode) return readFirstLine(input);
  const first = await askHidden(input, output, 'New PIN (4 to 8 digits): ');
  const second = await askHidden(input, output, 'Type the PIN again: ');
  if (first !== second) throw new Error('The two PINs do not match. Nothing was changed.');
  return first;
}

/** Reads a badge the same way: a reader types it into the terminal (not echoed), or the first line of a pipe. */
export async function readBadge(input: PinInput, output: Writable): Promise<string> {
  if (!input.isTTY || !input.setRawMode) return readFirstLine(input);
  return askHidden(input, output, 'Tap the badge on the reader, or type its number and press Enter: ');
}

/** The first line of a pipe, trimmed; empty when the pipe ends without one. */
async function readFirstLine(input: Readable): Promise<string> {
  const lines = createInterface({ input, terminal: false });
  for await (const line of lines) {
    lines.close();
    return line.trim();
  }
  return '';
}

function askHidden(input: PinInput, output: Writable, question: string): Promise<string> {
  output.write(question);
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (error?: Error) => {
      input.off('data', onData);
      input.setRawMode?.(false);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(typed.trim());
    };
    const onData = (chunk: Buffer | string) => {
      for (const char of chunk.toString()) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003') return finish(new Error('Cancelled. Nothing was changed.'));
        typed = char === '\u007f' || char === '\b' ? typed.slice(0, -1) : typed + char;
      }
    };
    input.setRawMode?.(true);
    input.resume();
    input.on('data', onData);
  });
}

/** Reads a password the same way: asked once without echo on a terminal, else the first line of a pipe. */
export async function readSecret(input: PinInput, output: Writable, question: string): Promise<string> {
  if (!input.isTTY || !input.setRawMode) return readBadge(input, output);
  return askHidden(input, output, question);
}
