// The IPC contract between the renderer and the main process, in one file: each channel's
// payload schema and result type, the menu commands main sends, and `window.consoleApi`.
// Main parses every payload with these schemas; the preload and the renderer import types only.
// No Node or Electron imports: the web build type-checks this file too.
import { z } from 'zod';
import { clientIdSchema, mutationIdSchema } from '../core/syncProtocol';

// ---- Results: errors are values, never a stack trace across the process boundary ----

export const ipcErrorCodes = [
  /** The payload does not match the channel's schema; `field` names the culprit. */
  'bad-payload',
  /** The call did not come from the console's own window. */
  'foreign-sender',
  /** This system cannot show desktop notifications: show it inside the window instead. */
  'notifications-unsupported',
  /** No OS key store: the token is not written anywhere rather than written in plain text. */
  'secure-storage-unavailable',
  /** Saved credentials exist but cannot be read back (damaged file, keychain changed). */
  'credentials-unreadable',
  /** The outbox mirror file exists but is damaged: it is left alone, not overwritten blindly. */
  'mirror-unreadable',
  /** Something failed inside the main process; the details stay in its log. */
  'internal',
] as const;
export type IpcErrorCode = (typeof ipcErrorCodes)[number];

export type IpcError = {
  code: IpcErrorCode;
  /** One sentence the TAM can act on. */
  message: string;
  /** The payload field at fault, as a dotted path, for bad payloads. */
  field?: string;
};

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

// ---- Payloads ----

export const notificationKinds = ['review-call', 'go-live', 'response-objective'] as const;
export type NotificationKind = (typeof notificationKinds)[number];

export const notificationRequestSchema = z.strictObject({
  title: z.string().trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters'),
  body: z.string().max(500, 'must be at most 500 characters'),
  kind: z.enum(notificationKinds),
});
export type NotificationRequest = z.input<typeof notificationRequestSchema>;

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** https anywhere; plain http only to this machine (a server run locally for a demo). */
export function isAcceptableSyncServerUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && loopbackHosts.has(url.hostname);
}

export const syncCredentialsSchema = z.strictObject({
  serverUrl: z
    .string()
    .trim()
    .max(2048, 'must be at most 2048 characters')
    .refine(
      isAcceptableSyncServerUrl,
      'must be an https:// address without user, query or fragment (http:// only for localhost)',
    ),
  // The team server issues `tamc_` + 43 base64url characters (src/server/auth.ts).
  token: z
    .string()
    .trim()
    .regex(/^tamc_[A-Za-z0-9_-]{20,95}$/, 'must be the token the team server issued (it starts with tamc_)'),
});
export type SyncCredentials = z.output<typeof syncCredentialsSchema>;

/** One queued mutation as the outbox mirror keeps it: enough to push it again under the same id. */
export const mirroredMutationSchema = z.strictObject({
  mutationId: mutationIdSchema,
  name: z.string().min(1).max(100),
  version: z.number().int().positive(),
  args: z.unknown(),
  clientTime: z.string().min(1).max(40),
  customerId: z.string().max(64).nullable(),
  summary: z.string().max(2000),
});
export type MirroredMutation = z.output<typeof mirroredMutationSchema>;

/** Outboxes beyond this are refused rather than written half. */
export const OUTBOX_MIRROR_MAX_ENTRIES = 50_000;

/**
 * What the main process keeps of the outbox in userData, so a wiped IndexedDB can be rebuilt under
 * the same client id: the id, the last mutation id taken, my identity, and every pending mutation.
 */
export const outboxMirrorSchema = z.strictObject({
  clientId: clientIdSchema,
  lastMutationId: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  /** My settings (name, role, zone, server address; never the token), checked again on restore. */
  settings: z.record(z.string(), z.unknown()).nullable(),
  pending: z
    .array(mirroredMutationSchema)
    .max(OUTBOX_MIRROR_MAX_ENTRIES, `must hold at most ${OUTBOX_MIRROR_MAX_ENTRIES} mutations`),
});
export type OutboxMirror = z.output<typeof outboxMirrorSchema>;
/** A usage statement to save as PDF: the file name offered in the save dialog. */
export const statementPdfRequestSchema = z.strictObject({
  fileName: z
    .string()
    .trim()
    .max(120, 'must be at most 120 characters')
    .regex(/^[\w][\w .,()-]*\.pdf$/, 'must be a plain file name ending in .pdf, e.g. statement-2026.pdf'),
});
export type StatementPdfRequest = z.output<typeof statementPdfRequestSchema>;

