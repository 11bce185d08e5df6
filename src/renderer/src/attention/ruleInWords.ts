// A refused change's rule in the TAM's language, from the rejection's code and figures: one
// headline with its numbers ("Go Live allowance: 5 of 5 used in contract year 2") that a TAM scans
// a long inbox for, and the sentence under it. The core's own sentence is the English one (it also
// names records the figures do not carry); other languages build theirs from the code and figures.
import type { TFunction } from 'i18next';
import type { RuleNumbers } from '../../../core/rejection';
import { formatMinutes } from '../../../core/time';
import type { Language } from '../i18n/languages';
import { formatDate, formatShortInstant, zoneAbbreviation } from '../time/zonedFormat';
import { GO_LIVE_NOTICE_HOURS } from '../../../core/consumption';

export type RefusalLike = { code: string; message: string; field?: string; numbers?: RuleNumbers };

/** The mutations that draw on an allowance, and the allowance's name key. */
const allowanceOf = {
  requestGoLive: 'rules.allowance.requestGoLive',
  reserveAllowance: 'rules.allowance.reserveAllowance',
  requestBestPracticesReview: 'rules.allowance.requestBestPracticesReview',
  scheduleTraining: 'rules.allowance.scheduleTraining',
  addCustomConfiguration: 'rules.allowance.addCustomConfiguration',
} as const;

const unitOf = {
  requestGoLive: 'rules.units.goLiveEvents',
  reserveAllowance: 'rules.units.goLiveEvents',
  requestBestPracticesReview: 'rules.units.bestPracticesReviews',
  scheduleTraining: 'rules.units.trainingDays',
  addCustomConfiguration: 'rules.units.customConfigurationSites',
} as const;

const ruleNames = {
  'go-live-notice': 'rules.names.go-live-notice',
  'go-live-window': 'rules.names.go-live-window',
  'go-live-overlap': 'rules.names.go-live-overlap',
  'reservation-invalid': 'rules.names.reservation-invalid',
  'outside-contract': 'rules.names.outside-contract',
  'not-in-plan': 'rules.names.not-in-plan',
  forbidden: 'rules.names.forbidden',
  'not-found': 'rules.names.not-found',
  'already-exists': 'rules.names.already-exists',
  'invalid-transition': 'rules.names.invalid-transition',
  'invalid-input': 'rules.names.invalid-input',
  'unknown-mutation': 'rules.names.unknown-mutation',
  'schedule-conflict': 'rules.names.schedule-conflict',
  'mutation-failed': 'rules.names.mutation-failed',
  'already-resolved': 'rules.names.already-resolved',
  'no-identity': 'rules.names.no-identity',
  'storage-failed': 'rules.names.storage-failed',
} as const;

function hasKey<T extends object>(table: T, key: string): key is Extract<keyof T, string> {
  return Object.prototype.hasOwnProperty.call(table, key);
}

function numberOf(numbers: RuleNumbers, key: string): number | null {
  const value = numbers[key];
  return typeof value === 'number' ? value : null;
}

function textOf(numbers: RuleNumbers, key: string): string | null {
  const value = numbers[key];
  return typeof value === 'string' ? value : null;
}

/** The headline: the rule's name and the figures that decided it. */
export function ruleHeadline(t: TFunction, mutationName: string, refusal: RefusalLike): string {
  const numbers = refusal.numbers ?? {};
  if (refusal.code === 'allowance-exhausted') {
    const allowance = t(
      hasKey(allowanceOf, mutationName) ? allowanceOf[mutationName] : 'rules.allowance.other',
    );
    const year = numberOf(numbers, 'contractYear');
    const used = numberOf(numbers, 'used');
    const available =
      numberOf(numbers, 'available') ??
      (numberOf(numbers, 'included') ?? 0) + (numberOf(numbers, 'addOn') ?? 0);
    const reserved = numberOf(numbers, 'reserved') ?? 0;
    if (used === null || year === null) return allowance;
    return reserved > 0
      ? t('rules.headline.allowanceUsedReserved', { allowance, used, available, reserved, year })
      : t('rules.headline.allowanceUsed', { allowance, used, available, year });
  }
  if (refusal.code === 'go-live-notice') {
    const given = numberOf(numbers, 'noticeMinutes');
    const required = numberOf(numbers, 'requiredHours');
    if (given !== null && required !== null)
      return t('rules.headline.notice', { given: formatMinutes(Math.max(0, given)), required });
  }
  if (refusal.code === 'go-live-window') {
    const length = numberOf(numbers, 'durationMinutes');
    const max = numberOf(numbers, 'maxMinutes');
    if (length !== null && max !== null)
      return t('rules.headline.window', { asked: formatMinutes(length), max: formatMinutes(max) });
  }
  return t(hasKey(ruleNames, refusal.code) ? ruleNames[refusal.code] : 'rules.names.other');
}

