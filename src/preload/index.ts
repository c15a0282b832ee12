/**
 * Exposes `window.kiosk`: exactly one function per API method, each invoking that method's own channel. No generic
 * invoke, no ipcRenderer, no event objects cross the bridge. Built as one CommonJS file that requires only
 * 'electron' (a sandboxed preload can require nothing else), which is why it imports the zod-free method list and
 * never the contract's schemas.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { API_METHODS, ipcChannel, type ApiMethodName } from '../shared/api-methods';

type KioskCall = (input?: unknown) => Promise<unknown>;

const kiosk = Object.fromEntries(
  API_METHODS.map((method): [ApiMethodName, KioskCall] => {
    const channel = ipcChannel(method);
    return [method, (input?: unknown) => ipcRenderer.invoke(channel, input)];
  }),
);

// Typed as KioskApi on the renderer side (src/shared/contract.ts); the preload may not import the contract at all.
contextBridge.exposeInMainWorld('kiosk', Object.freeze(kiosk));
