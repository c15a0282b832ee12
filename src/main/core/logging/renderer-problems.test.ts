import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { createRendererProblems, PROBLEMS_PER_MINUTE } from './renderer-problems';

function recorder() {
  const errors: string[] = [];
  const warnings: string[] = [];
  return {
    errors,
    warnings,
    logger: {
      error: (message: string, detail: unknown) => errors.push(`${message}${detail ? ` | ${String(detail)}` : ''}`),
      warn: (message: string) => warnings.push(message),
    },
  };
}

describe('problems the screen reports', () => {
  it('are written as errors with digit runs and named secrets hidden, line numbers kept', () => {
    const log = recorder();
    const problems = createRendererProblems(log.logger, new ManualClock(0));
    problems.report({
      kind: 'error',
      message: 'TypeError: cannot read pin=2468 of 5551234',
      where: 'app://kiosk/assets/index.js:12:345',
      stack: 'at submit (index.js:12:345) badge: B0012345',
      screen: 'keypad',
    });
    expect(log.errors).toEqual([
      'renderer problem (error on keypad): TypeError: cannot read pin=[hidden] of [digits] at app://kiosk/assets/index.js:12:345 | at submit (index.js:12:345) badge: [hidden]',
    ]);
  });

  it(`keep ${PROBLEMS_PER_MINUTE} a minute and count the rest`, () => {
    const log = recorder();
    const clock = new ManualClock(0);
    const problems = createRendererProblems(log.logger, clock);
    const answers = Array.from({ length: PROBLEMS_PER_MINUTE + 5 }, () =>
      problems.report({ kind: 'unhandled-rejection', message: 'again' }),
    );
    expect(answers.filter(Boolean)).toHaveLength(PROBLEMS_PER_MINUTE);
    expect(log.errors).toHaveLength(PROBLEMS_PER_MINUTE);
    clock.advance(60_000);
    expect(problems.report({ kind: 'error', message: 'a new minute' })).toBe(true);
    expect(log.warnings).toEqual(['renderer problem: 5 more in the last minute were not written']);
  });
});
