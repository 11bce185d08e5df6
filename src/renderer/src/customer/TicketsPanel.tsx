// Tickets with their response objectives: the deadline in both zones, how much time is left or
// how late it ran, and the service credits that earned, all from the core's response clock.
import { Button, Card, Group, Menu, Stack, Table, Text } from '@mantine/core';
import type { CustomerStatus } from '../../../core/customerStatus';
import type { PlanTemplate } from '../../../core/plans';
import type { CustomerBook, Ticket } from '../../../core/records';
import {
  currentSeverity,
  severityOnPlan,
  ticketObjectives,
  ticketPlanOf,
  type ObjectiveOutcome,
  type OpenObjective,
} from '../../../core/tickets';
import type { Instant } from '../../../core/time';
import { useChangeSubmit } from '../forms/useChangeSubmit';
import { RefusalAlert } from '../forms/RefusalAlert';
import { ObjectivesChart } from '../charts/LazyCharts';
import { formatDuration } from '../time/zonedFormat';
import { ZonedInstant } from '../time/ZonedInstant';
import { newRecordId } from '../forms/newRecordId';
import { useCustomerDetailStore } from './customerDetailStore';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { usePlanWords } from '../i18n/usePlanWords';

type Props = {
  book: CustomerBook;
  status: CustomerStatus;
  templates: readonly PlanTemplate[];
  now: Instant;
  myZone: string;
};

function objectiveState(
  t: TFunction,
  outcome: ObjectiveOutcome,
  open: OpenObjective | undefined,
): { text: string; color: string } {
  if (outcome.answeredAt !== null) {
    return outcome.minutesLate > 0
      ? {
          text: t('customer.tickets.answeredLate', { duration: formatDuration(outcome.minutesLate) }),
          color: 'red',
        }
      : { text: t('customer.tickets.answeredInTime'), color: 'green' };
  }
  if (!open)
    return {
      text:
        outcome.minutesLate > 0
          ? t('customer.tickets.missedBy', { duration: formatDuration(outcome.minutesLate) })
          : t('customer.tickets.closed'),
      color: 'dark',
    };
  if (open.status === 'breached')
    return {
      text: t('customer.tickets.lateBy', { duration: formatDuration(open.minutesLate) }),
      color: 'red',
    };
  const left = open.minutesRemaining ?? 0;
  return open.status === 'at-risk'
    ? { text: t('customer.tickets.leftAtRisk', { duration: formatDuration(left) }), color: 'orange' }
    : { text: t('customer.tickets.left', { duration: formatDuration(left) }), color: 'blue' };
}

