// Plan words (allowance kinds, add-ons, objective clocks) in the chosen language, from the core's ids.
import { useTranslation } from 'react-i18next';
import type { LedgerKind } from '../../../core/ledger';
import type { AddOnKind, ResponseObjective } from '../../../core/plans';
import { formatMinutes } from '../../../core/time';

export function usePlanWords() {
  const { t } = useTranslation();
  return {
    kindLabel: (kind: LedgerKind) => t(`plan.kinds.${kind}`),
    addOnLabel: (kind: AddOnKind) =>
      kind === 'tamHoursPerWeek' || kind === 'ddosProtection' || kind === 'slackChannel'
        ? t(`plan.addOns.${kind}`)
        : t(`plan.kinds.${kind}`),
    objectiveWords: (objective: ResponseObjective | null) =>
      objective
        ? t('plan.objective', {
            duration: formatMinutes(objective.minutes),
            clock: t(`plan.clocks.${objective.clock}`),
          })
        : t('plan.bestEffort'),
  };
}
