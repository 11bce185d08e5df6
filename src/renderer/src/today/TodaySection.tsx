// One card of the Today view: a title with its count, a few rows, and how many more there are.
import { Anchor, Badge, Card, Group, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

type Props = {
  title: string;
  count: number;
  empty: string;
  headers: string[];
  rows: { key: string; cells: ReactNode[] }[];
  limit?: number;
  footer?: ReactNode;
};

export function TodaySection({ title, count, empty, headers, rows, limit = 8, footer }: Props) {
  const { t } = useTranslation();
  const shown = rows.slice(0, limit);
  return (
    <Card withBorder p="sm" component="section" aria-label={title}>
      <Group justify="space-between" mb={4}>
        <Title order={2}>{title}</Title>
        <Badge variant={count > 0 ? 'filled' : 'outline'} color={count > 0 ? 'blue' : 'gray'}>
          {count}
        </Badge>
      </Group>
      {rows.length === 0 ? (
        <Text size="sm">{empty}</Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              {headers.map((header) => (
                <Table.Th key={header}>{header}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((row) => (
              <Table.Tr key={row.key}>
                {row.cells.map((cell, index) => (
                  <Table.Td key={index}>{cell}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {rows.length > limit ? (
        <Text size="xs" mt={4}>
          {t('today.andMore', { count: rows.length - limit })}
        </Text>
      ) : null}
      {footer}
    </Card>
  );
}

export function CustomerLink({ id, name, tab }: { id: string; name: string; tab?: string }) {
  return (
    <Anchor href={`#/customers/${encodeURIComponent(id)}${tab ? `/${tab}` : ''}`} size="xs">
      {name}
    </Anchor>
  );
}
