// The frame every chart sits in: a titled figure with a one-line summary in words, so the figure
// is readable without the picture (screen readers, and a TAM who wants the number).
import { Group, Stack, Text, Title, type TitleOrder } from '@mantine/core';
import { useId, type ReactNode } from 'react';
import { formatShortDate } from '../time/zonedFormat';

type Props = {
  title: string;
  summary: string;
  children: ReactNode;
  /** A heading level that fits where the chart sits (a card's own title is 2). */
  titleOrder?: TitleOrder;
  /** A button beside the title, e.g. the form that adds to what the chart shows. */
  action?: ReactNode;
};

export function ChartFigure({ title, summary, children, titleOrder = 3, action }: Props) {
  const id = useId();
  return (
    <Stack
      component="figure"
      gap={4}
      m={0}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-summary`}
    >
      <Group justify="space-between" wrap="nowrap">
        <Title order={titleOrder} id={`${id}-title`}>
          {title}
        </Title>
        {action}
      </Group>
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
