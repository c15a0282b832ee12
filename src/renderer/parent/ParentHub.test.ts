import { fireEvent, screen, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Language } from '../../shared/domain';
import { locale } from '../lib/i18n/locale.svelte';
import { fails, kioskStatus, NOW, ok, stubKiosk } from '../testing/stub-kiosk';
import { clearContentCache } from './content-cache';
import { packs } from './testing/content-fixture';
import { preferReducedMotion } from './testing/section-props';
import { HUB_SESSION, renderHub } from './testing/show-hub';

const CRADLE_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" role="img" aria-labelledby="t"><title id="t">Cradle hold</title><path d="M0 0h10" stroke="currentColor"/></svg>';

function stubHub(overrides: Parameters<typeof stubKiosk>[0] = {}) {
  return stubKiosk({
    getKioskStatus: () => ok(kioskStatus({ nurseCall: 'extension', phoneExtension: '4321' })),
    getIllustrations: () => ok({ 'cradle.svg': CRADLE_SVG }),
    recordSessionEvent: () => ok({ recorded: true as const }),
    endSession: () => ok({ id: HUB_SESSION.id, endedAt: NOW, endReason: 'completed' as const }),
    // Timers: none running.
    listTimers: () => ok([]),
    ...overrides,
  });
}

function showHub(language: Language = 'en', kind = HUB_SESSION.kind) {
  const api = stubHub();
  const onDone = vi.fn();
  renderHub(api, { language, kind }, onDone);
  return { api, onDone };
}

const events = (api: ReturnType<typeof stubHub>) => api.recordSessionEvent.mock.calls.map(([input]) => input);

