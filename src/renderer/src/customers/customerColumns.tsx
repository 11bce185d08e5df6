// The customers grid's columns (TanStack Table v9). Figure columns read row.figures(now), computed
// (and remembered) only for rows that are shown, sorted or filtered on.
import {
  columnFilteringFeature,
  columnSizingFeature,
  columnVisibilityFeature,
  createColumnHelper,
  createFilteredRowModel,
  createSortedRowModel,
  globalFilteringFeature,
  rowSortingFeature,
  sortFn_basic,
  tableFeatures,
  type Row,
} from '@tanstack/react-table';
import type { TFunction } from 'i18next';
import type { Instant } from '../../../core/time';
import { formatDate, formatShortInstant } from '../time/zonedFormat';
import type { CustomerFigures, CustomerRow, GridAllowanceKind, Left } from './customerRows';
import { flagLabel, flagSentence } from './flagWords';

export const customerGridFeatures = tableFeatures({
  columnFilteringFeature,
  globalFilteringFeature,
  rowSortingFeature,
  columnVisibilityFeature,
  columnSizingFeature,
  filteredRowModel: createFilteredRowModel(),
  sortedRowModel: createSortedRowModel(),
  sortFns: { basic: sortFn_basic },
});

const helper = createColumnHelper<typeof customerGridFeatures, CustomerRow>();

/** `nameOf`: a user id as a name (team/personName.ts), for the TAM column. */
export type ColumnContext = { now: Instant; nameOf: (userId: string) => string };
type ColumnWords = ColumnContext & { t: TFunction };

/**
 * Plain, case-insensitive text order. The built-in alphanumeric order splits every string into
 * runs on each comparison, too slow for a keystroke over 5,000 rows.
 */
function byText(
  a: Row<typeof customerGridFeatures, CustomerRow>,
  b: Row<typeof customerGridFeatures, CustomerRow>,
  columnId: string,
): number {
  const left = sortKey(a.getValue(columnId));
  const right = sortKey(b.getValue(columnId));
  return left < right ? -1 : left > right ? 1 : 0;
}

const sortKeys = new Map<string, string>();

/** The lower-case form of a cell's text, remembered: names repeat across every sort. */
function sortKey(value: unknown): string {
  const text = typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
  let key = sortKeys.get(text);
  if (key === undefined) {
    if (sortKeys.size > 50_000) sortKeys.clear();
    key = text.toLowerCase();
    sortKeys.set(text, key);
  }
  return key;
}

function LeftCell({ left, t }: { left: Left; t: TFunction }) {
  if (!left) return <span title={t('customers.cells.notIncluded')}>–</span>;
  const className = left.remaining === 0 ? 'left-zero' : left.runsOut ? 'runs-out' : undefined;
  const notes = [
    left.overage > 0 ? t('customers.cells.billableBeyond', { count: left.overage }) : '',
    left.runsOut && left.remaining > 0 ? t('customers.cells.runsOut') : '',
  ].filter(Boolean);
  return (
    <span className={className} title={notes.length > 0 ? notes.join('; ') : undefined}>
      {left.remaining}/{left.available}
      {left.overage > 0 ? ` +${left.overage}` : ''}
      {left.runsOut && left.remaining > 0 ? ' ▾' : ''}
    </span>
  );
}

const allowanceColumns = [
  { id: 'goLive', kind: 'goLiveEvents' },
  { id: 'reviews', kind: 'bestPracticesReviews' },
  { id: 'training', kind: 'trainingDays' },
  { id: 'configurations', kind: 'customConfigurationSites' },
] as const satisfies readonly { id: string; kind: GridAllowanceKind }[];

/** The columns a TAM can hide or show, in the Columns menu's order (words: customers.columns.*). */
export const columnIds = [
  'name',
  'plan',
  'tam',
  'country',
  'contractYear',
  'goLive',
  'reviews',
  'training',
  'configurations',
  'nextReview',
  'flags',
] as const;