// ---- Results ----

export type AppInfo = { name: string; version: string; platform: string };
export type NotificationShown = { shown: true };
export type CredentialsSaved = { encrypted: true };
export type CredentialsCleared = { removed: boolean };
export type OutboxMirrored = { pending: number; savedAt: string };
export type StoredOutboxMirror = OutboxMirror & { savedAt: string };
/** `saved` is false when the TAM cancelled the save dialog. */
export type StatementPdfSaved = { saved: boolean; bytes: number };

// ---- The contract: channel -> (payload) => result ----
// Channels that take nothing take `undefined` (invoke it without an argument).

export type IpcContract = {
  'app:info': (request: undefined) => AppInfo;
  'notify:show': (request: NotificationRequest) => NotificationShown;
  'credentials:save': (request: SyncCredentials) => CredentialsSaved;
  'credentials:load': (request: undefined) => SyncCredentials | null;
  'credentials:clear': (request: undefined) => CredentialsCleared;
  'outbox:mirror': (request: OutboxMirror) => OutboxMirrored;
  'outbox:readMirror': (request: undefined) => StoredOutboxMirror | null;
  'statement:savePdf': (request: StatementPdfRequest) => StatementPdfSaved;
};
export type IpcChannel = keyof IpcContract;
export type IpcRequest<C extends IpcChannel> = Parameters<IpcContract[C]>[0];
export type IpcResponse<C extends IpcChannel> = IpcResult<ReturnType<IpcContract[C]>>;

/** What main parses each channel's payload with, before any handler sees it. */
export const ipcRequestSchemas: { [C in IpcChannel]: z.ZodType<IpcRequest<C>, unknown> } = {
  'app:info': z.undefined(),
  'notify:show': notificationRequestSchema,
  'credentials:save': syncCredentialsSchema,
  'credentials:load': z.undefined(),
  'credentials:clear': z.undefined(),
  'outbox:mirror': outboxMirrorSchema,
  'outbox:readMirror': z.undefined(),
  'statement:savePdf': statementPdfRequestSchema,
};

export function isIpcChannel(name: string): name is IpcChannel {
  return Object.hasOwn(ipcRequestSchemas, name);
}

// ---- Main -> renderer: application menu commands ----

export const MENU_COMMAND_CHANNEL = 'menu:command';
export const menuCommands = [
  'view:today',
  'view:customers',
  'view:schedule',
  'view:settings',
  'goLive:book',
  'goLive:reserve',
  'review:schedule',
  'ticket:log',
  'palette:open',
  'help:shortcuts',
] as const;
export type MenuCommand = (typeof menuCommands)[number];

// ---- What the preload exposes as `window.consoleApi` ----
// Absent in the browser build (`npm run web`): check `window.consoleApi` before use.

export type ConsoleApi = {
  /** The desktop app's platform ('darwin', 'win32', 'linux'), for shortcut labels (⌘ or Ctrl). */
  readonly platform: string;
  appInfo(): Promise<IpcResponse<'app:info'>>;
  showNotification(notification: NotificationRequest): Promise<IpcResponse<'notify:show'>>;
  saveSyncCredentials(credentials: SyncCredentials): Promise<IpcResponse<'credentials:save'>>;
  loadSyncCredentials(): Promise<IpcResponse<'credentials:load'>>;
  clearSyncCredentials(): Promise<IpcResponse<'credentials:clear'>>;
  /** Replaces the outbox mirror file with this copy (whole or not at all). */
  mirrorOutbox(mirror: OutboxMirror): Promise<IpcResponse<'outbox:mirror'>>;
  /** The mirror as last written, or null when there is none. */
  readOutboxMirror(): Promise<IpcResponse<'outbox:readMirror'>>;
  /** Prints the window (showing a usage statement) to PDF and asks where to save it. */
  saveStatementPdf(request: StatementPdfRequest): Promise<IpcResponse<'statement:savePdf'>>;
  /** Calls back on each menu command (e.g. Ctrl/Cmd+K); returns the unsubscribe. */
  onMenuCommand(callback: (command: MenuCommand) => void): () => void;
};

/** The global the preload adds; the renderer declares `window.consoleApi?: ConsoleApi` with it. */
export type ConsoleWindow = { consoleApi?: ConsoleApi };
