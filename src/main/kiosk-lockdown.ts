/**
 * Kiosk behaviour around the window: swallowed shortcuts, refocus and re-enter fullscreen when focus is lost,
 * reload after a renderer crash (with back-off), and no display sleep. The OS does the real lockdown (a session that
 * starts only the kiosk); this only keeps a curious hand from leaving the page.
 */
import { powerSaveBlocker, type BrowserWindow } from 'electron';
import { judgeShortcut } from './blocked-shortcuts';
import { ReloadBackoff } from './reload-backoff';
import type { KioskLogger } from './core/logging/kiosk-logger';

export interface LockdownOptions {
  kioskMode: boolean;
  devToolsAllowed: boolean;
  /** Reloads the kiosk page (the caller knows which URL). */
  reload: () => void;
  now?: () => number;
  /** The kiosk's log (the console when absent). */
  logger?: KioskLogger;
}

export interface Lockdown {
  /** Stops refocusing while a native dialog (save dialog for an export) is open; call the result to resume. */
  pauseRefocus(): () => void;
}

export function lockDownWindow(window: BrowserWindow, options: LockdownOptions): Lockdown {
  const contents = window.webContents;
  const now = options.now ?? Date.now;
  const logger: KioskLogger = options.logger ?? console;

  contents.on('before-input-event', (event, input) => {
    const verdict = judgeShortcut(input, { locked: options.kioskMode, devToolsAllowed: options.devToolsAllowed });
    if (verdict === 'allow') return;
    event.preventDefault();
    if (verdict === 'toggle-devtools' && input.type === 'keyDown') contents.toggleDevTools();
  });

  // Pinch and ctrl+wheel zoom would leave touch targets off screen.
  contents.on('did-finish-load', () => {
    contents.setZoomFactor(1);
    void contents.setVisualZoomLevelLimits(1, 1);
  });

  let refocusPauses = 0;
  if (options.kioskMode) {
    window.on('blur', () => {
      if (window.isDestroyed() || refocusPauses > 0) return;
      // A short delay: refocusing inside the blur handler fights the window manager on some Linux desktops.
      setTimeout(() => {
        if (window.isDestroyed() || refocusPauses > 0) return;
        if (!window.isKiosk()) window.setKiosk(true);
        window.show();
        window.focus();
      }, 250);
    });
    window.on('leave-full-screen', () => {
      if (!window.isDestroyed()) window.setKiosk(true);
    });
  }

  const backoff = new ReloadBackoff();
  let pendingReload: NodeJS.Timeout | undefined;
  contents.on('render-process-gone', (_event, details) => {
    const delay = backoff.nextDelay(now());
    logger.error(`kiosk: renderer gone (${details.reason}, exit ${details.exitCode}); reloading in ${delay} ms`, null);
    clearTimeout(pendingReload);
    pendingReload = setTimeout(() => {
      if (!window.isDestroyed()) options.reload();
    }, delay);
  });
  contents.on('unresponsive', () => logger.warn?.('kiosk: renderer unresponsive'));
  window.on('closed', () => clearTimeout(pendingReload));

  return {
    pauseRefocus() {
      refocusPauses++;
      let resumed = false;
      return () => {
        if (resumed) return;
        resumed = true;
        refocusPauses--;
      };
    },
  };
}

/** Keeps the screen on for as long as the app runs; the id is released when the app quits. */
export function keepDisplayAwake(): number {
  return powerSaveBlocker.start('prevent-display-sleep');
}