beforeEach(() => {
  clearContentCache();
  preferReducedMotion(true);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the parent hub', () => {
  it('offers the sections as large tiles, with the room and the time quietly in the header', async () => {
    showHub();
    expect(await screen.findByRole('heading', { name: 'What would you like to do?' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'Room 2' })).toBeTruthy();
    expect(screen.getByText('Your time here: 23 min')).toBeTruthy();
    for (const name of [/^Feeding holds/, /^Help your milk flow/, /^Learn about the let-down/, /^I need help Signs/]) {
      expect(screen.getByRole('button', { name })).toBeTruthy();
    }
    // The timers add theirs through hub-sections.ts.
    expect(screen.getByRole('button', { name: /^Timers Warm compress/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'About this content' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'I’m done' })).toBeTruthy();
  });

  it('puts "Pumping and more" first in a pumping session, with the pumping guide first and the holds kept apart', async () => {
    showHub('en', 'pumping');
    await screen.findByRole('heading', { name: 'What would you like to do?' });
    const tiles = screen.getAllByRole('button').filter((button) => button.classList.contains('tile'));
    expect(tiles[0]?.textContent?.trim()).toMatch(/^Pumping and more/);
    await fireEvent.click(tiles[0]!);
    const names = screen.getAllByRole('button').map((button) => button.textContent?.trim());
    expect(names).toContain('Pumping your milk');
    expect(names.indexOf('Pumping your milk')).toBeLessThan(names.indexOf('Your feelings after birth'));
    expect(names).not.toContain('Cradle hold');
    await fireEvent.click(screen.getByRole('button', { name: 'Pumping your milk' }));
    expect(screen.getByRole('heading', { level: 2, name: 'Pumping your milk' })).toBeTruthy();
  });

  it('keeps the holds first in a breastfeeding session', async () => {
    showHub();
    await screen.findByRole('heading', { name: 'What would you like to do?' });
    const tiles = screen.getAllByRole('button').filter((button) => button.classList.contains('tile'));
    expect(tiles[0]?.textContent?.trim()).toMatch(/^Feeding holds/);
    await fireEvent.click(tiles[0]!);
    expect(screen.queryByRole('button', { name: 'Pumping your milk' })).toBeNull();
  });

  it('opens the session in its own language', async () => {
    showHub('es');
    expect(await screen.findByRole('heading', { name: '¿Qué desea hacer?' })).toBeTruthy();
    expect(locale.language).toBe('es');
  });

  it('steps through a guide with its named drawing, and records the opening once', async () => {
    const { api } = showHub();
    await fireEvent.click(await screen.findByRole('button', { name: /^Feeding holds/ }));
    await fireEvent.click(screen.getByRole('button', { name: 'Cradle hold' }));

    expect(screen.getByRole('heading', { level: 2, name: 'Cradle hold' })).toBeTruthy();
    const drawing = screen.getByRole('img', { name: 'Drawing: Cradle hold' });
    // The file's own English title is gone; the drawing itself is hidden, its wrapper names it.
    expect(drawing.querySelector('title')).toBeNull();
    expect(drawing.querySelector('svg')?.getAttribute('aria-hidden')).toBe('true');
    expect(screen.getByText('Before you start')).toBeTruthy();

    await fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByText('Step 1 of 5')).toBeTruthy();
    expect(screen.getByText(packs.en.guides[0]!.steps[0]!.text)).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByText('Step 2 of 5')).toBeTruthy();

    expect(events(api)).toEqual([{ sessionId: HUB_SESSION.id, type: 'guide-viewed', detail: { guide: 'cradle' } }]);
  });

  it('asks for help from any screen, recording where from, and shows the hospital’s way to reach a nurse', async () => {
    const { api } = showHub();
    await fireEvent.click(await screen.findByRole('button', { name: /^Feeding holds/ }));
    await fireEvent.click(screen.getByRole('button', { name: 'Signs of a good latch' }));
    await fireEvent.click(screen.getByRole('button', { name: 'I need help' }));

    expect(screen.getByRole('heading', { name: packs.en.help.title })).toBeTruthy();
    expect(screen.getByText('Press the call button.')).toBeTruthy();
    expect(screen.getByText('Call the nurses’ station: ext. 4321')).toBeTruthy();
    expect(screen.getByText('This screen does not call a nurse by itself.')).toBeTruthy();
    expect(screen.getByText(packs.en.help.baby.signs[0]!)).toBeTruthy();
    expect(events(api).at(-1)).toEqual({
      sessionId: HUB_SESSION.id,
      type: 'help-requested',
      detail: { from: 'guide:good-latch' },
    });

    // Back returns to the guide, where it was.
    await fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(screen.getByRole('heading', { level: 2, name: 'Signs of a good latch' })).toBeTruthy();
  });

  it('switches every word and content item to Spanish mid-guide, and records the switch', async () => {
    const { api } = showHub();
    await fireEvent.click(await screen.findByRole('button', { name: /^Feeding holds/ }));
    await fireEvent.click(screen.getByRole('button', { name: 'Football hold' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Next' }));

    await fireEvent.click(
      within(screen.getByRole('group', { name: 'Language' })).getByRole('button', { name: 'Español' }),
    );
    const football = packs.es.guides.find((guide) => guide.id === 'football')!;
    expect(await screen.findByRole('heading', { level: 2, name: football.title })).toBeTruthy();
    expect(screen.getByText('Paso 1 de 4')).toBeTruthy();
    expect(screen.getByText(football.steps[0]!.text)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Necesito ayuda' })).toBeTruthy();
    expect(api.getContent).toHaveBeenCalledWith({ language: 'es' });
    expect(events(api).at(-1)).toEqual({
      sessionId: HUB_SESSION.id,
      type: 'language-changed',
      detail: { from: 'en', to: 'es' },
    });
  });

  it('never shows a failure to record, and keeps working', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { api } = showHub();
    api.recordSessionEvent.mockImplementation(() => fails('storage-unavailable'));
    await fireEvent.click(await screen.findByRole('button', { name: /^Feeding holds/ }));
    await fireEvent.click(screen.getByRole('button', { name: 'Cradle hold' }));
    expect(screen.getByRole('heading', { level: 2, name: 'Cradle hold' })).toBeTruthy();
    await vi.waitFor(() => expect(warn).toHaveBeenCalled());
    expect(screen.queryByText(/save or read/)).toBeNull();
    warn.mockRestore();
  });

  it('shows "About this content" with its sources, date and review note', async () => {
    showHub();
    await fireEvent.click(await screen.findByRole('button', { name: 'About this content' }));
    expect(screen.getByRole('heading', { level: 2, name: 'About this content' })).toBeTruthy();
    expect(screen.getByText('Written on November 29, 2026.')).toBeTruthy();
    expect(screen.getByText(packs.en.about.reviewNote)).toBeTruthy();
    expect(screen.getByText('d-mer.org')).toBeTruthy();
  });
});

describe('“I’m done”', () => {
  it('asks first; No, Escape and a second Tab keep the session, with the focus held in the dialog', async () => {
    const { api, onDone } = showHub();
    const done = await screen.findByRole('button', { name: 'I’m done' });
    await fireEvent.click(done);
    const dialog = screen.getByRole('alertdialog', { name: 'End your session?' });
    expect(within(dialog).getByText('The room will be cleaned for the next person.')).toBeTruthy();
    const no = within(dialog).getByRole('button', { name: 'No, stay here' });
    const yes = within(dialog).getByRole('button', { name: 'Yes, end my session' });
    expect(document.activeElement).toBe(no);
    // The rest of the hub is inert (jsdom has no `inert`, so the property Svelte sets is what can be read here).
    expect((document.querySelector('.parent') as HTMLElement & { inert?: boolean }).inert).toBe(true);

    // Tab past the last button comes round to the first, and Shift+Tab before the first to the last.
    await fireEvent.keyDown(window, { key: 'Tab' });
    expect(document.activeElement).toBe(yes);
    await fireEvent.keyDown(window, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(no);
    done.focus();
    await fireEvent.keyDown(window, { key: 'Tab' });
    expect(document.activeElement).toBe(yes);

    await fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(api.endSession).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(document.activeElement).toBe(done));

    await fireEvent.click(done);
    await fireEvent.click(screen.getByRole('button', { name: 'No, stay here' }));
    expect(api.endSession).not.toHaveBeenCalled();
    expect(onDone).not.toHaveBeenCalled();
  });

  it('Yes ends the session as completed, then hands back', async () => {
    const { api, onDone } = showHub();
    await fireEvent.click(await screen.findByRole('button', { name: 'I’m done' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Yes, end my session' }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalledTimes(1));
    expect(api.endSession).toHaveBeenCalledWith({ sessionId: HUB_SESSION.id, reason: 'completed' });
  });

  it('says kindly when the session could not be ended, and stays', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { api, onDone } = showHub();
    api.endSession.mockImplementation(() => fails('storage-unavailable'));
    await fireEvent.click(await screen.findByRole('button', { name: 'I’m done' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Yes, end my session' }));
    expect(
      await screen.findByText('The session could not be ended. Please try again, or tell your nurse.'),
    ).toBeTruthy();
    expect(onDone).not.toHaveBeenCalled();
    warn.mockRestore();
  });
});
