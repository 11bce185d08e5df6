// The allowance ledger per contract year, as the core derives it: what is included, bought,
// reserved, used and left, with each entry, a use bar per allowance and a burn-down chart per year.
import { Accordion, Badge, Box, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import type { CustomerStatus } from '../../../core/customerStatus';
import { ledgerKinds, type AllowanceLine } from '../../../core/ledger';
import { AllowanceBurnDown } from '../charts/LazyCharts';
import { formatDate } from '../time/zonedFormat';
import { kindLabel } from './planWords';
import { ruleColors } from '../theme';

function BurnDown({ line }: { line: AllowanceLine }) {
  if (line.available === 0) return <Text size="xs">not included</Text>;
  const used = Math.min(100, (line.used / line.available) * 100);
  const reserved = Math.min(100 - used, (line.reserved / line.available) * 100);
  return (
    <Progress.Root size="md" w={140}>
      <Progress.Section
        value={used}
        color={line.remaining === 0 ? 'red.8' : 'blue.8'}
        aria-label={`${kindLabel(line.kind)}: ${line.used} of ${line.available} used`}
      />
      {line.reserved > 0 ? (
        <Progress.Section
          value={reserved}
          color="yellow.6"
          aria-label={`${kindLabel(line.kind)}: ${line.reserved} reserved`}
        />
      ) : null}
    </Progress.Root>
  );
}

function forecastWords(line: AllowanceLine): string {
  if (line.available === 0) return '';
  if (line.remaining === 0 && line.reserved === 0)
    return line.overage > 0 ? `used up; ${line.overage} billable` : 'used up';
  if (line.remaining === 0) return 'the rest is reserved';
  if (!line.forecast) return '';
  if (line.forecast.runsOutBeforeRenewal && line.forecast.exhaustsOn)
    return `runs out around ${formatDate(line.forecast.exhaustsOn)}, before renewal`;
  return line.forecast.exhaustsOn ? `lasts past renewal` : 'lasts the year';
}

export function LedgerPanel({ status }: { status: CustomerStatus }) {
  const ledger = status.ledger;
  if (ledger.status !== 'ok')
    return (
      <Text size="sm">
        {ledger.status === 'no-contract'
          ? 'No contract: nothing is included.'
          : "The contract's plan is unknown."}
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
                  Contract year {year.contractYear.index}
                </Text>
                <Text size="xs">
                  {formatDate(year.contractYear.from)} – {formatDate(year.contractYear.to)} (exclusive)
                </Text>
                {year.contractYear.index === current ? <Badge variant="light">current</Badge> : null}
              </Group>
            </Accordion.Control>
            <Accordion.Panel>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Allowance</Table.Th>
                    <Table.Th ta="right">Included</Table.Th>
                    <Table.Th ta="right">Bought</Table.Th>
                    <Table.Th ta="right">Reserved</Table.Th>
                    <Table.Th ta="right">Used</Table.Th>
                    <Table.Th ta="right">Left</Table.Th>
                    <Table.Th ta="right">Billable</Table.Th>
                    <Table.Th>Use</Table.Th>
                    <Table.Th>Forecast</Table.Th>
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
                        <Table.Td>{forecastWords(line)}</Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
              <Box mt="xs" maw={900}>
                <AllowanceBurnDown year={year} today={status.today} />
              </Box>
              <Title order={3} mt="xs">
                Entries
              </Title>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Date</Table.Th>
                    <Table.Th>Allowance</Table.Th>
                    <Table.Th>What</Table.Th>
                    <Table.Th ta="right">Quantity</Table.Th>
                    <Table.Th>Billing</Table.Th>
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
                        <Table.Td>{entry.label}</Table.Td>
                        <Table.Td ta="right" className="tabular">
                          {entry.quantity}
                        </Table.Td>
                        <Table.Td>
                          {entry.billable ? (
                            <Badge color="orange" variant="light">
                              billable
                            </Badge>
                          ) : (
                            'included'
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
          Outside the term (billable):{' '}
          {ledger.outsideTerm.map((entry) => `${entry.label} on ${formatDate(entry.date)}`).join('; ')}
        </Text>
      ) : null}
    </Stack>
  );
}
