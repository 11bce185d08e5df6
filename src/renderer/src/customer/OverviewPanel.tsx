// Overview: the contract and the plan as it governs this customer (template, overrides and
// add-ons, resolved by the core), the term with its service credits, and the review cadence.
import { Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { CustomerStatus } from '../../../core/customerStatus';
import { securityResponseTeamEntitled } from '../../../core/entitlements';
import { allowanceKinds, findPlanTemplate, resolvePlan, type PlanTemplate } from '../../../core/plans';
import type { CustomerBook } from '../../../core/records';
import { formatDate } from '../time/zonedFormat';
import { ZonedInstant } from '../time/ZonedInstant';
import { clockLabels, kindLabel, objectiveWords } from './planWords';

type Props = {
  book: CustomerBook;
  status: CustomerStatus;
  templates: readonly PlanTemplate[];
  myZone: string;
};

const cadenceWords = {
  'on-track': 'On track',
  overdue: 'Overdue: a call ended without being logged',
  missed: 'The last call was missed',
  'not-scheduled': 'No call scheduled',
} as const;

export function OverviewPanel({ book, status, templates, myZone }: Props) {
  const contract = book.contract;
  const template = contract ? findPlanTemplate(contract.planId, templates) : undefined;
  const year = status.contractYear?.index ?? 1;
  const plan = contract && template ? resolvePlan(template, contract.overrides, contract.addOns, year) : null;
  const srt = plan ? securityResponseTeamEntitled(plan) : null;
  const overridden = contract?.overrides.included ?? {};
  const responseOverrides = contract?.overrides.initialResponse ?? {};
  const cadence = status.cadence;
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="sm">
      <Card withBorder p="sm">
        <Title order={2}>Contract</Title>
        {contract && plan ? (
          <Table mt={4} variant="vertical" layout="fixed">
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={170}>Plan</Table.Th>
                <Table.Td>{plan.template.name}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Start · term</Table.Th>
                <Table.Td>
                  {formatDate(contract.startDate)} · {contract.termMonths} months
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Contract year</Table.Th>
                <Table.Td>
                  {status.contractYear
                    ? `Year ${status.contractYear.index}: ${formatDate(status.contractYear.from)} – ${formatDate(status.contractYear.to)} (exclusive)`
                    : 'Today is outside the term'}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Renewal</Table.Th>
                <Table.Td>
                  {status.renewalDate ? formatDate(status.renewalDate) : '–'}
                  {status.serviceCreditDays > 0
                    ? ` (term extended by ${status.serviceCreditDays} service-credit days)`
                    : ''}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Support hours</Table.Th>
                <Table.Td>{clockLabels[plan.supportHours]}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Security Response Team</Table.Th>
                <Table.Td>
                  {srt?.entitled
                    ? 'Entitled (DDoS-protection add-on)'
                    : srt && !srt.entitled
                      ? srt.message
                      : '–'}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Slack channel</Table.Th>
                <Table.Td>
                  {plan.slackChannel
                    ? 'Yes (add-on)'
                    : plan.template.slackChannel === 'addon'
                      ? 'Available as an add-on'
                      : 'Not offered'}
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        ) : (
          <Text size="sm" mt={4}>
            No contract yet.
          </Text>
        )}
      </Card>
      <Card withBorder p="sm">
        <Title order={2}>Review cadence</Title>
        <Stack gap={4} mt={4}>
          <Group gap="xs">
            <Badge
              color={
                cadence.status === 'on-track' ? 'green' : cadence.status === 'overdue' ? 'red' : 'orange'
              }
              variant="light"
            >
              {cadenceWords[cadence.status]}
            </Badge>
            {cadence.notScheduledForNextTwoWeeks && cadence.status !== 'not-scheduled' ? (
              <Badge color="orange" variant="light">
                No call in the next two weeks
              </Badge>
            ) : null}
          </Group>
          <Text size="sm">
            Next call:{' '}
            {cadence.nextCall ? (
              <ZonedInstant
                instant={cadence.nextCall.effectiveStartsAt}
                customerZone={book.customer.timeZone}
                myZone={myZone}
              />
            ) : (
              'none scheduled'
            )}
          </Text>
          <Text size="sm">
            Last held:{' '}
            {cadence.lastHeld ? (
              <ZonedInstant
                instant={cadence.lastHeld.startsAt}
                customerZone={book.customer.timeZone}
                myZone={myZone}
              />
            ) : (
              'none yet'
            )}
          </Text>
          <Text size="sm">Missed in the last 90 days: {cadence.missedInLast90Days}</Text>
        </Stack>
      </Card>
      {plan ? (
        <Card withBorder p="sm">
          <Title order={2}>Allowances per contract year {status.contractYear ? `(year ${year})` : ''}</Title>
          <Table mt={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Allowance</Table.Th>
                <Table.Th ta="right">Included</Table.Th>
                <Table.Th ta="right">Add-ons</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...allowanceKinds, 'tamHoursPerWeek' as const].map((kind) => (
                <Table.Tr key={kind}>
                  <Table.Td>{kind === 'tamHoursPerWeek' ? 'TAM hours per week' : kindLabel(kind)}</Table.Td>
                  <Table.Td ta="right" className="tabular">
                    {plan.included[kind]}
                    {overridden[kind] !== undefined ? ' (override)' : ''}
                  </Table.Td>
                  <Table.Td ta="right" className="tabular">
                    {plan.addOn[kind] > 0 ? `+${plan.addOn[kind]}` : '–'}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {contract && contract.addOns.length > 0 ? (
            <Text size="xs" mt={4}>
              Add-ons:{' '}
              {contract.addOns
                .map(
                  (addOn) =>
                    `${addOn.kind} ×${addOn.quantity} (${addOn.contractYear === null ? 'every year' : `year ${addOn.contractYear}`})`,
                )
                .join('; ')}
            </Text>
          ) : null}
        </Card>
      ) : null}
      {plan ? (
        <Card withBorder p="sm">
          <Title order={2}>Initial-response objectives</Title>
          <Table mt={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Severity</Table.Th>
                <Table.Th>First response within</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {plan.severities.map((severity) => (
                <Table.Tr key={severity.id}>
                  <Table.Td>{severity.label}</Table.Td>
                  <Table.Td>
                    {objectiveWords(severity.initialResponse)}
                    {severity.id in responseOverrides ? ' (override)' : ''}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text size="xs" mt={4}>
            Escalations:{' '}
            {plan.escalation
              ? `manager answer ${objectiveWords(plan.escalation.standard)}; urgent ${objectiveWords(plan.escalation.urgent)}`
              : 'no escalation objectives on this plan'}
          </Text>
        </Card>
      ) : null}
    </SimpleGrid>
  );
}
