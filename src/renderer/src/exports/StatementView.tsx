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
import { displayLocale, formatDate, formatNumber, formatShortInstant } from '../time/zonedFormat';
import { csvText } from './csvText';
import { CSV_TYPE, downloadFile } from './download';
import './statement.css';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { usePlanWords } from '../i18n/usePlanWords';

type Props = { customerId: string; year: number | null };

/** Whole numbers as they are, fractions with two decimals ("1.50", "1,50" in German). */
function figure(value: number): string {
  return Number.isInteger(value)
    ? formatNumber(value)
    : value.toLocaleString(displayLocale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

const singular = {
  events: 'statement.unitOne.events',
  reviews: 'statement.unitOne.reviews',
  days: 'statement.unitOne.days',
  sites: 'statement.unitOne.sites',
} as const;
const plural = {
  events: 'statement.units.events',
  reviews: 'statement.units.reviews',
  days: 'statement.units.days',
  sites: 'statement.units.sites',
  hours: 'statement.units.hours',
} as const;

/** "1.50 h", "1 review", "2 reviews": hours short, other units singular for one. */
function quantityText(t: TFunction, quantity: number, unit: string): string {
  if (unit === 'hours') return `${figure(quantity)} h`;
  const words =
    quantity === 1 && unit in singular
      ? singular[unit as keyof typeof singular]
      : plural[unit as keyof typeof plural];
  return `${figure(quantity)} ${words ? t(words) : unit}`;
}

/** Who: a person's id as it came, or the core's attendee count ("3 attendees") in the TAM's language. */
function whoWords(t: TFunction, who: string): string {
  const attendees = /^(\d+) attendees?$/.exec(who);
  return attendees ? t('statement.attendees', { count: Number(attendees[1]) }) : who;
}

/** The core's objective line ("Initial response, P1", "Escalation (urgent)") in the TAM's language. */
function objectiveWords(t: TFunction, objective: string): string {
  if (objective.startsWith('Initial response, '))
    return t('statement.initialResponse', { severity: objective.slice('Initial response, '.length) });
  if (objective === 'Escalation (urgent)') return t('statement.urgentEscalation');
  if (objective === 'Escalation') return t('statement.escalation');
  return objective;
}

function fileBase(statement: UsageStatement): string {
  return calendarFileName(
    `${statement.customer.name} statement year ${statement.contractYear.index}`,
  ).replace(/\.ics$/, '');
}

async function savePdf(t: TFunction, statement: UsageStatement): Promise<void> {
  const api = desktopApi();
  if (!api) {
    window.print();
    return;
  }
  const result = await api.saveStatementPdf({ fileName: `${fileBase(statement)}.pdf` });
  if (!result.ok) {
    notifications.show({ color: 'red', title: t('statement.pdfNotSaved'), message: result.error.message });
  } else if (result.value.saved) {
    notifications.show({ title: t('statement.saved'), message: `${fileBase(statement)}.pdf` });
  }
}

export function StatementView({ customerId, year }: Props) {
  const { t } = useTranslation();
  const { kindLabel, addOnLabel } = usePlanWords();
  const loaded = useCustomerBook(customerId);
  const now = useNow();
  const go = useNavigation((state) => state.go);
  const result = useMemo(
    () => (loaded.state === 'ready' ? usageStatement(loaded.book, loaded.templates, now, year) : null),
    [loaded, now, year],
  );
  const title = result?.ok
    ? t('statement.documentTitle', { customer: result.statement.customer.name })
    : null;
  // The document title names the PDF (and the browser's print header).
  useEffect(() => {
    if (!title) return;
    const before = document.title;
    document.title = title;
    return () => {
      document.title = before;
    };
  }, [title]);

  if (loaded.state === 'loading' || result === null) return <Text size="sm">{t('customer.opening')}</Text>;
  if (loaded.state === 'missing') {
    return (
      <Stack gap="xs">
        <Text>{t('customer.missing')}</Text>
        <Anchor href="#/customers">{t('customer.back')}</Anchor>
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
        <Alert color="orange" title={t('statement.none')}>
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
            {t('statement.kicker')}
          </Text>
          <Title order={1}>{statement.customer.name}</Title>
          <Text size="sm">
            {t('statement.period', {
              plan: statement.plan.name,
              year: contractYear.index,
              from: formatDate(contractYear.from),
              to: formatDate(contractYear.to),
            })}
          </Text>
          <Text size="xs" c="dimmed">
            {statement.customer.country}
            {statement.customer.region ? `-${statement.customer.region}` : ''} · {statement.customer.timeZone}{' '}
            ·{' '}
            {t('statement.asOf', {
              date: formatDate(statement.asOf),
              time: formatShortInstant(statement.generatedAt, statement.customer.timeZone),
            })}
          </Text>
        </Stack>
        <Group gap="xs" className="statement-screen-only" wrap="nowrap">
          <Select
            aria-label={t('statement.contractYear')}
            w={130}
            allowDeselect={false}
            value={String(contractYear.index)}
            data={statement.contractYears.map((candidate) => ({
              value: String(candidate.index),
              label: t('statement.year', { year: candidate.index }),
            }))}
            onChange={(value) => go({ view: 'statement', customerId, year: value ? Number(value) : null })}
          />
          <Button
            variant="default"
            onClick={() =>
              downloadFile(`${fileBase(statement)}.csv`, csvText(statementCsvTable(statement)), CSV_TYPE)
            }
          >
            {t('statement.downloadCsv')}
          </Button>
          <Button onClick={() => void savePdf(t, statement)}>{t('statement.print')}</Button>
        </Group>
      </Group>

      <section aria-labelledby="statement-allowances">
        <Title order={2} size="h4" id="statement-allowances">
          {t('statement.allowances')}
        </Title>
        <Table striped withTableBorder verticalSpacing={3} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('statement.allowance')}</Table.Th>
              <Table.Th className="figure">{t('statement.included')}</Table.Th>
              <Table.Th className="figure">{t('statement.addOns')}</Table.Th>
              <Table.Th className="figure">{t('statement.available')}</Table.Th>
              <Table.Th className="figure">{t('statement.used')}</Table.Th>
              <Table.Th className="figure">{t('statement.reserved')}</Table.Th>
              <Table.Th className="figure">{t('statement.remaining')}</Table.Th>
              <Table.Th className="figure">{t('statement.overage')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {statement.lines.map((line) => (
              <Table.Tr key={line.kind}>
                <Table.Td>
                  {kindLabel(line.kind)}{' '}
                  <Text span size="xs" c="dimmed">
                    ({line.unit in plural ? t(plural[line.unit as keyof typeof plural]) : line.unit})
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
          {t('statement.bought')}
        </Title>
        {statement.addOns.length === 0 ? (
          <Text size="sm">{t('statement.noAddOns')}</Text>
        ) : (
          <Table withTableBorder verticalSpacing={3} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('statement.addOn')}</Table.Th>
                <Table.Th className="figure">{t('statement.quantityHeader')}</Table.Th>
                <Table.Th>{t('statement.appliesTo')}</Table.Th>
                <Table.Th>{t('statement.note')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {statement.addOns.map((addOn, index) => (
                <Table.Tr key={`${addOn.kind}-${index}`}>
                  <Table.Td>{addOnLabel(addOn.kind)}</Table.Td>
                  <Table.Td className="figure">{figure(addOn.quantity)}</Table.Td>
                  <Table.Td>
                    {addOn.appliesTo === 'every year' ? t('statement.everyYear') : t('statement.thisYear')}
                  </Table.Td>
                  <Table.Td>{addOn.note}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </section>

      <section aria-labelledby="statement-entries">
        <Title order={2} size="h4" id="statement-entries">
          {t('statement.usedTitle', {
            count: statement.entries.length,
            billable: statement.totals.billableEntries,
          })}
        </Title>
        {statement.entries.length === 0 ? (
          <Text size="sm">{t('statement.nothingUsed')}</Text>
        ) : (
          <Table striped withTableBorder verticalSpacing={2} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('statement.date')}</Table.Th>
                <Table.Th>{t('statement.allowance')}</Table.Th>
                <Table.Th>{t('statement.what')}</Table.Th>
                <Table.Th>{t('statement.who')}</Table.Th>
                <Table.Th className="figure">{t('statement.quantityHeader')}</Table.Th>
                <Table.Th>{t('statement.charge')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {statement.entries.map((entry) => (
                <Table.Tr key={`${entry.kind}-${entry.recordId}`}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(entry.date)}</Table.Td>
                  <Table.Td>{kindLabel(entry.kind)}</Table.Td>
                  <Table.Td>{entry.what}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{whoWords(t, entry.who)}</Table.Td>
                  <Table.Td className="figure">{quantityText(t, entry.quantity, entry.unit)}</Table.Td>
                  <Table.Td>
                    {entry.billable ? (
                      <strong>{t('statement.billable')}</strong>
                    ) : (
                      t('statement.includedWord')
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </section>

      <section aria-labelledby="statement-credits">
        <Title order={2} size="h4" id="statement-credits">
          {t('statement.credits')}
        </Title>
        {statement.credits.length > 0 ? (
          <Table withTableBorder verticalSpacing={2} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('statement.ticket')}</Table.Th>
                <Table.Th>{t('statement.objective')}</Table.Th>
                <Table.Th>{t('statement.deadline', { zone: statement.customer.timeZone })}</Table.Th>
                <Table.Th className="figure">{t('statement.minutesLate')}</Table.Th>
                <Table.Th className="figure">{t('statement.creditDays')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {statement.credits.map((credit) => (
                <Table.Tr key={`${credit.ticketId}-${credit.objective}-${credit.deadline}`}>
                  <Table.Td>{credit.ticketTitle}</Table.Td>
                  <Table.Td>{objectiveWords(t, credit.objective)}</Table.Td>
                  <Table.Td>{formatShortInstant(credit.deadline, statement.customer.timeZone)}</Table.Td>
                  <Table.Td className="figure">{credit.minutesLate}</Table.Td>
                  <Table.Td className="figure">{credit.creditDays}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Text size="sm">{t('statement.noCredits')}</Text>
        )}
        <Text size="sm" mt={4}>
          {t('statement.term', { start: formatDate(term.start), end: formatDate(term.baseEnd) })}{' '}
          {term.creditDays > 0
            ? t('statement.extended', { count: term.creditDays, date: formatDate(term.endWithCredits) })
            : t('statement.noExtension')}
        </Text>
      </section>
    </Stack>
  );
}
