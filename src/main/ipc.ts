// Every IPC handler is registered through registerIpcHandlers: it accepts calls only from the
// console's own window, parses the payload with the contract's schema, and turns anything a
// handler throws into a typed error value, so no stack trace ever reaches the renderer.
import { rejectionFromZod } from '../core/rejection';
import {
  ipcRequestSchemas,
  isIpcChannel,
  type IpcChannel,
  type IpcError,
  type IpcErrorCode,
  type IpcRequest,
  type IpcResponse,
} from '../preload/api';
import { isAppUrl } from './appProtocol';

/** The parts of Electron's IpcMainInvokeEvent the checks read. */
export type IpcCallEvent = {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
};

/** The parts of Electron's ipcMain registration uses. */
export type IpcRegistrar = {
  handle(channel: string, listener: (event: IpcCallEvent, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
};

export type IpcHandlers = {
  [C in IpcChannel]: (request: IpcRequest<C>) => IpcResponse<C> | Promise<IpcResponse<C>>;
};

export type SenderCheck = (event: IpcCallEvent) => boolean;

export type IpcIncident =
  | { kind: 'foreign-sender'; channel: IpcChannel; frameUrl: string | null }
  | { kind: 'handler-failed'; channel: IpcChannel; error: unknown };

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function fail(code: IpcErrorCode, message: string, field?: string): { ok: false; error: IpcError } {
  return { ok: false, error: field === undefined ? { code, message } : { code, message, field } };
}

/**
 * A call is ours when it comes from the top frame of the main window's webContents, and that
 * frame shows app://console. A frame that is gone (navigated, destroyed) is not trusted.
 */
export function isTrustedSender(event: IpcCallEvent, mainWebContentsId: number | undefined): boolean {
  const frame = event.senderFrame;
  if (mainWebContentsId === undefined || frame === null) return false;
  return event.sender.id === mainWebContentsId && frame.parent === null && isAppUrl(frame.url);
}

function registerChannel<C extends IpcChannel>(
  ipcMain: IpcRegistrar,
  channel: C,
  handler: IpcHandlers[C],
  isTrusted: SenderCheck,
  report: (incident: IpcIncident) => void,
): void {
  const schema = ipcRequestSchemas[channel];
  ipcMain.handle(channel, async (event, ...args): Promise<IpcResponse<C>> => {
    if (!isTrusted(event)) {
      report({ kind: 'foreign-sender', channel, frameUrl: event.senderFrame?.url ?? null });
      return fail('foreign-sender', `Only the console's own window may call ${channel}.`);
    }
    if (args.length > 1) {
      return fail('bad-payload', `${channel} takes one payload; it was sent ${args.length} arguments.`);
    }
    const parsed = schema.safeParse(args[0]);
    if (!parsed.success) {
      // "title: must not be empty": the field, then what is wrong with it, for the form to show.
      const { message, field } = rejectionFromZod(parsed.error);
      return fail('bad-payload', message, field);
    }
    try {
      return await handler(parsed.data);
    } catch (error) {
      report({ kind: 'handler-failed', channel, error });
      return fail('internal', `${channel} failed inside the app; the details are in its log.`);
    }
  });
}

/** Registers every channel of the contract; returns a function that removes them again. */
export function registerIpcHandlers(
  ipcMain: IpcRegistrar,
  handlers: IpcHandlers,
  isTrusted: SenderCheck,
  report: (incident: IpcIncident) => void,
): () => void {
  const channels = Object.keys(handlers).filter(isIpcChannel);
  // A generic call per channel keeps each handler paired with its own schema's type.
  const register = <C extends IpcChannel>(channel: C) =>
    registerChannel(ipcMain, channel, handlers[channel], isTrusted, report);
  channels.forEach(register);
  return () => channels.forEach((channel) => ipcMain.removeHandler(channel));
}
