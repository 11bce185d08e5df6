// The shape of a named mutation: a versioned, zod-validated command that a pure function
// applies to one customer's book. The app applies it optimistically; the sync server
// re-runs the very same code in a transaction and has the last word.
import type { z } from 'zod';
import type { FieldStamp } from '../fieldMerge';
import type { PlanTemplate } from '../plans';
import type { CustomerBook, RecordOf, TableName } from '../records';
import type { Rejection } from '../rejection';
import type { Instant } from '../time';

export const roles = ['tam', 'advisor', 'lead'] as const;
export type Role = (typeof roles)[number];

export type Actor = { userId: string; role: Role };

export type MutationContext = {
  /** The clock of whoever has the last word: the server's when the server applies it. */
  now: Instant;
  /** When the user did it, on their own machine. Trusted only within a reservation's validity. */
  clientTime: Instant;
  actor: Actor;
  /** The team's plan templates (lead-editable). */
  templates: readonly PlanTemplate[];
};

export type RecordPut = { [T in TableName]: { table: T; record: RecordOf<T> } }[TableName];
export type RecordDelete = { table: TableName; id: string };

export type Changes = { put: RecordPut[]; delete: RecordDelete[] };

export type MutationOutcome =
  | { ok: true; changes: Changes; /** One line for the activity view. */ summary: string }
  | { ok: false; rejection: Rejection };

/** Which records a mutation needs: one customer's book, or none (team-wide data such as templates). */
export type MutationScope = { customerId: string } | { team: true };

/** The tables of a book besides the customer record itself (always there). */
export type BookTable = Exclude<TableName, 'customers' | 'planTemplates'>;

export type MutationDefinition<Args> = {
  name: string;
  version: number;
  args: z.ZodType<Args, unknown>;
  scope(args: Args): MutationScope;
  /**
   * The book tables `apply` reads or writes, besides the customer record (always loaded). The
   * server loads only these; left out, the whole book. A rule that reaches past them is run
   * again on the whole book (the book's other tables throw BookTableNotLoaded on the server), so
   * a missing table costs a second load, never a wrong answer.
   */
  reads?: readonly BookTable[];
  /** `book` is null when the customer does not exist (yet), or for team-scoped mutations. */
  apply(book: CustomerBook | null, args: Args, context: MutationContext): MutationOutcome;
};

export function defineMutation<Args>(definition: MutationDefinition<Args>): MutationDefinition<Args> {
  return definition;
}

export function put<T extends TableName>(table: T, record: RecordOf<T>): RecordPut {
  return { table, record } as RecordPut;
}

export function changes(...puts: RecordPut[]): Changes {
  return { put: puts, delete: [] };
}

export function applied(summary: string, ...puts: RecordPut[]): MutationOutcome {
  return { ok: true, changes: changes(...puts), summary };
}

export function rejected(rejection: Rejection): MutationOutcome {
  return { ok: false, rejection };
}

/** A plain edit's stamp: the user's own clock, so the later edit wins wherever it arrives first. */
export function stampOf(context: MutationContext): FieldStamp {
  return { at: context.clientTime, by: context.actor.userId };
}