/** What a TAM does with an open ticket besides answering it: each is a named core mutation. */
function TicketActions({
  ticket,
  onAct,
  onChangeSeverity,
}: {
  ticket: Ticket;
  onAct(name: string, extra?: Record<string, unknown>): void;
  onChangeSeverity(): void;
}) {
  const { t } = useTranslation();
  const unanswered = ticket.escalations.filter((escalation) => escalation.respondedAt === null);
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <Button
          size="compact-xs"
          variant="default"
          aria-label={t('customer.tickets.moreOn', { title: ticket.title })}
        >
          {t('customer.tickets.more')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={onChangeSeverity}>{t('customer.tickets.changeSeverity')}</Menu.Item>
        <Menu.Item
          onClick={() => onAct('escalateTicket', { escalationId: newRecordId('esc'), urgent: false })}
        >
          {t('customer.tickets.escalate')}
        </Menu.Item>
        <Menu.Item
          onClick={() => onAct('escalateTicket', { escalationId: newRecordId('esc'), urgent: true })}
        >
          {t('customer.tickets.escalateUrgent')}
        </Menu.Item>
        {unanswered.map((escalation) => (
          <Menu.Item
            key={escalation.id}
            onClick={() => onAct('answerEscalation', { escalationId: escalation.id })}
          >
            {escalation.urgent
              ? t('customer.tickets.managerAnswerUrgent')
              : t('customer.tickets.managerAnswer')}
          </Menu.Item>
        ))}
        <Menu.Divider />
        {ticket.awaitingCustomerSince === null ? (
          <Menu.Item onClick={() => onAct('awaitCustomer')}>{t('customer.tickets.awaitCustomer')}</Menu.Item>
        ) : (
          <Menu.Item onClick={() => onAct('recordCustomerReply')}>
            {t('customer.tickets.customerReplied')}
          </Menu.Item>
        )}
        <Menu.Item onClick={() => onAct('resolveTicket', { resolution: 'customer-confirmed' })}>
          {t('customer.tickets.resolveConfirmed')}
        </Menu.Item>
        <Menu.Item onClick={() => onAct('resolveTicket', { resolution: 'cause-elsewhere' })}>
          {t('customer.tickets.resolveElsewhere')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

export function TicketsPanel({ book, status, templates, now, myZone }: Props) {
  const { t } = useTranslation();
  const { objectiveWords } = usePlanWords();
  const change = useChangeSubmit();
  const openForm = useCustomerDetailStore((state) => state.open);
  const plan = ticketPlanOf(book, templates);
  if (!plan) return <Text size="sm">{t('customer.tickets.needPlan')}</Text>;
  if (book.tickets.length === 0) return <Text size="sm">{t('customer.tickets.none')}</Text>;
  const calendar = {
    timeZone: book.customer.timeZone,
    country: book.customer.country,
    region: book.customer.region,
  };
  const tickets = [...book.tickets].sort((a, b) => (a.openedAt < b.openedAt ? 1 : -1));
  const zone = book.customer.timeZone;

  function act(ticket: Ticket, name: string, extra: Record<string, unknown> = {}) {
    void change.submit([
      { name, version: 1, args: { customerId: book.customer.id, ticketId: ticket.id, ...extra } },
    ]);
  }

  return (
    <Stack gap="sm">
      <RefusalAlert refusal={change.refusal} />
      <Table aria-label={t('customer.tickets.table')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('customer.tickets.ticket')}</Table.Th>
            <Table.Th>{t('customer.tickets.severity')}</Table.Th>
            <Table.Th>{t('customer.tickets.opened')}</Table.Th>
            <Table.Th>{t('customer.tickets.objective')}</Table.Th>
            <Table.Th>{t('customer.tickets.deadline')}</Table.Th>
            <Table.Th>{t('customer.tickets.state')}</Table.Th>
            <Table.Th ta="right">{t('customer.tickets.credits')}</Table.Th>
            <Table.Th aria-label={t('customer.tickets.actions')} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tickets.flatMap((ticket) => {
            const severity = severityOnPlan(plan, currentSeverity(ticket));
            const outcomes = ticketObjectives(ticket, plan, calendar, now);
            const credits = outcomes.reduce((sum, outcome) => sum + outcome.creditDays, 0);
            const first = outcomes[0];
            const rows = outcomes.length > 0 ? outcomes : [null];
            return rows.map((outcome, index) => {
              const open = outcome
                ? status.openObjectives.find(
                    (candidate) =>
                      candidate.ticketId === ticket.id &&
                      candidate.kind === outcome.kind &&
                      candidate.escalationId === outcome.escalationId,
                  )
                : undefined;
              const state = outcome ? objectiveState(t, outcome, open) : null;
              return (
                <Table.Tr key={`${ticket.id}-${index}`}>
                  <Table.Td>{index === 0 ? ticket.title : ''}</Table.Td>
                  <Table.Td>
                    {index === 0 ? (
                      <>
                        {severity?.label ?? currentSeverity(ticket)}
                        {ticket.status === 'resolved' ? t('customer.tickets.resolved') : ''}
                      </>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    {index === 0 ? (
                      <ZonedInstant instant={ticket.openedAt} customerZone={zone} myZone={myZone} now={now} />
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    {outcome
                      ? t(
                          outcome.kind === 'initial-response'
                            ? 'customer.tickets.firstResponseWithin'
                            : outcome.urgent
                              ? 'customer.tickets.urgentWithin'
                              : 'customer.tickets.escalationWithin',
                          { objective: objectiveWords(outcome.objective) },
                        )
                      : t('customer.tickets.firstResponse', {
                          objective: objectiveWords(severity?.initialResponse ?? null),
                        })}
                  </Table.Td>
                  <Table.Td>
                    {outcome ? (
                      <ZonedInstant instant={outcome.deadline} customerZone={zone} myZone={myZone} />
                    ) : (
                      '–'
                    )}
                  </Table.Td>
                  <Table.Td>
                    {state ? (
                      <Text span size="xs" fw={600} c={`var(--mantine-color-${state.color}-light-color)`}>
                        {state.text}
                      </Text>
                    ) : (
                      '–'
                    )}
                  </Table.Td>
                  <Table.Td ta="right" className="tabular">
                    {index === 0 ? t('customer.tickets.creditDays', { count: credits }) : ''}
                  </Table.Td>
                  <Table.Td>
                    {index === 0 && ticket.status === 'open' ? (
                      <Group gap={4} wrap="nowrap">
                        {ticket.firstResponseAt === null && first ? (
                          <Button
                            size="compact-xs"
                            variant="light"
                            onClick={() => act(ticket, 'respondToTicket')}
                          >
                            {t('customer.tickets.recordResponse')}
                          </Button>
                        ) : null}
                        <TicketActions
                          ticket={ticket}
                          onAct={(name, extra) => act(ticket, name, extra)}
                          onChangeSeverity={() => openForm({ kind: 'changeSeverity', ticketId: ticket.id })}
                        />
                      </Group>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              );
            });
          })}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed" mt={-8}>
        {t('customer.tickets.creditsNote')}
      </Text>
      <Card withBorder p="sm">
        <ObjectivesChart book={book} templates={templates} now={now} />
      </Card>
    </Stack>
  );
}
