import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { packs } from './testing/content-fixture';
import { SLIDE_MS } from './deck-timing';
import LetdownDeck from './LetdownDeck.svelte';
import { preferReducedMotion, sectionProps } from './testing/section-props';

const slides = packs.en.letdownSlides;
const title = (index: number) => slides[index]!.title;
const heading = () => screen.getByRole('heading', { level: 2 }).textContent;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the let-down deck', () => {
  it('moves on by itself every 20 s, records each slide once, and stops at the last slide', async () => {
    preferReducedMotion(false);
    const { props, record } = sectionProps();
    render(LetdownDeck, props);
    expect(heading()).toBe(title(0));
    expect(screen.getByText(`Slide 1 of ${slides.length}`)).toBeTruthy();

    await vi.advanceTimersByTimeAsync(SLIDE_MS - 1);
    expect(heading()).toBe(title(0));
    await vi.advanceTimersByTimeAsync(1);
    expect(heading()).toBe(title(1));

    await vi.advanceTimersByTimeAsync(SLIDE_MS * (slides.length + 3));
    expect(heading()).toBe(title(slides.length - 1));
    expect(screen.getByRole('button', { name: 'Back to the menu' })).toBeTruthy();

    const viewed = record.mock.calls.filter(([type]) => type === 'slide-viewed').map(([, detail]) => detail);
    expect(viewed).toEqual(slides.map((slide) => ({ slide: slide.id, deck: 'letdown' })));
  });

  it('holds the slide while a finger rests on the screen, then waits a full 20 s again', async () => {
    preferReducedMotion(false);
    const { props } = sectionProps();
    const { container } = render(LetdownDeck, props);
    await vi.advanceTimersByTimeAsync(SLIDE_MS / 2);
    await fireEvent.pointerDown(container.querySelector('.deck')!);
    await vi.advanceTimersByTimeAsync(SLIDE_MS * 3);
    expect(heading()).toBe(title(0));

    await fireEvent.pointerUp(window);
    await vi.advanceTimersByTimeAsync(SLIDE_MS - 1);
    expect(heading()).toBe(title(0));
    await vi.advanceTimersByTimeAsync(1);
    expect(heading()).toBe(title(1));
  });

  it('stays put when paused, and while help covers it', async () => {
    preferReducedMotion(false);
    const { props } = sectionProps();
    const { rerender } = render(LetdownDeck, props);
    await fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    await vi.advanceTimersByTimeAsync(SLIDE_MS * 3);
    expect(heading()).toBe(title(0));
    await fireEvent.click(screen.getByRole('button', { name: 'Play' }));

    await rerender({ ...props, active: false });
    await vi.advanceTimersByTimeAsync(SLIDE_MS * 3);
    expect(heading()).toBe(title(0));
    await rerender({ ...props, active: true });
    await vi.advanceTimersByTimeAsync(SLIDE_MS);
    expect(heading()).toBe(title(1));
  });

  it('never moves by itself with reduced motion: only Next moves it, and there is no Pause', async () => {
    preferReducedMotion(true);
    const { props } = sectionProps();
    render(LetdownDeck, props);
    await vi.advanceTimersByTimeAsync(SLIDE_MS * 10);
    expect(heading()).toBe(title(0));
    expect(screen.queryByRole('button', { name: 'Pause' })).toBeNull();
    expect(vi.getTimerCount()).toBe(0);

    await fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(heading()).toBe(title(1));
  });

  it('opens the seven tips from the tips slide, then goes on to D-MER', async () => {
    preferReducedMotion(true);
    const { props, record, onscreen } = sectionProps();
    render(LetdownDeck, props);
    const tipsAt = slides.findIndex((slide) => slide.kind === 'tips');
    for (let i = 0; i < tipsAt; i += 1) await fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await fireEvent.click(screen.getByRole('button', { name: 'See the seven tips' }));

    expect(heading()).toBe(packs.en.tips[0]!.title);
    expect(screen.getByText('Tip 1 of 7')).toBeTruthy();
    expect(onscreen).toHaveBeenLastCalledWith(`tip:${packs.en.tips[0]!.id}`);
    for (let i = 0; i < 6; i += 1) await fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByText('Tip 7 of 7')).toBeTruthy();
    await fireEvent.click(screen.getByRole('button', { name: 'Back to the slides' }));

    expect(slides[tipsAt + 1]!.kind).toBe('d-mer');
    expect(heading()).toBe(title(tipsAt + 1));
    expect(record).toHaveBeenCalledWith('slide-viewed', { slide: 'warmth', deck: 'tips' });
  });

  it('cleans up its timer when it goes away', async () => {
    preferReducedMotion(false);
    const { props } = sectionProps();
    const { unmount } = render(LetdownDeck, props);
    expect(vi.getTimerCount()).toBe(1);
    unmount();
    expect(vi.getTimerCount()).toBe(0);
  });
});
