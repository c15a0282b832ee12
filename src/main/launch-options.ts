import { ManualClock } from './core/clock';
/** How this run of the shell was asked to behave. Pure: the caller passes app.isPackaged and process.argv. */
export const KIOSK_FLAG = '--kiosk';

/** Fullscreen, locked kiosk when packaged, or when a developer asks for it with --kiosk; a normal window otherwise. */
export function isKioskMode(isPackaged: boolean, argv: readonly string[]): boolean {
  return isPackaged || argv.includes(KIOSK_FLAG);
}

/**
 * End-to-end tests fix the kiosk's clock with KIOSK_FIXED_TIME (an ISO time), as they do for the browser bridge.
 * Honoured only in an unpackaged app: an installed kiosk always runs on the real clock.
 */
export function testClockFromEnvironment(isPackaged: boolean, env: NodeJS.ProcessEnv): ManualClock | undefined {
  const fixed = env.KIOSK_FIXED_TIME;
  if (isPackaged || !fixed) return undefined;
  const time = Date.parse(fixed);
  if (Number.isNaN(time)) throw new Error(`KIOSK_FIXED_TIME is not a date: ${fixed}`);
  return new ManualClock(time);
}
