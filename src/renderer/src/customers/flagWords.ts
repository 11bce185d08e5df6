// A customer's flag in the TAM's language: the short label for the grid and the whole sentence
// for tooltips and the customer's page.
import type { TFunction } from 'i18next';
import type { CustomerFlag } from './customerRows';

export function flagLabel(t: TFunction, flag: CustomerFlag): string {
  switch (flag.reason) {
    case 'overdue':
      return t('customers.flags.overdue');
    case 'missed':
      return t('customers.flags.missed');
    case 'notScheduled':
      return t('customers.flags.notScheduled');
    case 'late':
      return t('customers.flags.late', { count: flag.count });
    case 'atRisk':
      return t('customers.flags.atRisk', { count: flag.count });
    case 'credits':
      return t('customers.flags.credits', { count: flag.count });
    case 'runsOut':
      return t('customers.flags.runsOut');
  }
}

export function flagSentence(t: TFunction, flag: CustomerFlag): string {
  switch (flag.reason) {
    case 'overdue':
      return t('customers.flags.overdueText', { count: flag.count });
    case 'missed':
      return t('customers.flags.missedText');
    case 'notScheduled':
      return t('customers.flags.notScheduledText');
    case 'late':
      return t('customers.flags.lateText', { count: flag.count });
    case 'atRisk':
      return t('customers.flags.atRiskText', { count: flag.count });
    case 'credits':
      return t('customers.flags.creditsText', { count: flag.count });
    case 'runsOut':
      return (flag.allowances ?? [])
        .map(({ kind, usedUp }) =>
          t(usedUp ? 'customers.flags.usedUp' : 'customers.flags.runsOutText', {
            allowance: t(`plan.kinds.${kind}`),
          }),
        )
        .join('; ');
  }
}
