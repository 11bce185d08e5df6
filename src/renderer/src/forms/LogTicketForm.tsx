// Log a ticket with a severity from the plan's own vocabulary; the form shows the objective and,
// from the core's response clock, the deadline it would have if logged now.
import { Modal, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useMemo, useState, type FormEvent } from 'react';
import type { Ticket } from '../../../core/records';
import { initialResponseDue, ticketPlanOf } from '../../../core/tickets';
import { usePlanWords } from '../i18n/usePlanWords';
import { useNow } from '../time/clock';
import { formatInstant, formatShortInstant, zoneAbbreviation } from '../time/zonedFormat';
import type { CustomerFormProps } from './customerFormProps';
import { FormButtons } from './FormButtons';
import { newRecordId } from './newRecordId';
import { RefusalAlert } from './RefusalAlert';
import { useChangeSubmit } from './useChangeSubmit';
import { useTranslation } from 'react-i18next';

const fields = ['title', 'severity', 'projectId'];

export function LogTicketForm({
  book,
  settings,
  templates,
  onClose,
  onSaved,
}: CustomerFormProps & { onSaved(): void }) {
  const { t } = useTranslation();
  const { objectiveWords } = usePlanWords();
  const now = useNow(15_000);
  const plan = useMemo(() => ticketPlanOf(book, templates), [book, templates]);
  const [title, setTitle] = useState('');
  const [severity, setSeverity] = useState<string | null>(plan?.severities[0]?.id ?? null);
  const [projectId, setProjectId] = useState<string | null>(book.projects[0]?.id ?? null);
  const change = useChangeSubmit([title, severity, projectId]);
  const chosen = plan?.severities.find((candidate) => candidate.id === severity) ?? null;
  const zone = book.customer.timeZone;

  // The deadline this ticket would get if it were opened now, from the core's response clock.
  const due = useMemo(() => {
    if (!plan || !severity) return null;
    const draft: Ticket = {
      id: 'draft',
      customerId: book.customer.id,
      projectId: null,
      title: 'draft',
      openedAt: now,
      severityHistory: [{ severity, at: now, by: null, reason: '' }],
      firstResponseAt: null,
      awaitingCustomerSince: null,
      escalations: [],
      status: 'open',
      resolvedAt: null,
      resolution: null,
      customerConfirmedAt: null,
    };
    return initialResponseDue(draft, plan, {
      timeZone: zone,
      country: book.customer.country,
      region: book.customer.region,
    });
  }, [plan, severity, now, book.customer, zone]);

  async function save(event: FormEvent) {
    event.preventDefault();
    await change.submit(
      [
        {
          name: 'openTicket',
          version: 1,
          args: {
            id: newRecordId('ticket'),
            customerId: book.customer.id,
            projectId,
            title,
            severity: severity ?? '',
          },
        },
      ],
      () => {
        onClose();
        onSaved();
      },
    );
  }

  return (
    <Modal opened onClose={onClose} title={t('forms.logTicket', { customer: book.customer.name })}>
      <form onSubmit={save} noValidate>
        <Stack gap="xs">
          {!plan ? <Text size="sm">{t('forms.noPlan')}</Text> : null}
          <TextInput
            label={t('forms.title')}
            required
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={change.errorFor('title')}
            data-autofocus
          />
          <SimpleGrid cols={2} spacing="xs">
            <Select
              label={t('forms.severity')}
              data={(plan?.severities ?? []).map((candidate) => ({
                value: candidate.id,
                label: candidate.label,
              }))}
              value={severity}
              onChange={setSeverity}
              allowDeselect={false}
              error={change.errorFor('severity')}
            />
            <Select
              label={t('forms.project')}
              placeholder={t('forms.wholeAccount')}
              data={book.projects.map((p) => ({ value: p.id, label: p.name }))}
              value={projectId}
              onChange={setProjectId}
              clearable
              error={change.errorFor('projectId')}
            />
          </SimpleGrid>
          {chosen ? (
            <Text size="sm">
              {t('forms.firstResponseWithin', { objective: objectiveWords(chosen.initialResponse) })}{' '}
              {due
                ? t('forms.dueBy', {
                    customerTime: `${formatInstant(due.deadline, zone)} ${zoneAbbreviation(due.deadline, zone)}`,
                    myTime: `${formatShortInstant(due.deadline, settings.timeZone)} ${zoneAbbreviation(due.deadline, settings.timeZone)}`,
                  })
                : t('forms.noDeadline')}
            </Text>
          ) : null}
          <RefusalAlert refusal={change.generalRefusal(fields)} />
          <FormButtons saving={change.saving} submitLabel={t('forms.logTicketSubmit')} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}
