/** The room board's attract-loop settings: defaults, bounds, and that the board can read them. */
import { expect } from 'vitest';
import { coreTest as it } from '../testing/temp-database';
import { loadSettings, saveSettings } from './settings-service';

it('starts after 60 quiet seconds and shows each slide for 12 seconds by default', ({ core }) => {
  expect(loadSettings(core.db)).toMatchObject({ attractAfterIdleSeconds: 60, attractIntervalSeconds: 12 });
});

it('keeps the slide interval between 6 and 120 seconds, changing nothing when out of bounds', ({ core }) => {
  saveSettings(core.db, { attractIntervalSeconds: 6, attractAfterIdleSeconds: 15 });
  expect(loadSettings(core.db)).toMatchObject({ attractIntervalSeconds: 6, attractAfterIdleSeconds: 15 });
  for (const bad of [5, 121, 12.5]) {
    expect(() => saveSettings(core.db, { attractIntervalSeconds: bad })).toThrow();
  }
  expect(() => saveSettings(core.db, { attractAfterIdleSeconds: 14 })).toThrow();
  expect(loadSettings(core.db)).toMatchObject({ attractIntervalSeconds: 6, attractAfterIdleSeconds: 15 });
});

it('tells the board through getKioskStatus, which needs no sign-in', async ({ core }) => {
  saveSettings(core.db, { attractIntervalSeconds: 20 });
  const status = await core.dispatch('getKioskStatus', {});
  expect(status).toMatchObject({ ok: true, value: { attractAfterIdleSeconds: 60, attractIntervalSeconds: 20 } });
});
