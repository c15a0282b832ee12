import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { folderTest as it } from '../testing/temp-database';
import { createFileLogger, LOG_FILE } from './file-logger';

const read = (folder: string, name = LOG_FILE) => readFileSync(join(folder, name), 'utf8');

describe('the kiosk log file', () => {
  it('writes one line per entry at the chosen level and above, with the time, the level and the message', ({
    folder,
  }) => {
    const logger = createFileLogger({ folder: folder.path, level: 'info' });
    logger.debug('not at info');
    logger.info('kiosk core open');
    logger.warn('signIn refused: locked-out');
    logger.error('listRooms: unexpected failure', new TypeError('no rooms'));
    const lines = read(folder.path).split('\n');
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z INFO {2}kiosk core open$/);
    expect(lines[1]).toMatch(/Z WARN {2}signIn refused: locked-out$/);
    expect(lines[2]).toMatch(/Z ERROR listRooms: unexpected failure TypeError: no rooms$/);
    // The stack follows, indented, so one entry reads as one block.
    expect(lines[3]).toMatch(/^ {4}at /);
    expect(read(folder.path)).not.toContain('not at info');
  });

  it('writes debug lines only at debug, and errors at every level', ({ folder }) => {
    const quiet = createFileLogger({ folder: folder.path, level: 'error' });
    quiet.info('an info line');
    quiet.warn('a warning');
    quiet.error('an error', null);
    expect(read(folder.path).trim().split('\n')).toHaveLength(1);
    const chatty = createFileLogger({ folder: folder.path, level: 'debug' });
    chatty.debug('listTimers ok (1 ms)');
    expect(read(folder.path)).toContain('DEBUG listTimers ok (1 ms)');
  });

  it('hides a value named like a secret wherever it appears', ({ folder }) => {
    const logger = createFileLogger({ folder: folder.path });
    logger.error('sign-in failed', new Error('bad input {"staffNumber":"12","pin":"4826"} token=abcDEF123'));
    const text = read(folder.path);
    expect(text).not.toContain('4826');
    expect(text).not.toContain('abcDEF123');
    expect(text).toContain('"pin":"[hidden]');
  });

  it('rolls over past its size and keeps only the newest files', ({ folder }) => {
    const logger = createFileLogger({ folder: folder.path, maxBytes: 1_000, filesKept: 3 });
    for (let line = 0; line < 200; line += 1) logger.info(`entry ${String(line).padStart(4, '0')} ${'x'.repeat(40)}`);
    const files = readdirSync(folder.path).sort();
    expect(files).toEqual(['kiosk.1.log', 'kiosk.2.log', 'kiosk.3.log', 'kiosk.log']);
    for (const file of files) expect(statSync(join(folder.path, file)).size).toBeLessThan(1_200);
    // The newest entry is in kiosk.log, the ones before it in kiosk.1.log; the oldest are gone.
    expect(read(folder.path)).toContain('entry 0199');
    expect(read(folder.path, 'kiosk.1.log')).not.toContain('entry 0199');
    expect(files.map((file) => read(folder.path, file)).join('')).not.toContain('entry 0000');
  });

  it('is readable by the kiosk user only, even when the file existed before', ({ folder }) => {
    writeFileSync(join(folder.path, LOG_FILE), '', { mode: 0o644 });
    const logger = createFileLogger({ folder: folder.path });
    logger.info('hello');
    expect(statSync(join(folder.path, LOG_FILE)).mode & 0o777).toBe(0o600);
  });
});
