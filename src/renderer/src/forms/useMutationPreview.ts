// Live rule feedback for the edit forms: the same core mutation the save runs, applied to the
// book in memory as the TAM types, so a refusal shows next to its field before saving and the
// form can show what the change would do (the book after it). Nothing is written here.
import { useMemo } from 'react';
import { runMutation, type MutationRequest } from '../../../core/mutations';
import { bookWithChanges } from '../../../core/mutations/bookChanges';
import type { PlanTemplate } from '../../../core/plans';
import type { CustomerBook } from '../../../core/records';
import type { Rejection } from '../../../core/rejection';
import type { Instant } from '../../../core/time';
import type { Settings } from '../db/schema';

export type MutationPreview =
  { ok: true; after: CustomerBook; summary: string } | { ok: false; rejection: Rejection };

export function useMutationPreview(
  book: CustomerBook,
  request: MutationRequest,
  settings: Settings,
  templates: readonly PlanTemplate[],
  now: Instant,
): MutationPreview {
  const key = JSON.stringify(request);
  return useMemo(() => {
    const outcome = runMutation(JSON.parse(key) as MutationRequest, () => book, {
      now,
      clientTime: now,
      actor: { userId: settings.userId, role: settings.role },
      templates,
    });
    if (!outcome.ok) return { ok: false, rejection: outcome.rejection };
    return { ok: true, after: bookWithChanges(book, outcome.changes) ?? book, summary: outcome.summary };
  }, [book, key, settings.userId, settings.role, templates, now]);
}
