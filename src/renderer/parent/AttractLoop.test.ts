import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { kioskStatus, ok, stubKiosk } from '../testing/stub-kiosk';
import { attractSlides } from './attract-slides';
import AttractLoop from './AttractLoop.svelte';
import { packs } from './testing/content-fixture';
import { clearContentCache } from './content-cache';
import { preferReducedMotion } from './testing/section-props';

const IDLE_MS = 30_000;
const INTERVAL_MS = 8_000;
const slides = attractSlides(packs.es);

function showLoop() {
  const api = stubKiosk({
    getKioskStatus: () =>
      ok(kioskStatus({ defaultLanguage: 'es', attractAfterIdleSeconds: 30, attractIntervalSeconds: 8 })),
    getContent: () => ok(packs.es),
  });
  const board = vi.fn();
  const button = document.createElement('button');
  button.textContent = 'Room 1';
  button.addEventListener('click', board);
  document.body.append(button);
  const view = render(AttractLoop);
  return { api, board, button, ...view };
}

const loop = () => screen.queryByRole('dialog');

beforeEach(() => {
  clearContentCache();
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
});

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
});

describe('the attract loop', () => {
  it('uses the let-down slides with the tip cards in place of the slide that opens them', () => {
    expect(slides.map((slide) => slide.id)).not.toContain('letdown-tips');
    expect(slides).toHaveLength(packs.es.letdownSlides.length - 1 + packs.es.tips.length);
    expect(slides[5]).toEqual({ id: 'relax', title: packs.es.tips[0]!.title, body: packs.es.tips[0]!.body });
  });

  it('starts after the quiet time, in the default language, and any touch pushes it back', async () => {
    preferReducedMotion(false);
    const { button } = showLoop();
    await vi.advanceTimersByTimeAsync(IDLE_MS - 1_000);
    await fireEvent.pointerDown(button);
    await vi.advanceTimersByTimeAsync(IDLE_MS - 1_000);
    expect(loop()).toBeNull();

    await vi.advanceTimersByTimeAsync(1_000);
    expect(loop()).toBeTruthy();
    expect(loop()!.getAttribute('lang')).toBe('es');
    expect(screen.getByText('Toque la pantalla para continuar')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe(slides[0]!.title);
  });

  it('rotates one slide at a time and keeps a single slide element however long it runs', async () => {
    preferReducedMotion(false);
    const { container } = showLoop();
    await vi.advanceTimersByTimeAsync(IDLE_MS);
    await vi.advanceTimersByTimeAsync(INTERVAL_MS);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe(slides[1]!.title);

    const elements = container.querySelectorAll('*').length;
    for (let i = 0; i < 300; i += 1) await vi.advanceTimersByTimeAsync(INTERVAL_MS);
    expect(container.querySelectorAll('.slide')).toHaveLength(1);
    expect(container.querySelectorAll('*').length).toBe(elements);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe(slides[301 % slides.length]!.title);
    expect(vi.getTimerCount()).toBe(1);
  });

  it('shows one still slide with reduced motion', async () => {
    preferReducedMotion(true);
    showLoop();
    await vi.advanceTimersByTimeAsync(IDLE_MS);
    expect(loop()).toBeTruthy();
    await vi.advanceTimersByTimeAsync(INTERVAL_MS * 20);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe(slides[0]!.title);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('ends at a touch, and that touch reaches nothing underneath', async () => {
    preferReducedMotion(false);
    const { button, board } = showLoop();
    await vi.advanceTimersByTimeAsync(IDLE_MS);
    expect(loop()).toBeTruthy();

    await fireEvent.pointerDown(button);
    await fireEvent.pointerUp(button);
    await fireEvent.click(button);
    expect(loop()).toBeNull();
    expect(board).not.toHaveBeenCalled();

    // The next touch is an ordinary one again, and the quiet time starts over.
    await fireEvent.click(button);
    expect(board).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(IDLE_MS);
    expect(loop()).toBeTruthy();
  });

  it('ends at a key press, and also when a swipe gives no click', async () => {
    preferReducedMotion(false);
    showLoop();
    await vi.advanceTimersByTimeAsync(IDLE_MS);
    await fireEvent.keyDown(window, { key: 'a' });
    expect(loop()).toBeNull();

    await vi.advanceTimersByTimeAsync(IDLE_MS);
    expect(loop()).toBeTruthy();
    await fireEvent.pointerDown(document.body);
    await fireEvent.pointerUp(document.body);
    expect(loop()).toBeTruthy();
    await vi.advanceTimersByTimeAsync(600);
    expect(loop()).toBeNull();
  });

  it('leaves no timer and no listener behind when the board goes away', async () => {
    preferReducedMotion(false);
    const added = vi.spyOn(window, 'addEventListener');
    const removed = vi.spyOn(window, 'removeEventListener');
    const { unmount } = showLoop();
    await vi.advanceTimersByTimeAsync(IDLE_MS);
    await vi.advanceTimersByTimeAsync(INTERVAL_MS * 3);
    expect(loop()).toBeTruthy();
    unmount();

    expect(vi.getTimerCount()).toBe(0);
    const count = (calls: unknown[][]) => calls.filter(([, , options]) => options !== undefined).length;
    expect(count(added.mock.calls)).toBeGreaterThan(0);
    expect(count(removed.mock.calls)).toBe(count(added.mock.calls));
    added.mockRestore();
    removed.mockRestore();
  });

  it('stays away when the kiosk status cannot be read', async () => {
    preferReducedMotion(false);
    stubKiosk({});
    render(AttractLoop);
    await vi.advanceTimersByTimeAsync(IDLE_MS * 10);
    expect(loop()).toBeNull();
    expect(vi.getTimerCount()).toBe(0);
  });
});
