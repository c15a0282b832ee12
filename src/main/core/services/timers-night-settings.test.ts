import { expect } from 'vitest';
import { writeSetting } from '../repositories/settings-repository';
import { loadSettings, saveSettings } from './settings-service';
import { call, timerTest } from '../testing/timers-kit';

/** The night theme schedule and the chime volumes the timer screens use. */

timerTest(
  'defaults to a 21:00–07:00 night, chime 60 by day and 25 at night, and tells the renderer',
  async ({ core }) => {
    expect(await call(core, 'getKioskStatus', {})).toMatchObject({
      nightSchedule: { start: '21:00', end: '07:00' },
      chimeVolume: 60,
      nightChimeVolume: 25,
    });
  },
);

timerTest('stores valid changes and refuses invalid ones without writing', async ({ core }) => {
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

timerTest('falls back to the defaults for stored values that no longer fit', ({ core }) => {
  writeSetting(core.db, 'nightSchedule', { start: 'dusk', end: 'dawn' });
  writeSetting(core.db, 'nightChimeVolume', 250);
  expect(loadSettings(core.db)).toMatchObject({
    nightSchedule: { start: '21:00', end: '07:00' },
    nightChimeVolume: 25,
  });
});
