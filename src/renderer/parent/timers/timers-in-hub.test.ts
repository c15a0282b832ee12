import { fireEvent, screen, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Language } from '../../../shared/domain';
import { chime } from '../../lib/chime';
import { screenDimmer } from '../../lib/screen-dimmer.svelte';
import { theme } from '../../lib/theme.svelte';
import { kioskStatus, NOW, ok, stubKiosk } from '../../testing/stub-kiosk';
import { clearContentCache } from '../content-cache';
import { packs } from '../testing/content-fixture';
import { preferReducedMotion } from '../testing/section-props';
import { HUB_SESSION, renderHub } from '../testing/show-hub';
import { fakeTimerMain } from './testing/fake-timer-main';
import { timerBoard } from './timer-board.svelte';

function showHub(language: Language = 'en') {
  const api = stubKiosk({
    getKioskStatus: () => ok(kioskStatus({ chimeVolume: 70, nightChimeVolume: 20 })),
    getIllustrations: () => ok({}),
    recordSessionEvent: () => ok({ recorded: true as const }),
  });
  const main = fakeTimerMain(api);
  renderHub(api, { language });
  return { api, main };
}

/** Time passes (main's clock and the page's are the same fake clock). */
async function advance(ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
  await tick();
}

const button = (name: string | RegExp) => screen.getByRole('button', { name });

/** Lets main's answers arrive and the screen update, without time passing. */
async function settle(): Promise<void> {
  for (let round = 0; round < 5; round += 1) await vi.advanceTimersByTimeAsync(0);
  await tick();
}
const digits = () => screen.getByRole('timer').textContent;

/** Content and the section's own chunk load for real; time stands still until something is started. */
async function openTimers(): Promise<void> {
  await vi.waitFor(() => button(/^Timers/));
  await fireEvent.click(button(/^Timers/));
  await vi.waitFor(() => screen.getByRole('heading', { level: 2, name: 'Timers' }), { timeout: 10_000 });
}

async function startWarmCompress(label = 'Warm compress, 5 minutes'): Promise<void> {
  await fireEvent.click(button(new RegExp(`^${label}`)));
  await fireEvent.click(button('I have checked — start the timer'));
  await settle();
}

beforeEach(() => {
  clearContentCache();
  preferReducedMotion(true);
  vi.useFakeTimers({
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'],
    now: NOW,
  });
});

