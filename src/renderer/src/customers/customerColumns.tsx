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
import type { Instant } from '../../../core/time';
import { formatDate, formatShortInstant } from '../time/zonedFormat';
import type { CustomerFigures, CustomerRow, GridAllowanceKind, Left } from './customerRows';

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

export type ColumnContext = { now: Instant };

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

function LeftCell({ left }: { left: Left }) {
  if (!left) return <span title="Not included in the plan">–</span>;
  const className = left.remaining === 0 ? 'left-zero' : left.runsOut ? 'runs-out' : undefined;
  const notes = [
    left.overage > 0 ? `${left.overage} billable beyond the allowance` : '',
    left.runsOut && left.remaining > 0 ? 'runs out before renewal at the current pace' : '',
  ].filter(Boolean);
  return (
    <span className={className} title={notes.length > 0 ? notes.join('; ') : undefined}>
      {left.remaining}/{left.available}
      {left.overage > 0 ? ` +${left.overage}` : ''}
      {left.runsOut && left.remaining > 0 ? ' ▾' : ''}
    </span>
  );
}

const allowanceColumns: { id: string; kind: GridAllowanceKind; header: string }[] = [
  { id: 'goLive', kind: 'goLiveEvents', header: 'Go Live' },
  { id: 'reviews', kind: 'bestPracticesReviews', header: 'Reviews' },
  { id: 'training', kind: 'trainingDays', header: 'Training' },
  { id: 'configurations', kind: 'customConfigurationSites', header: 'Sites' },
];

export const columnLabels: Record<string, string> = {
  name: 'Customer',
  plan: 'Plan',
  tam: 'TAM',
  country: 'Country',
  contractYear: 'Contract year',
  goLive: 'Go Live events left',
  reviews: 'Best Practices Reviews left',
  training: 'Training days left',
  configurations: 'Custom-configuration sites left',
  nextReview: 'Next review',
  flags: 'Flags',
};

function ContractYearCell({ figures }: { figures: CustomerFigures }) {
  const { startDate, today, renewalDate, contractYear } = figures;
  if (startDate && today < startDate) return <span>starts {formatDate(startDate)}</span>;
  if (renewalDate && today >= renewalDate) return <span>ended {formatDate(renewalDate)}</span>;
  if (contractYear === null || !renewalDate) return <span>–</span>;
  return (
    <span title={`Contract year ${contractYear}; renews on ${formatDate(renewalDate)}`}>
      Y{contractYear} · {formatDate(renewalDate)}
    </span>
  );
}

export function customerColumns({ now }: ColumnContext) {
  return helper.columns([
    helper.accessor((row) => row.name, {
      id: 'name',
      header: 'Customer',
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
    helper.accessor((row) => row.planName, { id: 'plan', header: 'Plan', size: 140, sortFn: byText }),
    helper.accessor((row) => row.tamUserId, { id: 'tam', header: 'TAM', size: 60, sortFn: byText }),
    helper.accessor((row) => row.country, { id: 'country', header: 'Country', size: 80, sortFn: byText }),
    helper.accessor((row) => row.figures(now).contractYear ?? undefined, {
      id: 'contractYear',
      header: 'Year · renews',
      size: 130,
      sortFn: 'basic',
      sortUndefined: 'last',
      cell: ({ row }) => <ContractYearCell figures={row.original.figures(now)} />,
    }),
    helper.group({
      id: 'left',
      header: 'Left this contract year',
      columns: helper.columns(
        allowanceColumns.map((column) =>
          helper.accessor((row) => row.figures(now).left[column.kind]?.remaining, {
            id: column.id,
            header: column.header,
            size: 74,
            sortFn: 'basic',
            // Least left first: that is what a TAM sorts these for.
            sortDescFirst: false,
            sortUndefined: 'last',
            meta: { numeric: true },
            cell: ({ row }) => <LeftCell left={row.original.figures(now).left[column.kind]} />,
          }),
        ),
      ),
    }),
    helper.accessor((row) => row.figures(now).nextReview ?? undefined, {
      id: 'nextReview',
      header: 'Next review',
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
      header: 'Flags',
      size: 280,
      sortFn: 'basic',
      cell: ({ row }) => (
        <span className="grid-flags">
          {row.original.figures(now).flags.map((flag) => (
            <span key={flag.key} className={`grid-flag grid-flag-${flag.color}`} title={flag.description}>
              {flag.label}
            </span>
          ))}
        </span>
      ),
    }),
  ]);
}
