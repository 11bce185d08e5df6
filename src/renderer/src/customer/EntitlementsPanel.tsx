// Best Practices Reviews, training days and custom configurations of this customer.
import { Badge, Button, Card, Group, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { useCustomerDetailStore } from './customerDetailStore';
import type { CustomerStatus } from '../../../core/customerStatus';
import type { LedgerKind } from '../../../core/ledger';
import type { CustomerBook } from '../../../core/records';
import { formatDate } from '../time/zonedFormat';

function billableIds(status: CustomerStatus, kind: LedgerKind): Set<string> {
  const ids = new Set<string>();
  for (const year of status.ledger.years)
    for (const entry of year.lines[kind].entries) if (entry.billable) ids.add(entry.recordId);
  for (const entry of status.ledger.outsideTerm) if (entry.kind === kind) ids.add(entry.recordId);
  return ids;
}

function Billing({ billable }: { billable: boolean }) {
  return billable ? (
    <Badge color="orange" variant="light">
      billable
    </Badge>
  ) : (
    <span>included</span>
  );
}

export function EntitlementsPanel({ book, status }: { book: CustomerBook; status: CustomerStatus }) {
  const billableReviews = billableIds(status, 'bestPracticesReviews');
  const billableTraining = billableIds(status, 'trainingDays');
  const billableSites = billableIds(status, 'customConfigurationSites');
  const open = useCustomerDetailStore((state) => state.open);
  return (
    <SimpleGrid cols={1} spacing="sm">
      <Card withBorder p="sm">
        <Group justify="space-between">
          <Title order={2}>Best Practices Reviews</Title>
          <Button size="compact-xs" variant="light" onClick={() => open({ kind: 'requestReview' })}>
            Request review
          </Button>
        </Group>
        {book.bestPracticesReviews.length === 0 ? (
          <Text size="sm" mt={4}>
            None requested.
          </Text>
        ) : (
          <Table mt={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Requested</Table.Th>
                <Table.Th>Website or application</Table.Th>
                <Table.Th>Objective</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Billing</Table.Th>
                <Table.Th>Findings</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...book.bestPracticesReviews]
                .sort((a, b) => (a.requestedOn < b.requestedOn ? 1 : -1))
                .map((review) => (
                  <Table.Tr key={review.id}>
                    <Table.Td>{formatDate(review.requestedOn)}</Table.Td>
                    <Table.Td>{review.target}</Table.Td>
                    <Table.Td>{review.objective}</Table.Td>
                    <Table.Td>{review.status}</Table.Td>
                    <Table.Td>
                      <Billing billable={billableReviews.has(review.id)} />
                    </Table.Td>
                    <Table.Td>{review.findings.length}</Table.Td>
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
      <Card withBorder p="sm">
        <Group justify="space-between">
          <Title order={2}>Training days</Title>
          <Button size="compact-xs" variant="light" onClick={() => open({ kind: 'scheduleTraining' })}>
            Schedule training
          </Button>
        </Group>
        {book.trainingDays.length === 0 ? (
          <Text size="sm" mt={4}>
            None scheduled.
          </Text>
        ) : (
          <Table mt={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Date</Table.Th>
                <Table.Th>Topic</Table.Th>
                <Table.Th>Attendees</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Billing</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...book.trainingDays]
                .sort((a, b) => (a.date < b.date ? 1 : -1))
                .map((day) => (
                  <Table.Tr key={day.id}>
                    <Table.Td>{formatDate(day.date)}</Table.Td>
                    <Table.Td>{day.topic}</Table.Td>
                    <Table.Td>{day.attendees.length}</Table.Td>
                    <Table.Td>{day.status}</Table.Td>
                    <Table.Td>
                      <Billing billable={billableTraining.has(day.id)} />
                    </Table.Td>
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
      <Card withBorder p="sm">
        <Group justify="space-between">
          <Title order={2}>Custom configurations</Title>
          <Button size="compact-xs" variant="light" onClick={() => open({ kind: 'addCustomConfiguration' })}>
            Record configuration
          </Button>
        </Group>
        {book.customConfigurations.length === 0 ? (
          <Text size="sm" mt={4}>
            None yet.
          </Text>
        ) : (
          <Table mt={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Configured on</Table.Th>
                <Table.Th>Site</Table.Th>
                <Table.Th>Description</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Billing</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...book.customConfigurations]
                .sort((a, b) => (a.configuredOn < b.configuredOn ? 1 : -1))
                .map((configuration) => (
                  <Table.Tr key={configuration.id}>
                    <Table.Td>{formatDate(configuration.configuredOn)}</Table.Td>
                    <Table.Td>{configuration.site}</Table.Td>
                    <Table.Td>{configuration.description}</Table.Td>
                    <Table.Td>{configuration.status}</Table.Td>
                    <Table.Td>
                      <Billing billable={billableSites.has(configuration.id)} />
                    </Table.Td>
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
    </SimpleGrid>
  );
}
