import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KioskApi } from '../../shared/contract';
import { installProblemReporter } from './problem-reporter';

describe('the screen reports its own failures', () => {
  let stop = () => undefined as void;
  afterEach(() => stop());

  it('sends an uncaught error and an unhandled rejection to main, within the API limits', async () => {
    const reportProblem = vi.fn(() => Promise.resolve({ ok: true as const, value: { logged: true } }));
    window.kiosk = { reportProblem } as unknown as KioskApi;
    stop = installProblemReporter(window);
    window.dispatchEvent(
      new ErrorEvent('error', { error: new TypeError('x'.repeat(600)), filename: 'app.js', lineno: 3, colno: 9 }),
    );
    const rejection = new Event('unhandledrejection') as Event & { reason?: unknown };
    rejection.reason = 'timer not read';
    window.dispatchEvent(rejection);
    await Promise.resolve();
    expect(reportProblem).toHaveBeenCalledTimes(2);
    const [first, second] = reportProblem.mock.calls.map((call) => (call as unknown[])[0]) as Array<{
      kind: string;
      message: string;
      where?: string;
    }>;
    expect(first).toMatchObject({ kind: 'error', where: 'app.js:3:9' });
    expect(first!.message).toHaveLength(500);
    expect(second).toEqual({ kind: 'unhandled-rejection', message: 'timer not read' });
  });

  it('does not report Chromium’s ResizeObserver loop notice, which is no failure', async () => {
    const reportProblem = vi.fn(() => Promise.resolve({ ok: true as const, value: { logged: true } }));
    window.kiosk = { reportProblem } as unknown as KioskApi;
    stop = installProblemReporter(window);
    const notice = 'ResizeObserver loop completed with undelivered notifications.';
    window.dispatchEvent(new ErrorEvent('error', { message: notice }));
    window.dispatchEvent(new ErrorEvent('error', { message: 'Script error.' }));
    await Promise.resolve();
    expect(reportProblem).toHaveBeenCalledTimes(1);
    expect((reportProblem.mock.calls[0] as unknown[])[0]).toMatchObject({ message: 'Script error.' });
  });
});
