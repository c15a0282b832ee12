/** The whole parent hub in component tests: a breastfeeding session in Room 2, content from the test packs. */
import { render } from '@testing-library/svelte';
import { vi } from 'vitest';
import { kioskClock } from '../../lib/kiosk-clock.svelte';
import { NOW, ok, STARTED_AT, type StubKiosk } from '../../testing/stub-kiosk';
import ParentHub from '../ParentHub.svelte';
import type { ParentSession } from '../section-types';
import { packs } from './content-fixture';

export const HUB_SESSION: ParentSession = {
  id: '0b7f6a3e-3d5c-4d71-9c1e-2f4b8a6d9e10',
  roomId: 2,
  roomName: 'Room 2',
  kind: 'breastfeeding',
  language: 'en',
  startedAt: STARTED_AT,
};

/** Shows the hub at NOW for the session (changed by `session`), its content answered from the packs by `api`. */
export function renderHub(api: StubKiosk, session: Partial<ParentSession> = {}, onDone = vi.fn()): void {
  api.getContent.mockImplementation(({ language }) => ok(packs[language]));
  kioskClock.sync(NOW);
  render(ParentHub, { session: { ...HUB_SESSION, ...session }, onDone });
}