function ContractYearCell({ figures, t }: { figures: CustomerFigures; t: TFunction }) {
  const { startDate, today, renewalDate, contractYear } = figures;
  if (startDate && today < startDate)
    return <span>{t('customers.cells.starts', { date: formatDate(startDate) })}</span>;
  if (renewalDate && today >= renewalDate)
    return <span>{t('customers.cells.ended', { date: formatDate(renewalDate) })}</span>;
  if (contractYear === null || !renewalDate) return <span>–</span>;
  const date = formatDate(renewalDate);
  return (
    <span title={t('customers.cells.yearTitle', { year: contractYear, date })}>
      {t('customers.cells.year', { year: contractYear, date })}
    </span>
  );
}

export function customerColumns({ now, nameOf, t }: ColumnWords) {
  return helper.columns([
    helper.accessor((row) => row.name, {
      id: 'name',
      header: t('customers.columns.name'),
      size: 190,
      sortFn: byText,
      enableHiding: false,
      // Plain elements in cells: a keystroke re-renders every visible cell, and these stay cheap.
      cell: ({ row }) => (
        <a className="grid-link" href={`#/customers/${encodeURIComponent(row.original.id)}`}>
          {row.original.name}
        </a>
      ),
    }),
    helper.accessor((row) => row.planName || t('customers.noContract'), {
      id: 'plan',
      header: t('customers.columns.plan'),
      size: 140,
      sortFn: byText,
    }),
    helper.accessor((row) => row.tamUserId, {
      id: 'tam',
      header: t('customers.columns.tam'),
      size: 130,
      sortFn: byText,
      cell: (info) => {
        const name = info.getValue() ? nameOf(info.getValue()) : '';
        return <span title={name}>{name}</span>;
      },
    }),
    helper.accessor((row) => row.country, {
      id: 'country',
      header: t('customers.columns.country'),
      size: 80,
      sortFn: byText,
    }),
    helper.accessor((row) => row.figures(now).contractYear ?? undefined, {
      id: 'contractYear',
      header: t('customers.headers.yearRenews'),
      size: 150,
      sortFn: 'basic',
      sortUndefined: 'last',
      cell: ({ row }) => <ContractYearCell figures={row.original.figures(now)} t={t} />,
    }),
    helper.group({
      id: 'left',
      header: t('customers.headers.left'),
      columns: helper.columns(
        allowanceColumns.map((column) =>
          helper.accessor((row) => row.figures(now).left[column.kind]?.remaining, {
            id: column.id,
            header: t(`customers.headers.${column.id}`),
            size: 74,
            sortFn: 'basic',
            // Least left first: that is what a TAM sorts these for.
            sortDescFirst: false,
            sortUndefined: 'last',
            meta: { numeric: true },
            cell: ({ row }) => <LeftCell left={row.original.figures(now).left[column.kind]} t={t} />,
          }),
        ),
      ),
    }),
    helper.accessor((row) => row.figures(now).nextReview ?? undefined, {
      id: 'nextReview',
      header: t('customers.columns.nextReview'),
      size: 124,
      sortFn: byText,
      sortUndefined: 'last',
      cell: ({ row }) => {
        const next = row.original.figures(now).nextReview;
        return next ? <span>{formatShortInstant(next, row.original.timeZone)}</span> : <span>–</span>;
      },
    }),
    helper.accessor((row) => row.figures(now).flags.length, {
      id: 'flags',
      header: t('customers.columns.flags'),
      size: 280,
      sortFn: 'basic',
      cell: ({ row }) => (
        <span className="grid-flags">
          {row.original.figures(now).flags.map((flag) => (
            <span
              key={flag.key}
              className={`grid-flag grid-flag-${flag.color}`}
              title={flagSentence(t, flag)}
            >
              {flagLabel(t, flag)}
            </span>
          ))}
        </span>
      ),
    }),
  ]);
}
