// Overview: the contract and the plan as it governs this customer (template, overrides and
// add-ons, resolved by the core), the term with its service credits, and the review cadence.
import { Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { CustomerStatus } from '../../../core/customerStatus';
import { securityResponseTeamEntitled } from '../../../core/entitlements';
import { allowanceKinds, findPlanTemplate, resolvePlan, type PlanTemplate } from '../../../core/plans';
import type { CustomerBook } from '../../../core/records';
import { useTranslation } from 'react-i18next';
import { usePlanWords } from '../i18n/usePlanWords';
import { formatDate } from '../time/zonedFormat';
import { ZonedInstant } from '../time/ZonedInstant';

type Props = {
  book: CustomerBook;
  status: CustomerStatus;
  templates: readonly PlanTemplate[];
  myZone: string;
};

export function OverviewPanel({ book, status, templates, myZone }: Props) {
  const { t } = useTranslation();
  const { kindLabel, addOnLabel, objectiveWords } = usePlanWords();
  const contract = book.contract;
  const template = contract ? findPlanTemplate(contract.planId, templates) : undefined;
  const year = status.contractYear?.index ?? 1;
  const plan = contract && template ? resolvePlan(template, contract.overrides, contract.addOns, year) : null;
  const srt = plan ? securityResponseTeamEntitled(plan) : null;
  const overridden = contract?.overrides.included ?? {};
  const responseOverrides = contract?.overrides.initialResponse ?? {};
  const cadence = status.cadence;
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="sm">
      <Card withBorder p="sm">
        <Title order={2}>{t('customer.overview.contract')}</Title>
        {contract && plan ? (
          <Table mt={4} variant="vertical" layout="fixed">
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={170}>{t('customer.overview.plan')}</Table.Th>
                <Table.Td>{plan.template.name}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('customer.overview.startTerm')}</Table.Th>
                <Table.Td>
                  {t('customer.overview.startTermValue', {
                    date: formatDate(contract.startDate),
                    months: contract.termMonths,
                  })}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('customer.overview.contractYear')}</Table.Th>
                <Table.Td>
                  {status.contractYear
                    ? t('customer.overview.yearRange', {
                        year: status.contractYear.index,
                        from: formatDate(status.contractYear.from),
                        to: formatDate(status.contractYear.to),
                      })
                    : t('customer.overview.outsideTerm')}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('customer.overview.renewal')}</Table.Th>
                <Table.Td>
                  {status.renewalDate ? formatDate(status.renewalDate) : '–'}
                  {status.serviceCreditDays > 0
                    ? t('customer.overview.extended', { count: status.serviceCreditDays })
                    : ''}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('customer.overview.supportHours')}</Table.Th>
                <Table.Td>{t(`plan.clocks.${plan.supportHours}`)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('customer.overview.srt')}</Table.Th>
                <Table.Td>
                  {srt?.entitled
                    ? t('customer.overview.srtEntitled')
                    : srt && !srt.entitled
                      ? srt.reason === 'not-on-plan'
                        ? t('customer.overview.srtNone')
                        : t('customer.overview.srtNot')
                      : '–'}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('customer.overview.slack')}</Table.Th>
                <Table.Td>
                  {plan.slackChannel
                    ? t('customer.overview.slackYes')
                    : plan.template.slackChannel === 'addon'
                      ? t('customer.overview.slackAddon')
                      : t('customer.overview.slackNo')}
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        ) : (
          <Text size="sm" mt={4}>
            {t('customer.overview.noContract')}
          </Text>
        )}
      </Card>
      <Card withBorder p="sm">
        <Title order={2}>{t('customer.overview.cadence')}</Title>
        <Stack gap={4} mt={4}>
          <Group gap="xs">
            <Badge
              color={
                cadence.status === 'on-track' ? 'green' : cadence.status === 'overdue' ? 'red' : 'orange'
              }
              variant="light"
            >
              {t(`customer.overview.cadenceStates.${cadence.status}`)}
            </Badge>
            {cadence.notScheduledForNextTwoWeeks && cadence.status !== 'not-scheduled' ? (
              <Badge color="orange" variant="light">
                {t('customer.overview.noCallTwoWeeks')}
              </Badge>
            ) : null}
          </Group>
          <Text size="sm">
            {t('customer.overview.nextCall')}{' '}
            {cadence.nextCall ? (
              <ZonedInstant
                instant={cadence.nextCall.effectiveStartsAt}
                customerZone={book.customer.timeZone}
                myZone={myZone}
              />
            ) : (
              t('customer.overview.noneScheduled')
            )}
          </Text>
          <Text size="sm">
            {t('customer.overview.lastHeld')}{' '}
            {cadence.lastHeld ? (
              <ZonedInstant
                instant={cadence.lastHeld.startsAt}
                customerZone={book.customer.timeZone}
                myZone={myZone}
              />
            ) : (
              t('customer.overview.noneYet')
            )}
          </Text>
          <Text size="sm">{t('customer.overview.missed90', { count: cadence.missedInLast90Days })}</Text>
        </Stack>
      </Card>
      {plan ? (
        <Card withBorder p="sm">
          <Title order={2}>
            {status.contractYear
              ? t('customer.overview.allowancesYear', { year })
              : t('customer.overview.allowances')}
          </Title>
          <Table mt={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('customer.overview.allowance')}</Table.Th>
                <Table.Th ta="right">{t('customer.overview.included')}</Table.Th>
                <Table.Th ta="right">{t('customer.overview.addOns')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...allowanceKinds, 'tamHoursPerWeek' as const].map((kind) => (
                <Table.Tr key={kind}>
                  <Table.Td>
                    {kind === 'tamHoursPerWeek' ? t('customer.overview.tamHoursPerWeek') : kindLabel(kind)}
                  </Table.Td>
                  <Table.Td ta="right" className="tabular">
                    {plan.included[kind]}
                    {overridden[kind] !== undefined ? t('customer.overview.override') : ''}
                  </Table.Td>
                  <Table.Td ta="right" className="tabular">
                    {plan.addOn[kind] > 0 ? `+${plan.addOn[kind]}` : '–'}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {contract && contract.addOns.length > 0 ? (
            <Text size="xs" mt={4}>
              {t('customer.overview.addOnList', {
                list: contract.addOns
                  .map((addOn) =>
                    addOn.contractYear === null
                      ? t('customer.overview.addOnEveryYear', {
                          kind: addOnLabel(addOn.kind),
                          count: addOn.quantity,
                        })
                      : t('customer.overview.addOnYear', {
                          kind: addOnLabel(addOn.kind),
                          count: addOn.quantity,
                          year: addOn.contractYear,
                        }),
                  )
                  .join('; '),
              })}
            </Text>
          ) : null}
        </Card>
      ) : null}
      {plan ? (
        <Card withBorder p="sm">
          <Title order={2}>{t('customer.overview.objectives')}</Title>
          <Table mt={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('customer.overview.severity')}</Table.Th>
                <Table.Th>{t('customer.overview.firstResponse')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {plan.severities.map((severity) => (
                <Table.Tr key={severity.id}>
                  <Table.Td>{severity.label}</Table.Td>
                  <Table.Td>
                    {objectiveWords(severity.initialResponse)}
                    {severity.id in responseOverrides ? t('customer.overview.override') : ''}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text size="xs" mt={4}>
            {plan.escalation
              ? t('customer.overview.escalations', {
                  standard: objectiveWords(plan.escalation.standard),
                  urgent: objectiveWords(plan.escalation.urgent),
                })
              : t('customer.overview.noEscalations')}
          </Text>
        </Card>
      ) : null}
    </SimpleGrid>
  );
}
