// Refusals and changes in the chosen language, for components: the rule's headline and sentence
// (attention/ruleInWords.ts) and one line per change from its mutation's name and arguments.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { refusalSentence, ruleHeadline, type RefusalLike } from '../attention/ruleInWords';
import { fieldMessage } from '../forms/useChangeSubmit';
import { formatDate } from '../time/zonedFormat';
import { isLanguage, type Language } from './languages';

const changeNames = [
  'addCustomConfiguration',
  'advanceBestPracticesReview',
  'advanceCustomConfiguration',
  'answerEscalation',
  'askForException',
  'awaitCustomer',
  'cancelGoLive',
  'cancelReviewCall',
  'changeTicketSeverity',
  'createContact',
  'createContract',
  'createCustomer',
  'createProject',
  'decideException',
  'endReviewSeries',
  'escalateTicket',
  'logReviewCall',
  'logTamTime',
  'missReviewCall',
  'moveReviewCall',
  'openTicket',
  'recordCustomerReply',
  'releaseAllowance',
  'requestBestPracticesReview',
  'requestGoLive',
  'reserveAllowance',
  'resolveTicket',
  'respondToTicket',
  'savePlanTemplate',
  'scheduleReviewSeries',
  'scheduleTraining',
  'updateContact',
  'updateContract',
  'updateCustomer',
  'updateProject',
  'updateTraining',
] as const;
type ChangeName = (typeof changeNames)[number];

function isChangeName(name: string): name is ChangeName {
  return (changeNames as readonly string[]).includes(name);
}

/** The one argument that tells changes of a kind apart: a title, a name, a date, a ticket. */
function detailOf(args: unknown): string {
  if (typeof args !== 'object' || args === null) return '';
  const record = args as Record<string, unknown>;
  const nested = (key: string) => {
    const inner = record[key];
    return typeof inner === 'object' && inner !== null
      ? (inner as Record<string, unknown>)['name']
      : undefined;
  };
  for (const candidate of [
    record['title'],
    record['topic'],
    record['site'],
    record['target'],
    nested('customer'),
    nested('contact'),
    nested('project'),
    nested('template'),
    record['occurrenceDate'],
    record['firstDate'],
    record['date'],
    record['ticketId'],
  ]) {
    if (typeof candidate === 'string' && candidate.trim() !== '')
      return /^\d{4}-\d{2}-\d{2}$/.test(candidate) ? formatDate(candidate) : candidate;
  }
  return '';
}

/**
 * A change in one line: English keeps the core's summary (it carries every figure); the other
 * languages name the change and its title, name or date.
 */
export function changeInWords(
  t: TFunction,
  language: Language,
  change: { name: string; args: unknown; summary: string },
): string {
  if (language === 'en') return change.summary;
  const name = t(isChangeName(change.name) ? `changes.names.${change.name}` : 'changes.names.other');
  const detail = detailOf(change.args);
  const billable =
    typeof change.args === 'object' &&
    change.args !== null &&
    (change.args as Record<string, unknown>)['acceptBillable'] === true;
  const line = detail ? t('changes.withDetail', { change: name, detail }) : name;
  return billable ? `${line} (${t('changes.billable')})` : line;
}

export function useRuleWords() {
  const { t, i18n } = useTranslation();
  const language: Language = isLanguage(i18n.language) ? i18n.language : 'en';
  return {
    t,
    language,
    headline: (mutationName: string, refusal: RefusalLike) => ruleHeadline(t, mutationName, refusal),
    sentence: (refusal: RefusalLike, mutationName?: string, zone?: string) =>
      refusalSentence(t, language, refusal, mutationName, zone),
    change: (change: { name: string; args: unknown; summary: string }) => changeInWords(t, language, change),
    /** Next to one of `fields`, the refusal that names it, in the TAM's language; null otherwise. */
    field: (refusal: RefusalLike | null, fields: readonly string[]) => {
      const english = fieldMessage(refusal, fields);
      return english === null || !refusal || language === 'en'
        ? english
        : refusalSentence(t, language, refusal);
    },
  };
}
