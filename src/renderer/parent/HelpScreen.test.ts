import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HelpCallView } from '../../shared/domain';
import { formatClockTime } from '../lib/i18n/format';
import { locale } from '../lib/i18n/locale.svelte';
import { ok, stubKiosk } from '../testing/stub-kiosk';
import HelpScreen from './HelpScreen.svelte';
import { packs } from './testing/content-fixture';

const SESSION = '5b0c8f5e-1d2a-4c3b-9e8f-0a1b2c3d4e5f';
const RAISED = Date.UTC(2026, 5, 1, 3, 10);
const TOLD = Date.UTC(2026, 5, 1, 3, 12);
const call = (toldAt: number | null): HelpCallView => ({
  callId: 4,
  roomName: 'Room 2',
  raisedAt: RAISED,
  toldAt,
  answeredAt: null,
});
const contact = { helpText: '', nurseCall: 'extension' as const, phoneExtension: '4417' };

function show(canCall: boolean) {
  return render(HelpScreen, { help: packs.en.help, contact, sessionId: SESSION, canCall });
}

afterEach(() => vi.useRealTimers());

describe('"Call a nurse" on a fleet kiosk', () => {
  it('keeps the extension on screen until the nurses’ station has the call, then says when it was told', async () => {
    let told: number | null = null;
    const api = stubKiosk({ raiseHelpCall: () => ok(call(null)), getHelpCall: () => ok(call(told)) });
    show(true);
    await fireEvent.click(screen.getByRole('button', { name: 'Call a nurse' }));
    expect(api.raiseHelpCall).toHaveBeenCalledWith({ sessionId: SESSION, screen: 'help' });
    await screen.findByTestId('help-call-waiting');
    // Not yet told: the way to reach a nurse stays, and nothing says anyone was told.
    expect(screen.getByTestId('nurse-call').textContent).toContain('4417');
    expect(document.body.textContent).not.toMatch(/was told/);

    told = TOLD;
    const line = await screen.findByTestId('help-call-told', {}, { timeout: 3_000 });
    expect(line.textContent?.trim()).toBe(`The nurses’ station was told at ${formatClockTime(TOLD, 'en').text}.`);
    await waitFor(() => expect(screen.queryByTestId('nurse-call')).toBeNull());
    // Told is not "on the way": the extension stays one line away.
    expect(screen.getByTestId('help-call-fallback').textContent).toMatch(
      /If nobody comes soon:\s+Call the nurses’ station: ext\. 4417/,
    );
  });

  it('says in Spanish when it was told', async () => {
    locale.set('es');
    stubKiosk({ raiseHelpCall: () => ok(call(TOLD)) });
    render(HelpScreen, { help: packs.es.help, contact, sessionId: SESSION, canCall: true });
    await fireEvent.click(screen.getByRole('button', { name: 'Llamar a una enfermera' }));
    const line = await screen.findByTestId('help-call-told');
    expect(line.textContent?.trim()).toBe(
      `Se avisó al puesto de enfermería a las ${formatClockTime(TOLD, 'es').text}.`,
    );
    locale.set('en');
  });

  it('offers no call button on a kiosk in no fleet: the screen calls nobody there', () => {
    stubKiosk({});
    show(false);
    expect(screen.queryByRole('button', { name: 'Call a nurse' })).toBeNull();
    expect(screen.getByTestId('nurse-call').textContent).toContain('4417');
  });
});
