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
import { objectiveWords } from './planWords';

type Props = {
  book: CustomerBook;
  status: CustomerStatus;
  templates: readonly PlanTemplate[];
  now: Instant;
  myZone: string;
};

function objectiveState(
  outcome: ObjectiveOutcome,
  open: OpenObjective | undefined,
): { text: string; color: string } {
  if (outcome.answeredAt !== null) {
    return outcome.minutesLate > 0
      ? { text: `answered ${formatDuration(outcome.minutesLate)} late`, color: 'red' }
      : { text: 'answered in time', color: 'green' };
  }
  if (!open)
    return {
      text: outcome.minutesLate > 0 ? `missed by ${formatDuration(outcome.minutesLate)}` : 'closed',
      color: 'dark',
    };
  if (open.status === 'breached')
    return { text: `late by ${formatDuration(open.minutesLate)}`, color: 'red' };
  const left = open.minutesRemaining ?? 0;
  return open.status === 'at-risk'
    ? { text: `${formatDuration(left)} left, at risk`, color: 'orange' }
    : { text: `${formatDuration(left)} left`, color: 'blue' };
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
  const unanswered = ticket.escalations.filter((escalation) => escalation.respondedAt === null);
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <Button size="compact-xs" variant="default" aria-label={`More on ticket ${ticket.title}`}>
          More…
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={onChangeSeverity}>Change severity…</Menu.Item>
        <Menu.Item
          onClick={() => onAct('escalateTicket', { escalationId: newRecordId('esc'), urgent: false })}
        >
          Escalate to a manager
        </Menu.Item>
        <Menu.Item
          onClick={() => onAct('escalateTicket', { escalationId: newRecordId('esc'), urgent: true })}
        >
          Escalate as urgent
        </Menu.Item>
        {unanswered.map((escalation) => (
          <Menu.Item
            key={escalation.id}
            onClick={() => onAct('answerEscalation', { escalationId: escalation.id })}
          >
            Record the manager’s answer{escalation.urgent ? ' (urgent)' : ''}
          </Menu.Item>
        ))}
        <Menu.Divider />
        {ticket.awaitingCustomerSince === null ? (
          <Menu.Item onClick={() => onAct('awaitCustomer')}>Waiting on the customer</Menu.Item>
        ) : (
          <Menu.Item onClick={() => onAct('recordCustomerReply')}>The customer replied</Menu.Item>
        )}
        <Menu.Item onClick={() => onAct('resolveTicket', { resolution: 'customer-confirmed' })}>
          Resolve: the customer confirmed
        </Menu.Item>
        <Menu.Item onClick={() => onAct('resolveTicket', { resolution: 'cause-elsewhere' })}>
          Resolve: the cause is elsewhere
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

export function TicketsPanel({ book, status, templates, now, myZone }: Props) {
  const change = useChangeSubmit();
  const openForm = useCustomerDetailStore((state) => state.open);
  const plan = ticketPlanOf(book, templates);
  if (!plan) return <Text size="sm">Tickets need a contract on a known plan.</Text>;
  if (book.tickets.length === 0) return <Text size="sm">No tickets.</Text>;
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
      <Table aria-label="Tickets">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Ticket</Table.Th>
            <Table.Th>Severity</Table.Th>
            <Table.Th>Opened</Table.Th>
            <Table.Th>Objective</Table.Th>
            <Table.Th>Deadline</Table.Th>
            <Table.Th>State</Table.Th>
            <Table.Th ta="right">Credits</Table.Th>
            <Table.Th aria-label="Actions" />
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
              const state = outcome ? objectiveState(outcome, open) : null;
              return (
                <Table.Tr key={`${ticket.id}-${index}`}>
                  <Table.Td>{index === 0 ? ticket.title : ''}</Table.Td>
                  <Table.Td>
                    {index === 0 ? (
                      <>
                        {severity?.label ?? currentSeverity(ticket)}
                        {ticket.status === 'resolved' ? ' · resolved' : ''}
                      </>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    {index === 0 ? (
                      <ZonedInstant instant={ticket.openedAt} customerZone={zone} myZone={myZone} />
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    {outcome
                      ? `${outcome.kind === 'initial-response' ? 'First response' : outcome.urgent ? 'Urgent escalation' : 'Escalation'} within ${objectiveWords(outcome.objective)}`
                      : `First response: ${objectiveWords(severity?.initialResponse ?? null)}`}
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
                    {index === 0 ? `${credits} d` : ''}
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
                            Record response
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
        Credits: one day added to the term for every full 15 minutes an objective is missed.
      </Text>
      <Card withBorder p="sm">
        <ObjectivesChart book={book} templates={templates} now={now} />
      </Card>
    </Stack>
  );
}
