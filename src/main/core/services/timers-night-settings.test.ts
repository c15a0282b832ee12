import { afterEach, beforeEach, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import type { KioskCore } from '../kiosk-core';
import { writeSetting } from '../repositories/settings-repository';
import { makeTempFolder } from '../testing/temp-folder';
import { loadSettings, saveSettings } from './settings-service';
import { call, openTestCore, T0 } from './timers-test-kit';

/** The night theme schedule and the chime volumes the timer screens use. */
let folder: ReturnType<typeof makeTempFolder>;
let core: KioskCore;
beforeEach(() => {
  folder = makeTempFolder();
  core = openTestCore(folder.path, new ManualClock(T0));
});
afterEach(() => {
  core.close();
  folder.cleanup();
});

it('defaults to a 21:00–07:00 night, chime 60 by day and 25 at night, and tells the renderer', async () => {
  expect(await call(core, 'getKioskStatus', {})).toMatchObject({
    nightSchedule: { start: '21:00', end: '07:00' },
    chimeVolume: 60,
    nightChimeVolume: 25,
  });
});

it('stores valid changes and refuses invalid ones without writing', async () => {
  saveSettings(core.db, { nightSchedule: { start: '22:30', end: '06:15' }, chimeVolume: 0, nightChimeVolume: 100 });
  expect(await call(core, 'getKioskStatus', {})).toMatchObject({
    nightSchedule: { start: '22:30', end: '06:15' },
    chimeVolume: 0,
    nightChimeVolume: 100,
  });
  for (const nightSchedule of [
    { start: '24:00', end: '06:00' },
    { start: '7:00', end: '19:00' },
    { start: '19:00', end: '19:00' },
  ]) {
    expect(() => saveSettings(core.db, { nightSchedule, chimeVolume: 10 })).toThrow();
  }
  expect(() => saveSettings(core.db, { chimeVolume: 101 })).toThrow();
  expect(loadSettings(core.db)).toMatchObject({ nightSchedule: { start: '22:30', end: '06:15' }, chimeVolume: 0 });
});

it('falls back to the defaults for stored values that no longer fit', () => {
  writeSetting(core.db, 'nightSchedule', { start: 'dusk', end: 'dawn' });
  writeSetting(core.db, 'nightChimeVolume', 250);
  expect(loadSettings(core.db)).toMatchObject({
    nightSchedule: { start: '21:00', end: '07:00' },
    nightChimeVolume: 25,
  });
});
