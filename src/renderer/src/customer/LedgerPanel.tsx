// The allowance ledger per contract year, as the core derives it: what is included, bought,
// reserved, used and left, with each entry, a use bar per allowance and a burn-down chart per year.
import { Accordion, Badge, Box, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import type { CustomerStatus } from '../../../core/customerStatus';
import { ledgerKinds, type AllowanceLine, type LedgerEntry } from '../../../core/ledger';
import { AllowanceBurnDown } from '../charts/LazyCharts';
import { formatDate } from '../time/zonedFormat';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { usePlanWords } from '../i18n/usePlanWords';
import { ruleColors } from '../theme';

function BurnDown({ line }: { line: AllowanceLine }) {
  const { t } = useTranslation();
  const { kindLabel } = usePlanWords();
  if (line.available === 0) return <Text size="xs">{t('customer.ledger.notIncluded')}</Text>;
  const used = Math.min(100, (line.used / line.available) * 100);
  const reserved = Math.min(100 - used, (line.reserved / line.available) * 100);
  return (
    <Progress.Root size="md" w={140}>
      <Progress.Section
        value={used}
        color={line.remaining === 0 ? 'red.8' : 'blue.8'}
        aria-label={t('customer.ledger.usedOf', {
          allowance: kindLabel(line.kind),
          used: line.used,
          available: line.available,
        })}
      />
      {line.reserved > 0 ? (
        <Progress.Section
          value={reserved}
          color="yellow.6"
          aria-label={t('customer.ledger.reservedOf', {
            allowance: kindLabel(line.kind),
            reserved: line.reserved,
          })}
        />
      ) : null}
    </Progress.Root>
  );
}

/** An entry's label: the record's own words, or for TAM time what kind of time it was. */
function entryLabel(t: TFunction, entry: LedgerEntry): string {
  if (entry.table === 'reviewCalls') return t('customer.ledger.reviewCall');
  if (entry.table === 'tamTimeEntries') return t('customer.ledger.tamTime');
  return entry.label;
}

function forecastWords(t: TFunction, line: AllowanceLine): string {
  if (line.available === 0) return '';
  if (line.remaining === 0 && line.reserved === 0)
    return line.overage > 0
      ? t('customer.ledger.usedUpBillable', { count: line.overage })
      : t('customer.ledger.usedUp');
  if (line.remaining === 0) return t('customer.ledger.restReserved');
  if (!line.forecast) return '';
  if (line.forecast.runsOutBeforeRenewal && line.forecast.exhaustsOn)
    return t('customer.ledger.runsOutAround', { date: formatDate(line.forecast.exhaustsOn) });
  return line.forecast.exhaustsOn ? t('customer.ledger.lastsPastRenewal') : t('customer.ledger.lastsYear');
}

export function LedgerPanel({ status }: { status: CustomerStatus }) {
  const { t } = useTranslation();
  const { kindLabel } = usePlanWords();
  const ledger = status.ledger;
  if (ledger.status !== 'ok')
    return (
      <Text size="sm">
        {ledger.status === 'no-contract' ? t('customer.ledger.noContract') : t('customer.ledger.unknownPlan')}
      </Text>
    );
  const current = status.contractYear?.index;
  return (
    <Stack gap="xs">
      <Accordion multiple defaultValue={current ? [String(current)] : []} variant="separated">
        {ledger.years.map((year) => (
          <Accordion.Item key={year.contractYear.index} value={String(year.contractYear.index)}>
            <Accordion.Control>
              <Group gap="xs">
                <Text size="sm" fw={600}>
                  {t('customer.ledger.year', { year: year.contractYear.index })}
                </Text>
                <Text size="xs">
                  {t('customer.ledger.range', {
                    from: formatDate(year.contractYear.from),
                    to: formatDate(year.contractYear.to),
                  })}
                </Text>
                {year.contractYear.index === current ? (
                  <Badge variant="light">{t('customer.ledger.current')}</Badge>
                ) : null}
              </Group>
            </Accordion.Control>
            <Accordion.Panel>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('customer.ledger.allowance')}</Table.Th>
                    <Table.Th ta="right">{t('customer.ledger.included')}</Table.Th>
                    <Table.Th ta="right">{t('customer.ledger.bought')}</Table.Th>
                    <Table.Th ta="right">{t('customer.ledger.reserved')}</Table.Th>
                    <Table.Th ta="right">{t('customer.ledger.used')}</Table.Th>
                    <Table.Th ta="right">{t('customer.ledger.left')}</Table.Th>
                    <Table.Th ta="right">{t('customer.ledger.billable')}</Table.Th>
                    <Table.Th>{t('customer.ledger.use')}</Table.Th>
                    <Table.Th>{t('customer.ledger.forecast')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {ledgerKinds.map((kind) => {
                    const line = year.lines[kind];
                    return (
                      <Table.Tr key={kind}>
                        <Table.Td>{kindLabel(kind)}</Table.Td>
                        <Table.Td ta="right" className="tabular">
                          {line.included}
                        </Table.Td>
                        <Table.Td ta="right" className="tabular">
                          {line.addOn}
                        </Table.Td>
                        <Table.Td ta="right" className="tabular">
                          {line.reserved}
                        </Table.Td>
                        <Table.Td ta="right" className="tabular">
                          {line.used}
                        </Table.Td>
                        <Table.Td
                          ta="right"
                          className="tabular"
                          c={line.available > 0 && line.remaining === 0 ? ruleColors.refused : undefined}
                          fw={line.available > 0 && line.remaining === 0 ? 600 : undefined}
                        >
                          {line.remaining}
                        </Table.Td>
                        <Table.Td ta="right" className="tabular">
                          {line.overage}
                        </Table.Td>
                        <Table.Td>
                          <BurnDown line={line} />
                        </Table.Td>
                        <Table.Td>{forecastWords(t, line)}</Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
              <Box mt="xs" maw={900}>
                <AllowanceBurnDown year={year} today={status.today} />
              </Box>
              <Title order={3} mt="xs">
                {t('customer.ledger.entries')}
              </Title>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('customer.ledger.date')}</Table.Th>
                    <Table.Th>{t('customer.ledger.allowance')}</Table.Th>
                    <Table.Th>{t('customer.ledger.what')}</Table.Th>
                    <Table.Th ta="right">{t('customer.ledger.quantity')}</Table.Th>
                    <Table.Th>{t('customer.ledger.billing')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {ledgerKinds
                    .flatMap((kind) => year.lines[kind].entries.map((entry) => ({ kind, entry })))
                    .sort((a, b) => (a.entry.date < b.entry.date ? -1 : a.entry.date > b.entry.date ? 1 : 0))
                    .map(({ kind, entry }) => (
                      <Table.Tr key={`${kind}-${entry.recordId}`}>
                        <Table.Td>{formatDate(entry.date)}</Table.Td>
                        <Table.Td>{kindLabel(kind)}</Table.Td>
                        <Table.Td>{entryLabel(t, entry)}</Table.Td>
                        <Table.Td ta="right" className="tabular">
                          {entry.quantity}
                        </Table.Td>
                        <Table.Td>
                          {entry.billable ? (
                            <Badge color="orange" variant="light">
                              {t('customer.ledger.billableBadge')}
                            </Badge>
                          ) : (
                            t('customer.ledger.includedWord')
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                </Table.Tbody>
              </Table>
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
      {ledger.outsideTerm.length > 0 ? (
        <Text size="sm">
          {t('customer.ledger.outsideTerm', {
            list: ledger.outsideTerm
              .map((entry) =>
                t('customer.ledger.entryOn', { label: entryLabel(t, entry), date: formatDate(entry.date) }),
              )
              .join('; '),
          })}
        </Text>
      ) : null}
    </Stack>
  );
}