afterEach(() => {
  timerBoard.reset();
  screenDimmer.reset();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('the Timers section', () => {
  it('offers every preset and the session’s own clock, from main’s time', async () => {
    showHub();
    await openTimers();
    for (const preset of packs.en.timerPresets) expect(button(new RegExp(`^${preset.label}`))).toBeTruthy();
    // 23 minutes into the session (main's clock, from getKioskStatus).
    await vi.waitFor(() => screen.getByText(/^23 min 0\d s$/));
  });

  it('starts a warm compress only through its safety step; "Not now" starts nothing', async () => {
    const { api } = showHub();
    await openTimers();
    await fireEvent.click(button(/^Warm compress, 5 minutes/));
    expect(screen.getByRole('heading', { level: 2, name: 'Before you start Warm compress, 5 minutes' })).toBeTruthy();
    expect(screen.getByText('Test it on the inside of your wrist first.')).toBeTruthy();
    expect(screen.getByText('Do not use it on skin that feels numb or has less feeling.')).toBeTruthy();
    expect(screen.getByText('These can be signs of mastitis:')).toBeTruthy();
    expect(screen.getByText('Tell your nurse now.')).toBeTruthy();

    await fireEvent.click(button('Not now'));
    expect(screen.getByRole('heading', { level: 2, name: 'Timers' })).toBeTruthy();
    expect(api.startTimer).not.toHaveBeenCalled();

    await startWarmCompress();
    expect(api.startTimer).toHaveBeenCalledWith({
      sessionId: HUB_SESSION.id,
      presetId: 'warm-compress-5',
      safetyConfirmed: true,
    });
    expect(digits()).toBe('5:00');
  });

  it('shows the cool pack’s own safety notes, wrapped and never on the skin', async () => {
    showHub();
    await openTimers();
    await fireEvent.click(button(/^Cool pack, 10 minutes/));
    expect(screen.getByText('Always wrap it in a cloth. Never put it right on your skin.')).toBeTruthy();
    expect(screen.queryByText('Test it on the inside of your wrist first.')).toBeNull();
  });

  it('counts down from main’s answer between polls, and pauses and resumes through main', async () => {
    const { api } = showHub();
    await openTimers();
    await startWarmCompress();
    await advance(2_000);
    expect(digits()).toBe('4:58');
    await advance(61_000);
    expect(digits()).toBe('3:57');

    await fireEvent.click(button('Pause'));
    await settle();
    expect(api.pauseTimer).toHaveBeenCalledWith({ timerId: 1 });
    await settle();
    expect(button('Resume')).toBeTruthy();
    expect(screen.getByText('Paused')).toBeTruthy();
    await advance(30_000);
    expect(digits()).toBe('3:57');
    await fireEvent.click(button('Resume'));
    await settle();
    expect(button('Pause')).toBeTruthy();
    await advance(7_000);
    expect(digits()).toBe('3:50');
  });

  it('keeps no time of its own: a late answer from main puts the digits right', async () => {
    const { api, main } = showHub();
    await openTimers();
    await startWarmCompress();
    // Main says more time has passed than the page noticed (a busy page, a sleeping machine).
    main.jump(90_000);
    await advance(5_000);
    expect(api.listTimers).toHaveBeenCalled();
    expect(digits()).toBe('3:25');
  });

  it('stops "+1 minute" at the warm compress’s 15-minute limit, saying why', async () => {
    const { api } = showHub();
    await openTimers();
    await startWarmCompress('Warm compress, 10 minutes');
    for (let minute = 0; minute < 5; minute += 1) {
      await settle();
      expect(button('+1 minute').hasAttribute('disabled')).toBe(false);
      await fireEvent.click(button('+1 minute'));
    }
    await settle();
    expect(button('+1 minute').hasAttribute('disabled')).toBe(true);
    expect(api.addMinute).toHaveBeenCalledTimes(5);
    expect(digits()).toBe('15:00');
    const reason = 'This timer can run for at most 15 minutes in total.';
    expect(screen.getByText(reason)).toBeTruthy();
    expect(button('+1 minute').getAttribute('aria-describedby')).toBe(screen.getByText(reason).id);
  });

  it('shows main’s refusal of "+1 minute" kindly', async () => {
    const { api } = showHub();
    await openTimers();
    await startWarmCompress();
    api.addMinute.mockImplementation(() =>
      Promise.resolve({ ok: false, error: { code: 'conflict', message: 'at most 15 minutes' } }),
    );
    await fireEvent.click(button('+1 minute'));
    await settle();
    expect(screen.getByRole('status')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('This timer can run for at most 15 minutes in total.');
  });

  it('asks before stopping; "No, keep it going" keeps it', async () => {
    const { api } = showHub();
    await openTimers();
    await startWarmCompress();
    await fireEvent.click(button('Stop the timer'));
    expect(screen.getByText('Stop this timer?')).toBeTruthy();
    expect(document.activeElement).toBe(button('No, keep it going'));
    await fireEvent.click(button('No, keep it going'));
    expect(api.cancelTimer).not.toHaveBeenCalled();
    await fireEvent.click(button('Stop the timer'));
    await fireEvent.click(button('Yes, stop it'));
    await settle();
    expect(api.cancelTimer).toHaveBeenCalledWith({ timerId: 1 });
    await settle();
    expect(screen.getByRole('heading', { level: 2, name: 'Timers' })).toBeTruthy();
  });
});

describe('a finished timer', () => {
  it('chimes at the day volume, says so out loud, wakes the screen, and stays until "OK, I took it off"', async () => {
    const play = vi.spyOn(chime, 'play').mockImplementation(() => undefined);
    const { api } = showHub();
    await openTimers();
    await startWarmCompress('Warm compress, 2 minutes');
    screenDimmer.dim();
    await advance(120_000);
    await settle();
    expect(screen.getByRole('heading', { level: 2, name: 'Your warm compress is done.' })).toBeTruthy();

    expect(play).toHaveBeenCalledTimes(1);
    expect(play).toHaveBeenCalledWith(70);
    expect(screenDimmer.dimmed).toBe(false);
    const live = document.querySelector('[aria-live="assertive"]');
    expect(live?.textContent).toBe('Your warm compress is done. Take it off now.');
    expect(screen.getByText('Take it off now.')).toBeTruthy();

    // It stays; the chime reminds a few times, a minute apart, then stops.
    await advance(5 * 60_000);
    expect(screen.getByRole('heading', { level: 2, name: 'Your warm compress is done.' })).toBeTruthy();
    expect(play).toHaveBeenCalledTimes(4);

    await fireEvent.click(button('OK, I took it off'));
    await settle();
    expect(api.acknowledgeTimer).toHaveBeenCalledWith({ timerId: 1 });
    await settle();
    expect(screen.getByRole('heading', { level: 2, name: 'Timers' })).toBeTruthy();
    expect(live?.textContent).toBe('');
  });

  it('chimes at the night volume with the night theme on', async () => {
    const play = vi.spyOn(chime, 'play').mockImplementation(() => undefined);
    showHub();
    theme.toggle();
    expect(theme.current).toBe('night');
    await openTimers();
    await fireEvent.click(button(/^Massage warm-up, 1 minute/));
    expect(screen.getByText('It should not hurt. If it hurts, stop.')).toBeTruthy();
    await fireEvent.click(button('Start the timer'));
    await settle();
    expect(screen.getByRole('timer')).toBeTruthy();
    await advance(60_000);
    await settle();
    expect(play).toHaveBeenCalledWith(20);
  });

  it('shows on other screens in the strip, with its own "OK, I took it off"', async () => {
    vi.spyOn(chime, 'play').mockImplementation(() => undefined);
    const { api } = showHub();
    await openTimers();
    await startWarmCompress('Warm compress, 2 minutes');
    await fireEvent.click(button('Back'));
    await fireEvent.click(button('Back'));
    await fireEvent.click(button(/^Feeding holds/));
    const strip = () => screen.getByRole('region', { name: 'Your timers' });
    await advance(30_000);
    expect(within(strip()).getByRole('button', { name: 'Warm compress 1:30 left' })).toBeTruthy();

    await advance(90_000);
    await settle();
    expect(within(strip()).getByText('Your warm compress is done.')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'Feeding holds' })).toBeTruthy();
    await fireEvent.click(within(strip()).getByRole('button', { name: 'OK, I took it off' }));
    await settle();
    expect(api.acknowledgeTimer).toHaveBeenCalledWith({ timerId: 1 });
    await settle();
    expect(screen.queryByRole('region', { name: 'Your timers' })).toBeNull();
  });
});

describe('the strip of running timers', () => {
  it('shows several timers at once on every screen, and opens the one tapped', async () => {
    showHub();
    await openTimers();
    await startWarmCompress();
    await fireEvent.click(button('Back'));
    await fireEvent.click(button(/^Cool pack/));
    await fireEvent.click(button('I have checked — start the timer'));
    await settle();
    expect(screen.getByRole('timer')).toBeTruthy();
    await advance(10_000);
    // The cool pack is shown in full, so the strip lists only the compress.
    const strip = screen.getByRole('region', { name: 'Your timers' });
    expect(
      within(strip)
        .getAllByRole('button')
        .map((chip) => chip.textContent?.trim()),
    ).toEqual(['Warm compress 4:50 left']);
    await fireEvent.click(button('Back'));
    await fireEvent.click(button('Back'));
    await fireEvent.click(button('I need help'));
    expect(within(strip).getAllByRole('button')).toHaveLength(2);
    await fireEvent.click(within(strip).getByRole('button', { name: 'Warm compress 4:50 left' }));
    await settle();
    expect(screen.getByRole('heading', { level: 2, name: 'Warm compress, 5 minutes' })).toBeTruthy();
    expect(digits()).toBe('4:50');
  });
});

describe('the left and right timer', () => {
  it('starts on the side tapped, switches with one tap, and keeps each side’s total', async () => {
    const { api } = showHub();
    await openTimers();
    await fireEvent.click(button(/^Left and right timer/));
    expect(screen.getByText('Tap the side you are starting on.')).toBeTruthy();
    await fireEvent.click(button(/^Left/));
    await settle();
    expect(api.startTimer).toHaveBeenCalledWith({ sessionId: HUB_SESSION.id, presetId: 'left-right', side: 'left' });
    await settle();
    expect(button(/^Left/).getAttribute('aria-pressed')).toBe('true');
    expect(button(/^Left/).textContent).toContain('Timing now');
    await advance(95_000);
    expect(button(/^Left/).textContent).toContain('1:35');

    await fireEvent.click(button(/^Right/));
    await settle();
    expect(api.switchSide).toHaveBeenCalledWith({ timerId: 1 });
    await settle();
    expect(button(/^Right/).getAttribute('aria-pressed')).toBe('true');
    expect(button(/^Left/).getAttribute('aria-pressed')).toBe('false');
    await advance(40_000);
    expect(button(/^Left/).textContent).toContain('1:35');
    expect(button(/^Right/).textContent).toContain('0:40');

    await fireEvent.click(button('Stop'));
    await fireEvent.click(button('Yes, stop it'));
    await vi.waitFor(() => screen.getByText('Stopped. Here is your time on each side.'));
    expect(button(/^Left/).textContent).toContain('1:35');
    expect(button(/^Right/).textContent).toContain('0:40');
  });
});

describe('guides and tips that name a timer', () => {
  it('the warmth tip offers the 5-minute warm compress, through its safety step', async () => {
    const { api } = showHub();
    await vi.waitFor(() => button(/^Help your milk flow/));
    await fireEvent.click(button(/^Help your milk flow/));
    for (let tip = 1; tip < 7; tip += 1) await fireEvent.click(button('Next'));
    await fireEvent.click(button('Start the 5-minute warm compress'));
    await vi.waitFor(() =>
      screen.getByRole('heading', { level: 2, name: 'Before you start Warm compress, 5 minutes' }),
    );
    expect(api.startTimer).not.toHaveBeenCalled();
  });

  it('the hand expression guide offers the massage warm-up, in Spanish too', async () => {
    showHub('es');
    await vi.waitFor(() => button(/^Posiciones para amamantar/));
    await fireEvent.click(button(/^Posiciones para amamantar/));
    await fireEvent.click(button('Extracción a mano'));
    await fireEvent.click(button('Iniciar el masaje previo de 1 minuto'));
    await vi.waitFor(() => screen.getByRole('heading', { level: 2, name: 'Antes de empezar Masaje previo, 1 minuto' }));
    expect(button('Iniciar el temporizador')).toBeTruthy();
  });
});
