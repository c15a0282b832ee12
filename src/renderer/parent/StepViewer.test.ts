import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { SWIPE_MIN_PX, swipeBetween } from './swipe';
import StepViewerHarness from './testing/StepViewerHarness.svelte';

function show(props: { count?: number; finish?: () => void } = {}) {
  const onfinish = props.finish;
  return render(StepViewerHarness, {
    count: props.count ?? 3,
    ...(onfinish ? { finishLabel: 'All done', onfinish } : {}),
  });
}

const next = () => screen.getByRole('button', { name: 'Next' });
const previous = () => screen.getByRole('button', { name: 'Previous' });

/** A finger moved sideways across the page by `dx` pixels. */
async function swipe(dx: number, dy = 0): Promise<void> {
  const area = screen.getByText(/^Page \d$/).parentElement!;
  await fireEvent.pointerDown(area, { pointerId: 1, isPrimary: true, clientX: 400, clientY: 300 });
  await fireEvent.pointerUp(area, { pointerId: 1, isPrimary: true, clientX: 400 + dx, clientY: 300 + dy });
}

describe('StepViewer', () => {
  it('starts on the first page with Previous disabled, and goes forward and back with the buttons', async () => {
    show();
    expect(screen.getByText('Page 1')).toBeTruthy();
    expect(screen.getByText('where 1')).toBeTruthy();
    expect(previous().hasAttribute('disabled')).toBe(true);

    await fireEvent.click(next());
    expect(screen.getByText('Page 2')).toBeTruthy();
    expect(previous().hasAttribute('disabled')).toBe(false);

    await fireEvent.click(previous());
    expect(screen.getByText('Page 1')).toBeTruthy();
  });

  it('never goes past the last page, and Previous never before the first', async () => {
    show();
    await fireEvent.click(previous());
    expect(screen.getByText('Page 1')).toBeTruthy();
    for (let i = 0; i < 5; i += 1) await fireEvent.click(next());
    expect(screen.getByText('Page 3')).toBeTruthy();
    expect(next().hasAttribute('disabled')).toBe(true);
  });

  it('turns Next into the finish button on the last page', async () => {
    const finish = vi.fn();
    show({ finish });
    expect(screen.queryByRole('button', { name: 'All done' })).toBeNull();
    await fireEvent.click(next());
    await fireEvent.click(next());
    expect(screen.queryByRole('button', { name: 'Next' })).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'All done' }));
    expect(finish).toHaveBeenCalledTimes(1);
  });

  it('moves with swipes, within bounds, and ignores taps and vertical drags', async () => {
    const finish = vi.fn();
    show({ finish });
    await swipe(+200);
    expect(screen.getByText('Page 1')).toBeTruthy();

    await swipe(-200);
    expect(screen.getByText('Page 2')).toBeTruthy();
    await swipe(-(SWIPE_MIN_PX - 1));
    expect(screen.getByText('Page 2')).toBeTruthy();
    await swipe(-100, 150);
    expect(screen.getByText('Page 2')).toBeTruthy();

    await swipe(-200);
    await swipe(-200);
    expect(screen.getByText('Page 3')).toBeTruthy();
    // A swipe past the end does not finish: only the button does.
    expect(finish).not.toHaveBeenCalled();

    await swipe(+200);
    expect(screen.getByText('Page 2')).toBeTruthy();
  });
});

describe('swipeBetween', () => {
  it('reads left, right or nothing', () => {
    expect(swipeBetween(300, 0, 200, 10)).toBe('left');
    expect(swipeBetween(200, 0, 300, -10)).toBe('right');
    expect(swipeBetween(200, 0, 250, 0)).toBeNull();
    expect(swipeBetween(200, 0, 300, 90)).toBeNull();
  });
});
