// The frame every chart sits in: a titled figure with a one-line summary in words, so the figure
// is readable without the picture (screen readers, and a TAM who wants the number).
import { Stack, Text, Title } from '@mantine/core';
import { useId, type ReactNode } from 'react';
import { formatShortDate } from '../time/zonedFormat';

export function ChartFigure({
  title,
  summary,
  children,
}: {
  title: string;
  summary: string;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <Stack
      component="figure"
      gap={4}
      m={0}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-summary`}
    >
      <Title order={3} id={`${id}-title`}>
        {title}
      </Title>
      {children}
      <Text component="figcaption" size="xs" id={`${id}-summary`}>
        {summary}
      </Text>
    </Stack>
  );
}

/** An axis tick for a date: "Tue 14 Apr" without the weekday. */
export function shortDay(value: unknown): string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? formatShortDate(value).replace(/^\S+ /, '')
    : String(value);
}
