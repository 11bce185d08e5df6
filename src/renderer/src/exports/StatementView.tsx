// A customer's usage statement for one contract year: a page made to be printed (A4, print CSS)
// and saved as PDF (Electron's printToPDF; the browser's print dialog in the web build), or
// downloaded as CSV. The figures come from src/core/usageStatement.ts, the console's own ledger.
import { Alert, Anchor, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useMemo } from 'react';
import { calendarFileName } from '../../../core/calendarExport';
import { statementCsvTable, usageStatement, type UsageStatement } from '../../../core/usageStatement';
import { useNavigation } from '../navigation/navigationStore';
import { desktopApi } from '../platform/consoleApi';
import { useCustomerBook } from '../team/useCustomerBook';
import { useNow } from '../time/clock';
import { formatDate, formatShortInstant } from '../time/zonedFormat';
import { csvText } from './csvText';
import { CSV_TYPE, downloadFile } from './download';
import './statement.css';

type Props = { customerId: string; year: number | null };

function figure(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

/** "1.50 h", "1 review", "2 reviews": hours short, other units singular for one. */
function quantityText(quantity: number, unit: string): string {
  if (unit === 'hours') return `${figure(quantity)} h`;
  return `${figure(quantity)} ${quantity === 1 ? unit.replace(/s$/, '') : unit}`;
}

function fileBase(statement: UsageStatement): string {
  return calendarFileName(
    `${statement.customer.name} statement year ${statement.contractYear.index}`,
  ).replace(/\.ics$/, '');
}

async function savePdf(statement: UsageStatement): Promise<void> {
  const api = desktopApi();
  if (!api) {
    window.print();
    return;
  }
  const result = await api.saveStatementPdf({ fileName: `${fileBase(statement)}.pdf` });
  if (!result.ok) {
    notifications.show({ color: 'red', title: 'The PDF was not saved', message: result.error.message });
  } else if (result.value.saved) {
    notifications.show({ title: 'Statement saved', message: `${fileBase(statement)}.pdf` });
  }
}

export function StatementView({ customerId, year }: Props) {
  const loaded = useCustomerBook(customerId);
  const now = useNow();
  const go = useNavigation((state) => state.go);
  const result = useMemo(
    () => (loaded.state === 'ready' ? usageStatement(loaded.book, loaded.templates, now, year) : null),
    [loaded, now, year],
  );
  const title = result?.ok ? `Usage statement ${result.statement.customer.name}` : null;
  // The document title names the PDF (and the browser's print header).
  useEffect(() => {
    if (!title) return;
    const before = document.title;
    document.title = title;
    return () => {
      document.title = before;
    };
  }, [title]);

  if (loaded.state === 'loading' || result === null) return <Text size="sm">Opening the book…</Text>;
  if (loaded.state === 'missing') {
    return (
      <Stack gap="xs">
        <Text>This customer is not in the book on this console.</Text>
        <Anchor href="#/customers">Back to customers</Anchor>
      </Stack>
    );
  }
  const back = (
    <Anchor
      href={`#/customers/${encodeURIComponent(customerId)}`}
      size="xs"
      className="statement-screen-only"
    >
      ← {loaded.book.customer.name}
    </Anchor>
  );
  if (!result.ok) {
    return (
      <Stack gap="xs">
        {back}
        <Alert color="orange" title="No usage statement">
          {result.reason}
        </Alert>
      </Stack>
    );
  }
  const statement = result.statement;
  const { contractYear, term } = statement;
  return (
    <Stack gap="sm" className="statement">
      {back}
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2}>
          <Text size="xs" c="dimmed">
            Usage statement
          </Text>
          <Title order={1}>{statement.customer.name}</Title>
          <Text size="sm">
            {statement.plan.name} · contract year {contractYear.index}: {formatDate(contractYear.from)} to{' '}
            {formatDate(contractYear.to)} (exclusive)
          </Text>
          <Text size="xs" c="dimmed">
            {statement.customer.country}
            {statement.customer.region ? `-${statement.customer.region}` : ''} · {statement.customer.timeZone}{' '}
            · figures as of {formatDate(statement.asOf)} (
            {formatShortInstant(statement.generatedAt, statement.customer.timeZone)})
          </Text>
        </Stack>
        <Group gap="xs" className="statement-screen-only" wrap="nowrap">
          <Select
            aria-label="Contract year"
            w={130}
            allowDeselect={false}
            value={String(contractYear.index)}
            data={statement.contractYears.map((candidate) => ({
              value: String(candidate.index),
              label: `Year ${candidate.index}`,
            }))}
            onChange={(value) => go({ view: 'statement', customerId, year: value ? Number(value) : null })}
          />
          <Button
            variant="default"
            onClick={() =>
              downloadFile(`${fileBase(statement)}.csv`, csvText(statementCsvTable(statement)), CSV_TYPE)
            }
          >
            Download CSV
          </Button>
          <Button onClick={() => void savePdf(statement)}>Print / save PDF</Button>
        </Group>
      </Group>

      <section aria-labelledby="statement-allowances">
        <Title order={2} size="h4" id="statement-allowances">
          Allowances
        </Title>
        <Table striped withTableBorder verticalSpacing={3} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Allowance</Table.Th>
              <Table.Th className="figure">Included</Table.Th>
              <Table.Th className="figure">Add-ons</Table.Th>
              <Table.Th className="figure">Available</Table.Th>
              <Table.Th className="figure">Used</Table.Th>
              <Table.Th className="figure">Reserved</Table.Th>
              <Table.Th className="figure">Remaining</Table.Th>
              <Table.Th className="figure">Billable overage</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {statement.lines.map((line) => (
              <Table.Tr key={line.kind}>
                <Table.Td>
                  {line.label}{' '}
                  <Text span size="xs" c="dimmed">
                    ({line.unit})
                  </Text>
                </Table.Td>
                <Table.Td className="figure">{figure(line.included)}</Table.Td>
                <Table.Td className="figure">{figure(line.addOn)}</Table.Td>
                <Table.Td className="figure">{figure(line.available)}</Table.Td>
                <Table.Td className="figure">{figure(line.used)}</Table.Td>
                <Table.Td className="figure">{figure(line.reserved)}</Table.Td>
                <Table.Td className="figure">{figure(line.remaining)}</Table.Td>
                <Table.Td className="figure" fw={line.overage > 0 ? 700 : undefined}>
                  {figure(line.overage)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </section>

      <section aria-labelledby="statement-addons">
        <Title order={2} size="h4" id="statement-addons">
          Bought as add-ons
        </Title>
        {statement.addOns.length === 0 ? (
          <Text size="sm">No add-ons apply to this contract year.</Text>
        ) : (
          <Table withTableBorder verticalSpacing={3} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Add-on</Table.Th>
                <Table.Th className="figure">Quantity</Table.Th>
                <Table.Th>Applies to</Table.Th>
                <Table.Th>Note</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {statement.addOns.map((addOn, index) => (
                <Table.Tr key={`${addOn.kind}-${index}`}>
                  <Table.Td>{addOn.label}</Table.Td>
                  <Table.Td className="figure">{figure(addOn.quantity)}</Table.Td>
                  <Table.Td>{addOn.appliesTo}</Table.Td>
                  <Table.Td>{addOn.note}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </section>

      <section aria-labelledby="statement-entries">
        <Title order={2} size="h4" id="statement-entries">
          Used this contract year ({statement.entries.length}, {statement.totals.billableEntries} billable)
        </Title>
        {statement.entries.length === 0 ? (
          <Text size="sm">Nothing used yet this contract year.</Text>
        ) : (
          <Table striped withTableBorder verticalSpacing={2} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Date</Table.Th>
                <Table.Th>Allowance</Table.Th>
                <Table.Th>What</Table.Th>
                <Table.Th>Who</Table.Th>
                <Table.Th className="figure">Quantity</Table.Th>
                <Table.Th>Charge</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {statement.entries.map((entry) => (
                <Table.Tr key={`${entry.kind}-${entry.recordId}`}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(entry.date)}</Table.Td>
                  <Table.Td>
                    {statement.lines.find((line) => line.kind === entry.kind)?.label ?? entry.kind}
                  </Table.Td>
                  <Table.Td>{entry.what}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{entry.who}</Table.Td>
                  <Table.Td className="figure">{quantityText(entry.quantity, entry.unit)}</Table.Td>
                  <Table.Td>{entry.billable ? <strong>billable</strong> : 'included'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </section>

      <section aria-labelledby="statement-credits">
        <Title order={2} size="h4" id="statement-credits">
          Service credits and the contract term
        </Title>
        {statement.credits.length > 0 ? (
          <Table withTableBorder verticalSpacing={2} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Ticket</Table.Th>
                <Table.Th>Objective</Table.Th>
                <Table.Th>Deadline ({statement.customer.timeZone})</Table.Th>
                <Table.Th className="figure">Minutes late</Table.Th>
                <Table.Th className="figure">Credit days</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {statement.credits.map((credit) => (
                <Table.Tr key={`${credit.ticketId}-${credit.objective}-${credit.deadline}`}>
                  <Table.Td>{credit.ticketTitle}</Table.Td>
                  <Table.Td>{credit.objective}</Table.Td>
                  <Table.Td>{formatShortInstant(credit.deadline, statement.customer.timeZone)}</Table.Td>
                  <Table.Td className="figure">{credit.minutesLate}</Table.Td>
                  <Table.Td className="figure">{credit.creditDays}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Text size="sm">No response objective has been missed: no service credits.</Text>
        )}
        <Text size="sm" mt={4}>
          Term from {formatDate(term.start)}; it would end on {formatDate(term.baseEnd)}.{' '}
          {term.creditDays > 0
            ? `${term.creditDays} service-credit day${term.creditDays === 1 ? '' : 's'} extend it to ${formatDate(term.endWithCredits)}.`
            : 'No credits extend it.'}
        </Text>
      </section>
    </Stack>
  );
}
