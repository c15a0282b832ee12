/**
 * The one place that creates the kiosk's BrowserWindow. The security web preferences are spread LAST, so no caller
 * option can weaken them (VS Code does the same).
 */
import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';

export interface KioskWindowOptions {
  /** The built preload (out/preload/index.cjs). */
  preloadPath: string;
  /** Fullscreen, locked kiosk (packaged or --kiosk); a normal window otherwise. */
  kioskMode: boolean;
  isPackaged: boolean;
  /** Anything else (size, title, background); cannot override the settings below. */
  window?: BrowserWindowConstructorOptions;
}

export function createKioskWindow(options: KioskWindowOptions): BrowserWindow {
  const { kioskMode } = options;
  const caller = options.window ?? {};
  return new BrowserWindow({
    width: 1280,
    height: 800,
    backgroundColor: '#ffffff',
    title: 'Lactation Room Kiosk',
    ...caller,
    show: false,
    kiosk: kioskMode,
    fullscreen: kioskMode,
    autoHideMenuBar: true,
    // Written out here, not spread from a helper, so that electronegativity's static checks can read them too.
    webPreferences: {
      ...caller.webPreferences,
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // Middle-click ('auxclick') could open links in new windows; the open handler refuses them anyway.
      disableBlinkFeatures: 'Auxclick',
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // alert()/confirm() would freeze a touch kiosk behind a dialog.
      disableDialogs: true,
      safeDialogs: true,
      devTools: !options.isPackaged,
    },
  });
}
