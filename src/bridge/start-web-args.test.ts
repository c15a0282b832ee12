import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseStartWebArgs } from './start-web-args';

const defaults = { dataFolder: '/repo/.kiosk-data', rendererDir: '/repo/out/renderer' };

describe('start:web arguments', () => {
  it('defaults to an ephemeral port, the repo data folder and a build', () => {
    expect(parseStartWebArgs([], {}, defaults)).toEqual({
      port: 0,
      dataFolder: '/repo/.kiosk-data',
      rendererDir: '/repo/out/renderer',
      build: true,
      logLevel: 'info',
    });
  });

  it('reads every flag, in both spellings', () => {
    expect(
      parseStartWebArgs(
        ['--port', '8123', '--data-dir=/tmp/k', '--renderer-dir', '/tmp/r', '--no-build', '--log-level=debug'],
        {},
        defaults,
      ),
    ).toEqual({ port: 8123, dataFolder: '/tmp/k', rendererDir: '/tmp/r', build: false, logLevel: 'debug' });
  });

  it('takes the data folder from KIOSK_DATA_DIR when no flag names one', () => {
    expect(parseStartWebArgs([], { KIOSK_DATA_DIR: 'rel/data' }, defaults).dataFolder).toBe(resolve('rel/data'));
  });

  it.each([
    [['--port', 'abc'], /--port must be a number/],
    [['--log-level', 'loud'], /--log-level must be one of error, warn, info, debug/],
    [['--port', '70000'], /--port must be a number/],
    [['--port', '-1'], /--port must be a number/],
    [['--port'], /--port needs a value/],
    [['--data-dir'], /--data-dir needs a value/],
    [['--verbose'], /unknown argument "--verbose"/],
    [['stray'], /unknown argument "stray"/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseStartWebArgs(argv, {}, defaults)).toThrow(message);
  });
});
