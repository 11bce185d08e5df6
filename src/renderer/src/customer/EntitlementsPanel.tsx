// Best Practices Reviews, training days and custom configurations of this customer.
import { Badge, Button, Card, Group, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { useCustomerDetailStore } from './customerDetailStore';
import type { CustomerStatus } from '../../../core/customerStatus';
import type { LedgerKind } from '../../../core/ledger';
import type { CustomerBook } from '../../../core/records';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../time/zonedFormat';

function billableIds(status: CustomerStatus, kind: LedgerKind): Set<string> {
  const ids = new Set<string>();
  for (const year of status.ledger.years)
    for (const entry of year.lines[kind].entries) if (entry.billable) ids.add(entry.recordId);
  for (const entry of status.ledger.outsideTerm) if (entry.kind === kind) ids.add(entry.recordId);
  return ids;
}

function Billing({ billable }: { billable: boolean }) {
  const { t } = useTranslation();
  return billable ? (
    <Badge color="orange" variant="light">
      {t('customer.entitlements.billable')}
    </Badge>
  ) : (
    <span>{t('customer.entitlements.included')}</span>
  );
}

export function EntitlementsPanel({ book, status }: { book: CustomerBook; status: CustomerStatus }) {
  const billableReviews = billableIds(status, 'bestPracticesReviews');
  const billableTraining = billableIds(status, 'trainingDays');
  const billableSites = billableIds(status, 'customConfigurationSites');
  const { t } = useTranslation();
  const open = useCustomerDetailStore((state) => state.open);
  return (
    <SimpleGrid cols={1} spacing="sm">
      <Card withBorder p="sm">
        <Group justify="space-between">
          <Title order={2}>{t('customer.entitlements.reviews')}</Title>
          <Button size="compact-xs" variant="light" onClick={() => open({ kind: 'requestReview' })}>
            {t('customer.entitlements.requestReview')}
          </Button>
        </Group>
        {book.bestPracticesReviews.length === 0 ? (
          <Text size="sm" mt={4}>
            {t('customer.entitlements.noneRequested')}
          </Text>
        ) : (
          <Table mt={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('customer.entitlements.requested')}</Table.Th>
                <Table.Th>{t('customer.entitlements.target')}</Table.Th>
                <Table.Th>{t('customer.entitlements.objective')}</Table.Th>
                <Table.Th>{t('customer.entitlements.status')}</Table.Th>
                <Table.Th>{t('customer.entitlements.billing')}</Table.Th>
                <Table.Th>{t('customer.entitlements.findings')}</Table.Th>
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
                    <Table.Td>{t(`customer.entitlements.states.${review.status}`)}</Table.Td>
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
          <Title order={2}>{t('customer.entitlements.training')}</Title>
          <Button size="compact-xs" variant="light" onClick={() => open({ kind: 'scheduleTraining' })}>
            {t('customer.entitlements.scheduleTraining')}
          </Button>
        </Group>
        {book.trainingDays.length === 0 ? (
          <Text size="sm" mt={4}>
            {t('customer.entitlements.noneScheduled')}
          </Text>
        ) : (
          <Table mt={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('customer.entitlements.date')}</Table.Th>
                <Table.Th>{t('customer.entitlements.topic')}</Table.Th>
                <Table.Th>{t('customer.entitlements.attendees')}</Table.Th>
                <Table.Th>{t('customer.entitlements.status')}</Table.Th>
                <Table.Th>{t('customer.entitlements.billing')}</Table.Th>
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
                    <Table.Td>{t(`customer.entitlements.states.${day.status}`)}</Table.Td>
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
          <Title order={2}>{t('customer.entitlements.configurations')}</Title>
          <Button size="compact-xs" variant="light" onClick={() => open({ kind: 'addCustomConfiguration' })}>
            {t('customer.entitlements.recordConfiguration')}
          </Button>
        </Group>
        {book.customConfigurations.length === 0 ? (
          <Text size="sm" mt={4}>
            {t('customer.entitlements.noneYet')}
          </Text>
        ) : (
          <Table mt={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('customer.entitlements.configuredOn')}</Table.Th>
                <Table.Th>{t('customer.entitlements.site')}</Table.Th>
                <Table.Th>{t('customer.entitlements.description')}</Table.Th>
                <Table.Th>{t('customer.entitlements.status')}</Table.Th>
                <Table.Th>{t('customer.entitlements.billing')}</Table.Th>
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
                    <Table.Td>{t(`customer.entitlements.states.${configuration.status}`)}</Table.Td>
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
