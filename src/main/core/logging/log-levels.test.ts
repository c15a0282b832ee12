import { describe, expect, it } from 'vitest';
import { logLevelFromArgs } from './log-levels';

describe('--log-level', () => {
  it('defaults to info and reads both spellings', () => {
    expect(logLevelFromArgs([])).toBe('info');
    expect(logLevelFromArgs(['--data-dir', '/x', '--log-level', 'debug'])).toBe('debug');
    expect(logLevelFromArgs(['--log-level=warn'])).toBe('warn');
  });

  it('refuses an unknown or missing level with the choices', () => {
    expect(() => logLevelFromArgs(['--log-level', 'verbose'])).toThrow(
      '--log-level must be one of error, warn, info, debug (got "verbose").',
    );
    expect(() => logLevelFromArgs(['--log-level'])).toThrow('(got nothing)');
    expect(() => logLevelFromArgs(['--log-level='])).toThrow('(got "")');
  });
});
