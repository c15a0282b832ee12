import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { describe, expect, it } from 'vitest';
import { locale } from '../../lib/i18n/locale.svelte';
import KeyboardHarness from './testing/KeyboardHarness.svelte';

const keyboard = () => screen.queryByRole('group', { name: /keyboard|teclado/i });
const key = (name: string) => {
  const keys = keyboard();
  if (!keys) throw new Error('the keyboard is not open');
  return within(keys).getByRole('button', { name });
};
const values = () => screen.getByTestId('values').textContent;

async function focus(label: string): Promise<HTMLInputElement> {
  const field = screen.getByLabelText(label) as HTMLInputElement;
  // A tap: the field takes the focus, then the click.
  field.focus();
  await fireEvent.click(field);
  await tick();
  return field;
}

async function tap(...names: string[]): Promise<void> {
  for (const name of names) await fireEvent.click(key(name));
}

describe('the on-screen keyboard', () => {
  it('opens when a text field takes the focus and types into it, capital first, through the field’s binding', async () => {
    render(KeyboardHarness);
    expect(keyboard()).toBeNull();
    const field = await focus('Room name');
    expect(keyboard()).not.toBeNull();
    // An empty field starts with a capital, then shift lets go.
    expect(key('Shift: capital letters').getAttribute('aria-pressed')).toBe('true');
    await tap('S', 'a', 'l', 'a', 'Space', 'ñ', 'ü', 'á', 'é', 'í', 'ó', 'ú');
    expect(field.value).toBe('Sala ñüáéíóú');
    expect(values()).toBe('Sala ñüáéíóú||');
  });

  it('has the Spanish letters and marks, in capitals and small letters', async () => {
    render(KeyboardHarness);
    await focus('Room name');
    for (const letter of ['Ñ', 'Á', 'É', 'Í', 'Ó', 'Ú', 'Ü', '¿', '¡']) expect(key(letter)).toBeTruthy();
    // The empty field opened with shift on: a second tap locks capitals, a third lets go.
    await tap('Shift: capital letters', 'Caps lock on');
    for (const letter of ['ñ', 'á', 'é', 'í', 'ó', 'ú', 'ü']) expect(key(letter)).toBeTruthy();
  });

  it('shift once, caps lock on the second tap, off on the third', async () => {
    render(KeyboardHarness);
    const field = await focus('Room name');
    await tap('S', 'a');
    await tap('Shift: capital letters', 'Shift: capital letters');
    expect(key('Caps lock on').getAttribute('aria-pressed')).toBe('true');
    await tap('L', 'A');
    await tap('Caps lock on');
    await tap('a');
    expect(field.value).toBe('SaLAa');
  });

  it('deletes the letter before the caret, a selection, and never types past maxlength', async () => {
    render(KeyboardHarness);
    const field = await focus('Room name');
    await tap('R', 'o', 's', 'a');
    await tap('Delete the last letter');
    expect(field.value).toBe('Ros');
    field.setSelectionRange(0, 1);
    await tap('Shift: capital letters', 'N');
    expect(field.value).toBe('Nos');
    // Caret in the middle: the letter goes there.
    field.setSelectionRange(1, 1);
    await tap('i');
    expect(field.value).toBe('Nios');
    await tap('1', '2', '3', '4', '5', '6', '7', '8', '9', '0');
    expect(field.value).toHaveLength(12);
    expect(values()).toBe(`${field.value}||`);
  });

  it('gives a PIN field the digit keypad, and leaves a field with its own keypad alone', async () => {
    render(KeyboardHarness);
    await focus('PIN');
    expect(within(keyboard() as HTMLElement).queryByRole('button', { name: 'q' })).toBeNull();
    await tap('1', '2', '3', '4', '5');
    await tap('Delete the last digit');
    expect(values()).toBe('|1234|');
    await tap('Clear');
    expect(values()).toBe('||');

    await focus('Staff number');
    expect(keyboard()).toBeNull();
    await focus('Cleaning step');
    expect(keyboard()).toBeNull();
  });

  it('gives an extension field the digit keypad with + - # * and a space, and no letters or capitals', async () => {
    render(KeyboardHarness);
    await focus('Extension');
    expect(within(keyboard() as HTMLElement).queryByRole('button', { name: 'q' })).toBeNull();
    expect(within(keyboard() as HTMLElement).queryByRole('button', { name: /Shift/ })).toBeNull();
    await tap('+', '4', '4', 'Space', '2', '0', '-', '1', '#', '*');
    expect(screen.getByTestId('extension').textContent).toBe('+44 20-1#*');
  });

  it('a physical keyboard still types into the field while the keys are open', async () => {
    render(KeyboardHarness);
    const field = await focus('Room name');
    await tap('T', 'a');
    await fireEvent.input(field, { target: { value: 'Tap, typed' } });
    await tap('Space', 'y');
    expect(values()).toBe('Tap, typed y||');
  });

  it('does not pop up over the page for a field focused without a tap (Tab, or the screen moving the focus)', async () => {
    render(KeyboardHarness);
    const field = screen.getByLabelText('Room name');
    field.focus();
    await tick();
    expect(keyboard()).toBeNull();
    await fireEvent.click(screen.getByText('Room name'));
    await tick();
    expect(keyboard()).not.toBeNull();
  });

  it('“Done” closes it; tapping the field again opens it', async () => {
    render(KeyboardHarness);
    const field = await focus('Room name');
    await tap('Done');
    expect(keyboard()).toBeNull();
    field.focus();
    await fireEvent.click(field);
    await tick();
    expect(keyboard()).not.toBeNull();
  });

  it('speaks the screen’s language', async () => {
    locale.set('es');
    render(KeyboardHarness);
    await focus('Room name');
    expect(screen.getByRole('group', { name: 'Teclado en pantalla' })).toBeTruthy();
    expect(key('Espacio')).toBeTruthy();
    expect(key('Listo')).toBeTruthy();
  });
});
