// Raise or lower a ticket's severity with a reason. The core decides what the change does to the
// response clock (a raise before the first response starts the new objective, a lowering never
// loosens a deadline); the form shows the first-response deadline the change would give, live.
import { Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMemo, useState, type FormEvent } from 'react';
import { ticketObjectives, ticketPlanOf } from '../../../core/tickets';
import { ruleColors } from '../theme';
import { useNow } from '../time/clock';
import { formatShortInstant } from '../time/zonedFormat';
import type { CustomerFormProps } from './customerFormProps';
import { FormButtons } from './FormButtons';
import { RefusalAlert } from './RefusalAlert';
import { useChangeSubmit } from './useChangeSubmit';
import { useMutationPreview } from './useMutationPreview';
import { useTranslation } from 'react-i18next';
import { useRuleWords } from '../i18n/useRuleWords';

const fields = ['severity', 'reason'];

export function ChangeSeverityForm({
  book,
  settings,
  templates,
  onClose,
  ticketId,
}: CustomerFormProps & { ticketId: string }) {
  const { t } = useTranslation();
  const words = useRuleWords();
  const now = useNow(15_000);
  const plan = useMemo(() => ticketPlanOf(book, templates), [book, templates]);
  const ticket = book.tickets.find((candidate) => candidate.id === ticketId) ?? null;
  const current = ticket?.severityHistory.at(-1)?.severity ?? null;
  const [severity, setSeverity] = useState<string | null>(current);
  const [reason, setReason] = useState('');
  const change = useChangeSubmit([severity, reason]);
  const request = {
    name: 'changeTicketSeverity',
    version: 1,
    args: { customerId: book.customer.id, ticketId, severity: severity ?? '', reason },
  };
  const preview = useMutationPreview(book, request, settings, templates, now);
  const errorFor = (field: string) =>
    change.errorFor(field) ??
    (preview.ok || (field === 'reason' && reason === '') ? null : words.field(preview.rejection, [field]));

  const deadlines = useMemo(() => {
    if (!plan || !ticket || !preview.ok) return null;
    const after = preview.after.tickets.find((candidate) => candidate.id === ticketId);
    if (!after) return null;
    const first = (outcomes: ReturnType<typeof ticketObjectives>) =>
      outcomes.find((outcome) => outcome.kind === 'initial-response')?.deadline ?? null;
    return {
      before: first(ticketObjectives(ticket, plan, book.customer, now)),
      after: first(ticketObjectives(after, plan, book.customer, now)),
    };
  }, [plan, ticket, preview, ticketId, book.customer, now]);

  async function save(event: FormEvent) {
    event.preventDefault();
    await change.submit([request], onClose);
  }

  if (!ticket || !plan) return null;
  const myZone = settings.timeZone;
  return (
    <Modal opened onClose={onClose} title={t('forms.changeSeverity', { ticket: ticket.title })}>
      <form onSubmit={save} noValidate>
        <Stack gap="xs">
          <Select
            label={t('forms.severity')}
            data={plan.severities.map((candidate) => ({ value: candidate.id, label: candidate.label }))}
            value={severity}
            onChange={setSeverity}
            allowDeselect={false}
            error={errorFor('severity')}
            data-autofocus
          />
          <TextInput
            label={t('forms.why')}
            required
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errorFor('reason')}
          />
          {deadlines && severity !== current ? (
            <Text size="sm" c={ruleColors.warns} aria-live="polite">
              {deadlines.before !== deadlines.after
                ? t('forms.firstResponseDue', {
                    after: deadlines.after
                      ? formatShortInstant(deadlines.after, myZone)
                      : t('forms.bestEffort'),
                    before: deadlines.before
                      ? formatShortInstant(deadlines.before, myZone)
                      : t('forms.bestEffort'),
                    zone: myZone,
                  })
                : t('forms.firstResponseDueSame', {
                    after: deadlines.after
                      ? formatShortInstant(deadlines.after, myZone)
                      : t('forms.bestEffort'),
                    zone: myZone,
                  })}
            </Text>
          ) : null}
          <RefusalAlert refusal={change.generalRefusal(fields)} />
          <FormButtons
            saving={change.saving}
            submitLabel={t('forms.changeSeveritySubmit')}
            onCancel={onClose}
          />
        </Stack>
      </form>
    </Modal>
  );
}
