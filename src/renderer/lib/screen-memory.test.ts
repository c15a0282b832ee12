import { describe, expect, it } from 'vitest';
import { forgetScreen, recallHub, recallPlace, rememberHub, rememberPlace } from './screen-memory';

const SESSION = '0b7f6a3e-3d5c-4d71-9c1e-2f4b8a6d9e10';
const OTHER = '6f1c2a4e-8b3d-4e5f-9a7b-1c2d3e4f5a6b';
const KEY = 'kiosk.screen';

describe('screen memory (restoring the hub after a reload)', () => {
  it('remembers the hub, its section, guide and page, and the language, in sessionStorage', () => {
    rememberHub(SESSION, 'es');
    rememberPlace(SESSION, { section: 'positions' });
    rememberPlace(SESSION, { guide: 'cradle', page: 3 });
    expect(recallHub()).toEqual({ sessionId: SESSION, language: 'es', section: 'positions', guide: 'cradle', page: 3 });
    expect(localStorage.length).toBe(0);
    // The language follows a switch without losing the place.
    rememberHub(SESSION, 'en');
    expect(recallPlace(SESSION)).toMatchObject({ language: 'en', guide: 'cradle', page: 3 });
  });

  it('holds nothing but ids, a page number and a language', () => {
    rememberHub(SESSION, 'en');
    rememberPlace(SESSION, { section: 'positions', guide: 'cradle', page: 2 });
    expect(Object.keys(JSON.parse(sessionStorage.getItem(KEY)!) as object).sort()).toEqual([
      'guide',
      'language',
      'page',
      'section',
      'sessionId',
    ]);
  });

  it('starts a different section at its beginning, and never hands one session the place of another', () => {
    rememberHub(SESSION, 'en');
    rememberPlace(SESSION, { section: 'positions', guide: 'cradle', page: 3 });
    rememberPlace(SESSION, { section: null });
    expect(recallHub()).toMatchObject({ section: null, guide: null, page: 0 });

    rememberPlace(SESSION, { section: 'positions', guide: 'cradle', page: 3 });
    expect(recallPlace(OTHER)).toBeNull();
    rememberHub(OTHER, 'es');
    expect(recallHub()).toEqual({ sessionId: OTHER, language: 'es', section: null, guide: null, page: 0 });
  });

  it.each([
    ['not JSON', '{oops'],
    ['not an object', '"hub"'],
    ['a session id that is not a uuid', { sessionId: 'Room 2', language: 'en', section: null, guide: null, page: 0 }],
    ['an unknown language', { sessionId: SESSION, language: 'fr', section: null, guide: null, page: 0 }],
    ['a section that is not an id', { sessionId: SESSION, language: 'en', section: '<b>', guide: null, page: 0 }],
    ['a page out of range', { sessionId: SESSION, language: 'en', section: null, guide: 'cradle', page: 9999 }],
    ['a fractional page', { sessionId: SESSION, language: 'en', section: null, guide: 'cradle', page: 1.5 }],
    ['a missing page', { sessionId: SESSION, language: 'en', section: null, guide: null }],
  ])('forgets what does not pass its checks: %s', (_label, stored) => {
    sessionStorage.setItem(KEY, typeof stored === 'string' ? stored : JSON.stringify(stored));
    expect(recallHub()).toBeNull();
    expect(sessionStorage.getItem(KEY)).toBeNull();
  });

  it('refuses to store a place that would not pass its own checks', () => {
    rememberHub(SESSION, 'en');
    rememberPlace(SESSION, { guide: '../../etc', page: 1 });
    expect(recallHub()).toMatchObject({ guide: null, page: 0 });
  });

  it('forgets on request', () => {
    rememberHub(SESSION, 'en');
    forgetScreen();
    expect(recallHub()).toBeNull();
  });
});
