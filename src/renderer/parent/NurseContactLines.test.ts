import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { locale } from '../lib/i18n/locale.svelte';
import NurseContactLines from './NurseContactLines.svelte';
import type { NurseContact } from './section-types';

const wayText = () => screen.getByTestId('nurse-call').textContent?.trim();
const show = (contact: NurseContact) => render(NurseContactLines, { action: 'Tell your nurse now.', contact });

describe('how to reach a nurse, on every help block', () => {
  it('gives the nurses’ station extension, large, when the room has a phone', () => {
    show({ helpText: '', nurseCall: 'extension', phoneExtension: '4417' });
    expect(wayText()).toBe('Call the nurses’ station: ext. 4417');
  });

  it('tells the parent to press the call button when that is the way, in Spanish too', () => {
    locale.set('es');
    show({ helpText: 'O pregunte en recepción.', nurseCall: 'call-button', phoneExtension: '4417' });
    expect(wayText()).toBe('Oprima el botón de llamada junto a su sillón.');
    expect(screen.getByText('O pregunte en recepción.')).toBeTruthy();
  });

  it('never suggests that anyone was told: it says the screen calls nobody by itself', () => {
    for (const language of ['en', 'es'] as const) {
      locale.set(language);
      const { container, unmount } = show({ helpText: '', nurseCall: 'call-button', phoneExtension: '' });
      const text = container.textContent ?? '';
      expect(text).not.toMatch(
        /on (her|their|the) way|was told|has been (told|called|alerted)|notified|en camino|avisad[ao]s?\b/i,
      );
      expect(text).toContain(locale.t.parent.help.screenDoesNotCall);
      unmount();
    }
  });

  it('an extension way without an extension falls back to the call button, never to an empty number', () => {
    show({ helpText: '', nurseCall: 'extension', phoneExtension: '' });
    expect(wayText()).toBe('Press the call button by your chair.');
  });
});
