// The thinnest stand-ins for Electron objects the main-process logic talks to: an ipcMain that
// records handlers, IPC events from a chosen frame, and a webContents that emits events.
import { EventEmitter } from 'node:events';
import type { IpcCallEvent, IpcRegistrar } from '../../../src/main/ipc';
import type { GuardedWebContents } from '../../../src/main/securityPolicy';

type Listener = (event: IpcCallEvent, ...args: unknown[]) => Promise<unknown>;

export class FakeIpcMain implements IpcRegistrar {
  readonly listeners = new Map<string, Listener>();

  handle(channel: string, listener: Listener): void {
    if (this.listeners.has(channel)) throw new Error(`second handler for ${channel}`);
    this.listeners.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.listeners.delete(channel);
  }

  /** What ipcRenderer.invoke(channel, ...args) would resolve to in the renderer. */
  async invoke(channel: string, event: IpcCallEvent, ...args: unknown[]): Promise<unknown> {
    const listener = this.listeners.get(channel);
    if (!listener) throw new Error(`No handler registered for '${channel}'`);
    // Results cross the process boundary by structured clone, like Electron's.
    return structuredClone(await listener(event, ...args));
  }
}

export const MAIN_WEB_CONTENTS_ID = 7;

export function callFrom(
  url: string,
  options: { webContentsId?: number; subframe?: boolean } = {},
): IpcCallEvent {
  return {
    sender: { id: options.webContentsId ?? MAIN_WEB_CONTENTS_ID },
    senderFrame: { url, parent: options.subframe ? { url: 'app://console/index.html' } : null },
  };
}

export const fromConsoleWindow = callFrom('app://console/index.html');

type Preventable = { preventDefault(): void; defaultPrevented: boolean };

function preventable<T extends object>(fields: T): T & Preventable {
  const event = {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

export class FakeWebContents extends EventEmitter implements GuardedWebContents {
  private windowOpenHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;

  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }

  /** A page calling window.open(url) or a link with target=_blank. */
  windowOpen(url: string): { action: string } {
    if (!this.windowOpenHandler) return { action: 'allow' };
    return this.windowOpenHandler({ url });
  }

  /** A renderer-initiated navigation, as Electron emits it: will-frame-navigate first. */
  navigate(url: string, isMainFrame = true): { prevented: boolean } {
    const frameEvent = preventable({ url, isMainFrame });
    this.emit('will-frame-navigate', frameEvent);
    if (frameEvent.defaultPrevented) return { prevented: true };
    if (!isMainFrame) return { prevented: false };
    const event = preventable({ url });
    this.emit('will-navigate', event, url);
    return { prevented: event.defaultPrevented };
  }

  /** Only will-navigate, for a guard that must hold on its own. */
  willNavigate(url: string): boolean {
    const event = preventable({ url });
    this.emit('will-navigate', event, url);
    return event.defaultPrevented;
  }

  attachWebview(): boolean {
    const event = preventable({});
    this.emit('will-attach-webview', event, {}, { src: 'https://example.com' });
    return event.defaultPrevented;
  }
}
