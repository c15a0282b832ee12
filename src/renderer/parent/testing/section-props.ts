/** SectionProps for component tests of the hub's sections, with spies for what a section reports. */
import { vi } from 'vitest';
import type { Language } from '../../../shared/domain';
import { packs } from './content-fixture';
import type { SectionProps } from '../section-types';

export function sectionProps(language: Language = 'en', overrides: Partial<SectionProps> = {}) {
  const record = vi.fn<SectionProps['record']>();
  const onscreen = vi.fn<SectionProps['onscreen']>();
  const onexit = vi.fn<SectionProps['onexit']>();
  const props: SectionProps = {
    session: {
      id: '0b7f6a3e-3d5c-4d71-9c1e-2f4b8a6d9e10',
      roomId: 2,
      roomName: 'Room 2',
      kind: 'breastfeeding',
      language,
      startedAt: 0,
    },
    content: packs[language],
    illustrations: {},
    nurseContact: { helpText: 'Ask at the front desk too.', nurseCall: 'extension', phoneExtension: '4321' },
    record,
    onscreen,
    onexit,
    active: true,
    ...overrides,
  };
  return { props, record, onscreen, onexit };
}

/** Makes `prefers-reduced-motion: reduce` match (or not) for components set up after the call. */
export function preferReducedMotion(reduce: boolean): void {
  vi.stubGlobal(
    'matchMedia',
    (query: string): MediaQueryList =>
      ({
        matches: reduce && query.includes('prefers-reduced-motion: reduce'),
        media: query,
        onchange: null,
        addEventListener: () => undefined,
        removeEventListener: () => undefined,
        addListener: () => undefined,
        removeListener: () => undefined,
        dispatchEvent: () => false,
      }) as MediaQueryList,
  );
}
