// Words for plan figures and record fields on screen: clocks, objectives, allowance kinds, contact roles.
import { allowanceLabels, type ClockId, type ResponseObjective } from '../../../core/plans';
import type { LedgerKind } from '../../../core/ledger';
import type { contactRoles } from '../../../core/records';
import { formatMinutes } from '../../../core/time';

export const clockLabels: Record<ClockId, string> = {
  '24x7': '24x7',
  'business-08-17': 'business hours 08:00–17:00',
  'business-09-18': 'business hours 09:00–18:00',
  'extended-07-19': 'extended hours 07:00–19:00',
};

export function objectiveWords(objective: ResponseObjective | null): string {
  if (!objective) return 'best effort';
  return `${formatMinutes(objective.minutes)} (${clockLabels[objective.clock]})`;
}

export function kindLabel(kind: LedgerKind): string {
  return allowanceLabels[kind];
}

export const contactRoleLabels: Record<(typeof contactRoles)[number], string> = {
  'it-operations': 'IT operations',
  engineering: 'Engineering',
  management: 'Management',
  billing: 'Billing',
  security: 'Security',
};
