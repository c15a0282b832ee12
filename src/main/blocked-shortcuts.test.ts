import { describe, expect, it } from 'vitest';
import { judgeShortcut, type KeyInput } from './blocked-shortcuts';

const press = (key: string, mods: Partial<Omit<KeyInput, 'key'>> = {}): KeyInput => ({
  key,
  control: false,
  meta: false,
  shift: false,
  alt: false,
  ...mods,
});
const kiosk = { locked: true, devToolsAllowed: false };
const dev = { locked: false, devToolsAllowed: true };

describe('judgeShortcut', () => {
  it.each([
    ['F5', press('F5')],
    ['Ctrl+R', press('r', { control: true })],
    ['Cmd+R', press('r', { meta: true })],
    ['Ctrl+Shift+R', press('R', { control: true, shift: true })],
    ['Ctrl+F5', press('F5', { control: true })],
    ['Ctrl+Shift+I', press('I', { control: true, shift: true })],
    ['Ctrl+Shift+J', press('J', { control: true, shift: true })],
    ['Ctrl+Shift+C', press('C', { control: true, shift: true })],
    ['Cmd+Alt+I', press('i', { meta: true, alt: true })],
    ['Ctrl+=', press('=', { control: true })],
    ['Ctrl++', press('+', { control: true, shift: true })],
    ['Ctrl+-', press('-', { control: true })],
    ['Ctrl+0', press('0', { control: true })],
    ['Ctrl+numpad plus', press('Add', { control: true, code: 'NumpadAdd' })],
    ['Alt+Left', press('ArrowLeft', { alt: true })],
    ['the browser back key', press('BrowserBack')],
  ])('blocks %s in every mode', (_label, input) => {
    expect(judgeShortcut(input, kiosk)).toBe('block');
    expect(judgeShortcut(input, dev)).toBe('block');
  });

  it.each([
    ['Alt+F4', press('F4', { alt: true })],
    ['Ctrl+W', press('w', { control: true })],
    ['Ctrl+Shift+W', press('W', { control: true, shift: true })],
    ['Cmd+Q', press('q', { meta: true })],
    ['Ctrl+P', press('p', { control: true })],
  ])('blocks %s only when locked', (_label, input) => {
    expect(judgeShortcut(input, kiosk)).toBe('block');
    expect(judgeShortcut(input, dev)).toBe('allow');
  });

  it('turns F12 into a devtools toggle only where devtools are allowed', () => {
    expect(judgeShortcut(press('F12'), kiosk)).toBe('block');
    expect(judgeShortcut(press('F12'), dev)).toBe('toggle-devtools');
  });

  it.each([
    ['a digit on the PIN pad', press('4')],
    ['Enter', press('Enter')],
    ['Backspace', press('Backspace')],
    ['Tab', press('Tab')],
    ['Shift+Tab', press('Tab', { shift: true })],
    ['an arrow key', press('ArrowLeft')],
    ['a capital letter', press('R', { shift: true })],
    ['Escape', press('Escape')],
    ['Ctrl+C (copy)', press('c', { control: true })],
  ])('lets %s through', (_label, input) => {
    expect(judgeShortcut(input, kiosk)).toBe('allow');
  });
});
