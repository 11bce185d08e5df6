// Per-field merge of plain edits (customer, contract, contact, project, training day): each field
// remembers who set it last and when on their machine, and a change to a field goes to the later
// client time. The merge is a total order, so the team converges whatever order edits arrive in;
// a value that lost stays in the audit log (the mutation's arguments) and in the loser's notice.
import { z } from 'zod';
import { instantSchema, type Instant } from './time';

/** Who set a field last, and when on their machine. */
export const fieldStampSchema = z.object({ at: instantSchema, by: z.string().min(1).max(64) });
export type FieldStamp = z.infer<typeof fieldStampSchema>;

/** Optional on every plainly edited record: records written before field merge have none. */
export const fieldTimesSchema = z.record(z.string(), fieldStampSchema);
export type FieldTimes = z.infer<typeof fieldTimesSchema>;

/** A field the edit did not change because someone set it later. */
export type LostField = { field: string; at: Instant; by: string };

export type MergedEdit<T> = { record: T; changed: string[]; lost: LostField[] };

/**
 * Whether the new edit stamped `a` wins over the field's stamp `b`: the later client time, then
 * the greater user id, so two users' edits never tie and any arrival order gives the same record.
 * One user's edits with the same stamp keep their own order (their mutation ids), so the newer wins.
 */
export function editWins(a: FieldStamp, b: FieldStamp): boolean {
  if (a.at !== b.at) return a.at > b.at;
  return a.by >= b.by;
}

/**
 * Applies `patch` to `current` field by field: a field whose stamp is later than `stamp` keeps its
 * value. Fields the patch leaves out (undefined) are not touched. The result still needs its
 * schema's parse.
 */
export function mergeEdit<T extends { fieldTimes?: FieldTimes | undefined }>(
  current: T,
  patch: Readonly<Record<string, unknown>>,
  stamp: FieldStamp,
): MergedEdit<T> {
  const record: Record<string, unknown> = { ...current };
  const times: FieldTimes = { ...current.fieldTimes };
  const changed: string[] = [];
  const lost: LostField[] = [];
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined || field === 'fieldTimes') continue;
    const clock = times[field];
    if (clock && !editWins(stamp, clock)) {
      lost.push({ field, at: clock.at, by: clock.by });
      continue;
    }
    record[field] = value;
    times[field] = stamp;
    changed.push(field);
  }
  record.fieldTimes = times;
  // The record's own fields, with the patch's winners and the stamps they carry.
  return { record: record as T, changed, lost };
}

/** "; name kept: ana changed it later" for a summary, or '' when nothing lost. */
export function lostFieldsNote(lost: readonly LostField[]): string {
  if (lost.length === 0) return '';
  return `; kept the team's later ${lost.map((item) => `${item.field} (${item.by}, ${item.at})`).join(', ')}`;
}
