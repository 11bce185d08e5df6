// One customer: contract and plan, the ledger, review calls, Go Lives, reviews, training and
// configurations, tickets, contacts and projects; and the forms that change them.
import { Anchor, Badge, Button, Group, Menu, Stack, Tabs, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../db/schema';
import { customerFlags } from '../customers/customerRows';
import { flagSentence } from '../customers/flagWords';
import { CustomerExportMenu } from '../exports/CustomerExportMenu';
import { AddContactForm } from '../forms/AddContactForm';
import { AddCustomConfigurationForm } from '../forms/AddCustomConfigurationForm';
import { AddProjectForm } from '../forms/AddProjectForm';
import { BookGoLiveForm } from '../forms/BookGoLiveForm';
import { ChangeSeverityForm } from '../forms/ChangeSeverityForm';
import { EditContractForm } from '../forms/EditContractForm';
import { EditCustomerForm } from '../forms/EditCustomerForm';
import { LogTamTimeForm } from '../forms/LogTamTimeForm';
import { MoveReviewCallForm } from '../forms/MoveReviewCallForm';
import { LogReviewCallForm } from '../forms/LogReviewCallForm';
import { LogTicketForm } from '../forms/LogTicketForm';
import { RequestReviewForm } from '../forms/RequestReviewForm';
import { ReserveGoLiveForm } from '../forms/ReserveGoLiveForm';
import { ScheduleReviewSeriesForm } from '../forms/ScheduleReviewSeriesForm';
import { ScheduleTrainingForm } from '../forms/ScheduleTrainingForm';
import { customerTabs, useNavigation, type CustomerTab } from '../navigation/navigationStore';
import { ReservationsPanel } from '../reservations/ReservationsPanel';
import { statusOf } from '../team/customerStatusCache';
import { useNameOf } from '../team/personName';
import { useCustomerBook } from '../team/useCustomerBook';
import { useNow } from '../time/clock';
import { findPlanTemplate } from '../../../core/plans';
import { useCustomerDetailStore } from './customerDetailStore';
import { EntitlementsPanel } from './EntitlementsPanel';
import { GoLivePanel } from './GoLivePanel';
import { LedgerPanel } from './LedgerPanel';
import { OverviewPanel } from './OverviewPanel';
import { PeoplePanel } from './PeoplePanel';
import { ReviewCallsPanel } from './ReviewCallsPanel';
import { TicketsPanel } from './TicketsPanel';

type Props = { customerId: string; tab: CustomerTab; settings: Settings };

export function CustomerDetailView({ customerId, tab, settings }: Props) {
  const { t } = useTranslation();
  const loaded = useCustomerBook(customerId);
  const now = useNow();
  const go = useNavigation((state) => state.go);
  const { form, open, close } = useCustomerDetailStore();
  const nameOf = useNameOf(settings);
  useEffect(() => close, [close]);

  if (loaded.state === 'loading') return <Text size="sm">{t('customer.opening')}</Text>;
  if (loaded.state === 'missing')
    return (
      <Stack gap="xs">
        <Text>{t('customer.missing')}</Text>
        <Anchor href="#/customers">{t('customer.back')}</Anchor>
      </Stack>
    );
  const { book, templates } = loaded;
  const status = statusOf(book, templates, now);
  const customer = book.customer;
  const planName = book.contract
    ? (findPlanTemplate(book.contract.planId, templates)?.name ?? book.contract.planId)
    : t('customers.noContract');
  const flags = customerFlags(status, book);
  const formProps = { book, settings, templates, onClose: close };

  return (
    <Stack gap="xs">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2}>
          <Anchor href="#/customers" size="xs">
            {t('customer.backShort')}
          </Anchor>
          <Title order={1}>{customer.name}</Title>
          <Group gap={6}>
            <Badge variant="outline" color="gray">
              {planName}
            </Badge>
            <Badge variant="outline" color="gray">
              {customer.country}
              {customer.region ? `-${customer.region}` : ''} · {customer.timeZone}
            </Badge>
            <Badge variant="outline" color="gray">
              {t('customer.tam', {
                name: customer.tamUserId ? nameOf(customer.tamUserId) : t('customer.noTam'),
              })}
            </Badge>
            {flags.map((flag) => (
              <Badge
                key={flag.key}
                color={flag.color}
                variant="light"
                // The whole sentence, never cut: two allowances running out make a long one.
                h="auto"
                styles={{ label: { whiteSpace: 'normal', overflow: 'visible' } }}
              >
                {flagSentence(t, flag)}
              </Badge>
            ))}
          </Group>
        </Stack>
        <Group gap={6} wrap="nowrap">
          <Button onClick={() => open({ kind: 'bookGoLive' })}>{t('customer.actions.bookGoLive')}</Button>
          <Button variant="default" onClick={() => open({ kind: 'logTicket' })}>
            {t('customer.actions.logTicket')}
          </Button>
          <Button variant="default" onClick={() => open({ kind: 'scheduleReviewSeries' })}>
            {t('customer.actions.scheduleReviewSeries')}
          </Button>
          <Menu position="bottom-end">
            <Menu.Target>
              <Button variant="default">{t('customer.actions.more')}</Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item
                onClick={() => open({ kind: 'logReviewCall', seriesId: null, occurrenceDate: null })}
              >
                {t('customer.actions.logReviewCall')}
              </Menu.Item>
              <Menu.Item onClick={() => open({ kind: 'logTamTime' })}>
                {t('customer.actions.logTamTime')}
              </Menu.Item>
              <Menu.Item onClick={() => open({ kind: 'reserveGoLive' })}>
                {t('customer.actions.reserveGoLive')}
              </Menu.Item>
              <Menu.Item onClick={() => open({ kind: 'requestReview' })}>
                {t('customer.actions.requestReview')}
              </Menu.Item>
              <Menu.Item onClick={() => open({ kind: 'scheduleTraining' })}>
                {t('customer.actions.scheduleTraining')}
              </Menu.Item>
              <Menu.Item onClick={() => open({ kind: 'addCustomConfiguration' })}>
                {t('customer.actions.addCustomConfiguration')}
              </Menu.Item>
              <Menu.Item onClick={() => open({ kind: 'addContact' })}>
                {t('customer.actions.addContact')}
              </Menu.Item>
              <Menu.Item onClick={() => open({ kind: 'addProject' })}>
                {t('customer.actions.addProject')}
              </Menu.Item>
              <Menu.Divider />
              <Menu.Item onClick={() => open({ kind: 'editCustomer' })}>
                {t('customer.actions.editCustomer')}
              </Menu.Item>
              <Menu.Item onClick={() => open({ kind: 'editContract' })} disabled={!book.contract}>
                {t('customer.actions.editContract')}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
          <CustomerExportMenu book={book} />
        </Group>
      </Group>
      <Tabs
        value={tab}
        onChange={(value) =>
          go({ view: 'customer', customerId, tab: (value as CustomerTab | null) ?? 'overview' })
        }
        keepMounted={false}
      >
        <Tabs.List>
          {customerTabs.map((key) => (
            <Tabs.Tab key={key} value={key}>
              {t(`customer.tabs.${key}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="overview" pt="xs">
          <OverviewPanel book={book} status={status} templates={templates} myZone={settings.timeZone} />
        </Tabs.Panel>
        <Tabs.Panel value="ledger" pt="xs">
          <LedgerPanel status={status} />
        </Tabs.Panel>
        <Tabs.Panel value="reviews" pt="xs">
          <ReviewCallsPanel
            book={book}
            status={status}
            templates={templates}
            now={now}
            myZone={settings.timeZone}
          />
        </Tabs.Panel>
        <Tabs.Panel value="golive" pt="xs">
          <Stack gap="sm">
            <GoLivePanel book={book} status={status} now={now} settings={settings} />
            <ReservationsPanel
              book={book}
              userId={settings.userId}
              now={now}
              myZone={settings.timeZone}
              onReserve={() => open({ kind: 'reserveGoLive' })}
            />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="entitlements" pt="xs">
          <EntitlementsPanel book={book} status={status} />
        </Tabs.Panel>
        <Tabs.Panel value="tickets" pt="xs">
          <TicketsPanel
            book={book}
            status={status}
            templates={templates}
            now={now}
            myZone={settings.timeZone}
          />
        </Tabs.Panel>
        <Tabs.Panel value="people" pt="xs">
          <PeoplePanel book={book} />
        </Tabs.Panel>
      </Tabs>
      {form?.kind === 'scheduleReviewSeries' ? <ScheduleReviewSeriesForm {...formProps} /> : null}
      {form?.kind === 'logReviewCall' ? (
        <LogReviewCallForm {...formProps} seriesId={form.seriesId} occurrenceDate={form.occurrenceDate} />
      ) : null}
      {form?.kind === 'bookGoLive' ? <BookGoLiveForm {...formProps} /> : null}
      {form?.kind === 'reserveGoLive' ? <ReserveGoLiveForm {...formProps} /> : null}
      {form?.kind === 'requestReview' ? <RequestReviewForm {...formProps} /> : null}
      {form?.kind === 'scheduleTraining' ? <ScheduleTrainingForm {...formProps} /> : null}
      {form?.kind === 'logTicket' ? (
        <LogTicketForm {...formProps} onSaved={() => go({ view: 'customer', customerId, tab: 'tickets' })} />
      ) : null}
      {form?.kind === 'addContact' ? <AddContactForm {...formProps} /> : null}
      {form?.kind === 'addProject' ? <AddProjectForm {...formProps} /> : null}
      {form?.kind === 'editCustomer' ? <EditCustomerForm {...formProps} /> : null}
      {form?.kind === 'editContract' ? <EditContractForm {...formProps} /> : null}
      {form?.kind === 'logTamTime' ? <LogTamTimeForm {...formProps} /> : null}
      {form?.kind === 'addCustomConfiguration' ? <AddCustomConfigurationForm {...formProps} /> : null}
      {form?.kind === 'moveReviewCall' ? (
        <MoveReviewCallForm {...formProps} seriesId={form.seriesId} occurrenceDate={form.occurrenceDate} />
      ) : null}
      {form?.kind === 'changeSeverity' ? (
        <ChangeSeverityForm {...formProps} ticketId={form.ticketId} />
      ) : null}
    </Stack>
  );
}
