/**
 * Which keystrokes the kiosk swallows in `before-input-event`. `kiosk: true` is only real fullscreen on Windows and
 * Linux, and a reload would drop a parent's screen, so browser shortcuts are refused here as well. Pure: takes the
 * fields of Electron's `Input` it needs.
 */
export interface KeyInput {
  key: string;
  code?: string;
  control: boolean;
  meta: boolean;
  shift: boolean;
  alt: boolean;
}

export type ShortcutVerdict = 'allow' | 'block' | 'toggle-devtools';

const ZOOM_KEYS = new Set(['+', '=', '-', '_', '0']);
const ZOOM_CODES = new Set(['NumpadAdd', 'NumpadSubtract', 'Numpad0', 'Equal', 'Minus', 'Digit0']);
const DEVTOOLS_KEYS = new Set(['i', 'j', 'c']);

/**
 * `locked` (kiosk mode: packaged, or started with --kiosk) also refuses the keys that close the window or quit.
 * `devToolsAllowed` (unpackaged only) turns F12 into a devtools toggle instead of swallowing it.
 */
export function judgeShortcut(
  input: KeyInput,
  options: { locked: boolean; devToolsAllowed: boolean },
): ShortcutVerdict {
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  const command = input.control || input.meta;

  if (key === 'F12') return options.devToolsAllowed ? 'toggle-devtools' : 'block';
  if (command && input.shift && DEVTOOLS_KEYS.has(key)) return 'block';
  if (input.meta && input.alt && DEVTOOLS_KEYS.has(key)) return 'block';

  if (key === 'F5' || key === 'BrowserRefresh' || (command && key === 'r')) return 'block';
  if (command && (ZOOM_KEYS.has(key) || (input.code !== undefined && ZOOM_CODES.has(input.code)))) return 'block';
  if (
    key === 'BrowserBack' ||
    key === 'BrowserForward' ||
    (input.alt && (key === 'ArrowLeft' || key === 'ArrowRight'))
  ) {
    return 'block';
  }

  if (options.locked) {
    if (input.alt && key === 'F4') return 'block';
    if (command && (key === 'w' || key === 'q' || key === 'F4' || key === 'n' || key === 't' || key === 'p'))
      return 'block';
  }
  return 'allow';
}
