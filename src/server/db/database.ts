// The one small interface the server talks to its database through. Two implementations run the
// same SQL: PGlite in a data folder (the embedded default) and a pg Pool (DATABASE_URL).
export type SqlValue = string | number | boolean | null;

export type Queryable = {
  /** Rows as the driver gives them; bigint columns may come back as number, string or bigint. */
  query<Row extends object = Record<string, unknown>>(
    sql: string,
    params?: readonly SqlValue[],
  ): Promise<Row[]>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
};

export type TransactionOptions = {
  /** Pulls read rows, results and the client's state from one snapshot. */
  isolation?: 'read committed' | 'repeatable read';
  readOnly?: boolean;
};

export type Engine = 'pglite' | 'postgres';

export type Database = Queryable & {
  engine: Engine;
  transaction<T>(work: (tx: Queryable) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /**
   * Calls `onNotify` with each NOTIFY payload on `channel` until the returned function is called;
   * `onResume` after a lost listening connection is back (notifications may have been missed).
   */
  listen(
    channel: string,
    onNotify: (payload: string) => void,
    onResume?: () => void,
  ): Promise<() => Promise<void>>;
  close(): Promise<void>;
};

/** A bigint column as a JS number (team versions and ids stay far below 2^53). */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint' || typeof value === 'string') return Number(value);
  throw new TypeError(`expected a number from the database, got ${typeof value}`);
}

/** A timestamptz column as an Instant. */
export function toInstantString(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return new Date(value).toISOString();
  throw new TypeError(`expected a timestamp from the database, got ${typeof value}`);
}

/** PostgreSQL error codes worth retrying the whole transaction for. */
const retryableCodes = new Set(['40001', '40P01']);

export function isRetryableConflict(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    retryableCodes.has(error.code)
  );
}

/** Errors that mean the database is unreachable or went away: the client should simply retry. */
export function isUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = 'code' in error && typeof error.code === 'string' ? error.code : '';
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '53300'].includes(code) ||
    code.startsWith('08') ||
    isRetryableConflict(error)
  );
}