/** A date the figures carry (ISO) as the language writes it; anything else as it came. */
function dateWords(value: string | null): string {
  return value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value) : (value ?? '–');
}

/**
 * The sentence under the headline, in `language`. English keeps the core's sentence; the others
 * say the same from the code and the figures. A bad value's detail (from the input schema) stays
 * as the core wrote it. `zone`: where instants among the figures are read (the customer's).
 */
export function refusalSentence(
  t: TFunction,
  language: Language,
  refusal: RefusalLike,
  mutationName = '',
  zone = 'UTC',
): string {
  if (language === 'en') return refusal.message;
  const numbers = refusal.numbers ?? {};
  const num = (key: string) => numberOf(numbers, key);
  switch (refusal.code) {
    case 'allowance-exhausted': {
      const year = num('contractYear');
      if (year === null) break;
      return t('rules.detail.allowanceExhausted', {
        unit: t(hasKey(unitOf, mutationName) ? unitOf[mutationName] : 'rules.allowance.other'),
        year,
        included: num('included') ?? 0,
        addOn: num('addOn') ?? 0,
        used: num('used') ?? 0,
        reserved: num('reserved') ?? 0,
      });
    }
    case 'go-live-notice': {
      const given = num('noticeMinutes');
      const required = num('requiredHours') ?? GO_LIVE_NOTICE_HOURS;
      if (given === null) break;
      return given <= 0
        ? t('rules.detail.noticeBeforeRequest', { required })
        : t('rules.detail.notice', { required, given: formatMinutes(given) });
    }
    case 'go-live-window': {
      const length = num('durationMinutes');
      const max = num('maxMinutes');
      if (length !== null && max !== null)
        return length <= 0
          ? t('rules.detail.windowTooShort')
          : t('rules.detail.windowTooLong', { max: formatMinutes(max), length: formatMinutes(length) });
      const date = textOf(numbers, 'date');
      const timeZone = textOf(numbers, 'timeZone');
      if (date && timeZone)
        return t('rules.detail.windowNoSuchTime', { date: dateWords(date), zone: timeZone });
      break;
    }
    case 'go-live-overlap': {
      const startsAt = textOf(numbers, 'otherStartsAt');
      if (!startsAt) break;
      return t('rules.detail.overlap', {
        window: `${formatShortInstant(startsAt, zone)} ${zoneAbbreviation(startsAt, zone)}`,
      });
    }
    case 'outside-contract': {
      const start = textOf(numbers, 'termStart');
      const end = textOf(numbers, 'termEnd');
      const date = textOf(numbers, 'localDate') ?? textOf(numbers, 'date');
      return start && end && date
        ? t('rules.detail.outsideTerm', {
            start: dateWords(start),
            end: dateWords(end),
            date: dateWords(date),
          })
        : t('rules.detail.noContract');
    }
    case 'storage-failed': {
      // The storage's own error (the browser's words) stays as it came.
      const reason = refusal.message.replace(/^This console could not save the change: /, '');
      return t('rules.detail.storageFailed', { reason });
    }
    case 'invalid-input': {
      const field = refusal.field;
      const detail =
        field && refusal.message.startsWith(`${field}: `)
          ? refusal.message.slice(field.length + 2)
          : refusal.message;
      return t('rules.detail.invalidInput', { detail });
    }
  }
  const plain = {
    'allowance-exhausted': 'rules.detail.other',
    'go-live-notice': 'rules.detail.other',
    'go-live-window': 'rules.detail.other',
    'go-live-overlap': 'rules.detail.other',
    'not-in-plan': 'rules.detail.notInPlan',
    forbidden: 'rules.detail.forbidden',
    'not-found': 'rules.detail.notFound',
    'already-exists': 'rules.detail.alreadyExists',
    'invalid-transition': 'rules.detail.invalidTransition',
    'reservation-invalid': 'rules.detail.reservation',
    'unknown-mutation': 'rules.detail.unknownMutation',
    'schedule-conflict': 'rules.detail.scheduleConflict',
    'mutation-failed': 'rules.detail.mutationFailed',
    'already-resolved': 'rules.detail.alreadyResolved',
    'no-identity': 'rules.detail.noIdentity',
  } as const;
  return t(hasKey(plain, refusal.code) ? plain[refusal.code] : 'rules.detail.other');
}

/**
 * Whether the rule that refused it lets the customer pay instead: only an exhausted allowance, on
 * a mutation that takes `acceptBillable` (the ones that draw on an allowance).
 */
export function canBookAsBillable(mutationName: string, refusal: RefusalLike): boolean {
  return (
    refusal.code === 'allowance-exhausted' &&
    mutationName in allowanceOf &&
    mutationName !== 'reserveAllowance'
  );
}
