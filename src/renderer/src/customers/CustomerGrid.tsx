// The customers grid: TanStack Table v9 for sort, filter and column choice; TanStack Virtual so
// only the rows in view are in the DOM (5,000 customers stay fast).
import { Text, UnstyledButton } from '@mantine/core';
import { functionalUpdate, useTable, type Row } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { markPainted } from '../platform/performanceMarks';
import { openingViewPainted } from '../team/openingPaint';
import { customerColumns, customerGridFeatures, type ColumnContext } from './customerColumns';
import type { CustomerRow } from './customerRows';
import { useCustomersStore, type FlagFilter } from './customersStore';

const ROW_HEIGHT = 28;

type GridProps = {
  rows: readonly CustomerRow[];
  context: ColumnContext;
  meId: string;
};

export function CustomerGrid({ rows, context, meId }: GridProps) {
  const { search, planId, flag, mineOnly, sorting, hiddenColumns, setSorting } = useCustomersStore();
  const searchText = search.trim().toLowerCase();
  const { now, nameOf } = context;
  const { t } = useTranslation();
  const columns = useMemo(() => {
    const base = customerColumns({ now, nameOf, t });
    return base.map((column) => {
      if (column.id === 'plan')
        return {
          ...column,
          filterFn: (row: Row<typeof customerGridFeatures, CustomerRow>, _id: string, value: string) =>
            row.original.planId === value,
        };
      if (column.id === 'tam')
        return {
          ...column,
          filterFn: (row: Row<typeof customerGridFeatures, CustomerRow>, _id: string, value: string) =>
            row.original.tamUserId === value,
        };
      if (column.id === 'flags')
        return {
          ...column,
          filterFn: (row: Row<typeof customerGridFeatures, CustomerRow>, _id: string, value: FlagFilter) => {
            const flags = row.original.figures(now).flags;
            return value === 'flagged'
              ? flags.length > 0
              : flags.some((candidate) => candidate.key === value);
          },
        };
      return column;
    });
  }, [now, nameOf, t]);
  const columnFilters = useMemo(() => {
    const filters: { id: string; value: unknown }[] = [];
    if (planId) filters.push({ id: 'plan', value: planId });
    if (mineOnly) filters.push({ id: 'tam', value: meId });
    if (flag !== 'all') filters.push({ id: 'flags', value: flag });
    return filters;
  }, [planId, mineOnly, meId, flag]);
  const data = rows as CustomerRow[];

  const table = useTable({
    features: customerGridFeatures,
    columns,
    data,
    getRowId: (row) => row.id,
    state: {
      sorting,
      columnVisibility: hiddenColumnsToVisibility(hiddenColumns),
      columnFilters,
      globalFilter: searchText,
    },
    onSortingChange: (updater) => setSorting(functionalUpdate(updater, sorting)),
    globalFilterFn: (row, _columnId, value: string) => row.original.searchText.includes(value),
    getColumnCanGlobalFilter: (column) => column.id === 'name',
    enableSortingRemoval: false,
  });

  const visibleRows = table.getRowModel().rows;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: visibleRows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const width = table.getTotalSize();
  useEffect(() => {
    if (rows.length > 0)
      markPainted(
        'console:grid-painted',
        { search: searchText, rows: visibleRows.length },
        openingViewPainted,
      );
  }, [rows.length, visibleRows, searchText]);
  const headerGroups = table.getHeaderGroups();

  return (
    <>
      <Text size="xs" c="dimmed" aria-live="polite">
        {visibleRows.length === rows.length
          ? t('customers.count', { count: rows.length })
          : t('customers.countOf', { shown: visibleRows.length, count: rows.length })}
      </Text>
      <div
        ref={scrollRef}
        style={{
          overflow: 'auto',
          flex: 1,
          minHeight: 0,
          border: '1px solid var(--mantine-color-gray-3)',
          borderRadius: 4,
        }}
      >
        <table
          className="customer-grid"
          role="table"
          aria-rowcount={visibleRows.length + headerGroups.length}
          style={{ width }}
        >
          <thead role="rowgroup">
            {headerGroups.map((group, groupIndex) => (
              <tr key={group.id} role="row" aria-rowindex={groupIndex + 1}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const numeric = (header.column.columnDef.meta as { numeric?: boolean } | undefined)
                    ?.numeric;
                  const leaf = header.subHeaders.length === 0 && !header.isPlaceholder;
                  if (!leaf) {
                    return (
                      <th
                        key={header.id}
                        role="columnheader"
                        scope="colgroup"
                        colSpan={header.colSpan}
                        className={header.isPlaceholder ? 'placeholder-header' : 'group-header'}
                        style={{ width: header.getSize() }}
                      >
                        {header.isPlaceholder ? null : <table.FlexRender header={header} />}
                      </th>
                    );
                  }
                  return (
                    <th
                      key={header.id}
                      role="columnheader"
                      scope="col"
                      className={numeric ? 'numeric' : undefined}
                      style={{ width: header.getSize() }}
                      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                    >
                      <UnstyledButton fz="xs" fw={600} onClick={header.column.getToggleSortingHandler()}>
                        <table.FlexRender header={header} />
                        {sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}
                      </UnstyledButton>
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody role="rowgroup" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = visibleRows[item.index];
              if (!row) return null;
              return (
                <tr
                  key={row.id}
                  role="row"
                  aria-rowindex={item.index + headerGroups.length + 1}
                  style={{ transform: `translateY(${item.start}px)`, width }}
                >
                  {row.getVisibleCells().map((cell) => {
                    const numeric = (cell.column.columnDef.meta as { numeric?: boolean } | undefined)
                      ?.numeric;
                    return (
                      <td
                        key={cell.id}
                        role="cell"
                        className={numeric ? 'numeric' : undefined}
                        style={{ width: cell.column.getSize() }}
                      >
                        <table.FlexRender cell={cell} />
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
        {rows.length === 0 ? (
          <Text size="sm" p="sm">
            {t('customers.empty')}
          </Text>
        ) : visibleRows.length === 0 ? (
          <Text size="sm" p="sm">
            {t('customers.noMatch')}
          </Text>
        ) : null}
      </div>
    </>
  );
}

function hiddenColumnsToVisibility(hidden: Record<string, boolean>): Record<string, boolean> {
  return Object.fromEntries(Object.entries(hidden).map(([id, isHidden]) => [id, !isHidden]));
}
