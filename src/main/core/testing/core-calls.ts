import { openKioskCore, type KioskCore } from '../kiosk-core';

/** Calls a core method as a screen does and answers its value; a refusal fails the test with its code and message. */
export async function callCore<T>(core: KioskCore, method: string, input?: unknown): Promise<T> {
  const result = await core.dispatch(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** Signs a staff member in and answers their staff token. */
export async function signInToken(core: KioskCore, staffNumber: string, pin: string): Promise<string> {
  return (await callCore<{ staffToken: string }>(core, 'signIn', { staffNumber, pin })).staffToken;
}

/** First-run setup with one room, "Room 1", and one admin, Ana: staff number 100, PIN 1234. */
export async function setUpWard(core: KioskCore, kioskName = 'Ward'): Promise<void> {
  await callCore(core, 'completeSetup', { kioskName, rooms: ['Room 1'], admin: { displayName: 'Ana', pin: '1234' } });
}

/** A data folder holding a kiosk set up by setUpWard and closed again, for tools that open it themselves. */
export async function setUpWardIn(dataFolder: string): Promise<void> {
  const core = openKioskCore({ dataFolder });
  try {
    await setUpWard(core);
  } finally {
    core.close();
  }
}
