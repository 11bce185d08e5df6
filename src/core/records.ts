// The records a team keeps, as zod schemas (the one source for their types). Everything
// the console shows — ledgers, cadences, deadlines, credits — is derived from these.
import { z } from 'zod';
import { fieldTimesSchema } from './fieldMerge';
import { addOnSchema, planOverridesSchema, planTemplateSchema } from './plans';
import { instantSchema, isoDateSchema, localTimeSchema, zoneSchema } from './time';

const id = z.string().min(1).max(64);
const name = z.string().trim().min(1, 'must not be empty').max(200);
const note = z.string().max(10_000);

/** ISO 3166-1 alpha-2 country, e.g. `CH`, `BR`, `US`. */
export const countrySchema = z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter country code such as CH');
/** Region or canton as date-holidays names it, e.g. `SG` for St. Gallen. */
export const regionSchema = z.string().regex(/^[A-Z0-9]{1,3}$/, 'must be a region code such as SG');
/** E.164: `+`, country code, then the number; 8 to 15 digits in all. */
export const phoneSchema = z
  .string()
  .regex(/^\+[1-9]\d{7,14}$/, 'must be an E.164 number with country and area code, e.g. +41712345678');

export const channelKinds = ['ticket', 'phone', 'email', 'chat', 'slack'] as const;

export const customerSchema = z.object({
  id,
  name,
  /** Where the plan was contracted: its business hours and public holidays apply. */
  country: countrySchema,
  region: regionSchema.nullable(),
  timeZone: zoneSchema,
  tamUserId: id.nullable(),
  channels: z.array(z.enum(channelKinds)),
  notes: note.default(''),
  archived: z.boolean().default(false),
  /** Per-field merge clocks (fieldMerge.ts); absent on records never edited since. */
  fieldTimes: fieldTimesSchema.optional(),
});
export type Customer = z.infer<typeof customerSchema>;

export const contractSchema = z.object({
  id,
  customerId: id,
  planId: z.string().min(1),
  /** First day of the first contract year; allowances restart on each anniversary. */
  startDate: isoDateSchema,
  termMonths: z.number().int().min(1).max(120),
  overrides: planOverridesSchema.default({}),
  addOns: z.array(addOnSchema).default([]),
  fieldTimes: fieldTimesSchema.optional(),
});
export type Contract = z.infer<typeof contractSchema>;

export const contactRoles = ['it-operations', 'engineering', 'management', 'billing', 'security'] as const;
export const contactSchema = z.object({
  id,
  customerId: id,
  name,
  role: z.enum(contactRoles),
  email: z.email('must be an email address'),
  phones: z.array(phoneSchema).max(5),
  primary: z.boolean().default(false),
  fieldTimes: fieldTimesSchema.optional(),
});
export type Contact = z.infer<typeof contactSchema>;

/** A project or instance: one customer may run several; tickets and bookings name one. */
export const projectSchema = z.object({
  id,
  customerId: id,
  name,
  environment: z.enum(['production', 'staging', 'development']).default('production'),
  fieldTimes: fieldTimesSchema.optional(),
});
export type Project = z.infer<typeof projectSchema>;

/** A review series: a call every `intervalWeeks` weeks at an agreed weekday and time in the customer's zone. */
export const reviewSeriesSchema = z.object({
  id,
  customerId: id,
  tamUserId: id,
  /** The date of the first call; its weekday is the series' weekday. */
  firstDate: isoDateSchema,
  localTime: localTimeSchema,
  timeZone: zoneSchema,
  durationMinutes: z.number().int().min(15).max(240),
  intervalWeeks: z.number().int().min(1).max(8).default(2),
  /** No calls on or after this date. */
  endDate: isoDateSchema.nullable().default(null),
});
export type ReviewSeries = z.infer<typeof reviewSeriesSchema>;

export const agendaTopics = [
  'operational-challenges',
  'complex-tickets',
  'new-features',
  'feedback',
] as const;

/** What happened to one occurrence of a series. Occurrences nobody acted on have no record. */
export const reviewCallSchema = z.object({
  id,
  customerId: id,
  seriesId: id,
  /** The occurrence's original date: the key that ties this call to the series. */
  occurrenceDate: isoDateSchema,
  status: z.enum(['moved', 'held', 'missed', 'cancelled']),
  /** When it actually starts (moved) or started (held); the series' time otherwise. */
  startsAt: instantSchema,
  durationMinutes: z.number().int().min(0).max(600),
  agenda: z.array(z.object({ topic: z.enum(agendaTopics), text: z.string().max(2000) })).default([]),
  notes: note.default(''),
  actionItems: z
    .array(
      z.object({
        text: z.string().min(1).max(2000),
        owner: z.string().max(200).default(''),
        done: z.boolean().default(false),
      }),
    )
    .default([]),
  loggedBy: id.nullable().default(null),
});
export type ReviewCall = z.infer<typeof reviewCallSchema>;

/** TAM time other than held calls (preparation, advice), counted against the weekly budget. */
export const tamTimeEntrySchema = z.object({
  id,
  customerId: id,
  userId: id,
  date: isoDateSchema,
  minutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  activity: z.enum(['preparation', 'advice', 'walkthrough', 'other']),
  note: z.string().max(2000).default(''),
});
export type TamTimeEntry = z.infer<typeof tamTimeEntrySchema>;

export const goLiveBookingSchema = z.object({
  id,
  customerId: id,
  projectId: id.nullable(),
  title: name,
  /** When the request was made: the 72-hour notice is measured from here. */
  requestedAt: instantSchema,
  startsAt: instantSchema,
  endsAt: instantSchema,
  /** The customer's zone when booked, for showing the window as the customer sees it. */
  timeZone: zoneSchema,
  status: z.enum(['booked', 'cancelled']),
  cancelledAt: instantSchema.nullable().default(null),
  /** The customer agreed to pay for it beyond the allowance. */
  billableAccepted: z.boolean().default(false),
  reservationId: id.nullable().default(null),
  bookedBy: id.nullable().default(null),
  notes: note.default(''),
});
export type GoLiveBooking = z.infer<typeof goLiveBookingSchema>;

/** Allowance units set aside ahead of time (escrow) so a TAM can book offline. */
export const allowanceReservationSchema = z.object({
  id,
  customerId: id,
  kind: z.literal('goLiveEvents'),
  contractYear: z.number().int().positive(),
  quantity: z.number().int().min(1).max(20),
  reservedBy: id,
  createdAt: instantSchema,
  expiresAt: instantSchema,
  releasedAt: instantSchema.nullable().default(null),
});
export type AllowanceReservation = z.infer<typeof allowanceReservationSchema>;

export const reviewObjectives = ['cost', 'performance', 'availability', 'security'] as const;
export const bestPracticesReviewSchema = z.object({
  id,
  customerId: id,
  projectId: id.nullable(),
  /** The website or application to review. */
  target: name,
  objective: z.enum(reviewObjectives),
  requestedAt: instantSchema,
  /** The date it counts on, in the customer's zone. */
  requestedOn: isoDateSchema,
  status: z.enum(['requested', 'in-progress', 'delivered', 'cancelled']),
  advisorUserId: id.nullable().default(null),
  findings: z.array(z.string().min(1).max(4000)).default([]),
  deliveredAt: instantSchema.nullable().default(null),
  billableAccepted: z.boolean().default(false),
});
export type BestPracticesReview = z.infer<typeof bestPracticesReviewSchema>;

export const trainingDaySchema = z.object({
  id,
  customerId: id,
  date: isoDateSchema,
  topic: name,
  attendees: z.array(z.string().trim().min(1).max(200)).max(200),
  status: z.enum(['scheduled', 'held', 'cancelled']),
  billableAccepted: z.boolean().default(false),
  fieldTimes: fieldTimesSchema.optional(),
});
export type TrainingDay = z.infer<typeof trainingDaySchema>;

export const customConfigurationSchema = z.object({
  id,
  customerId: id,
  /** The site (hostname) configured; allowances count distinct sites per contract year. */
  site: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9.-]+\.[a-z]{2,}$|^[a-z0-9-]+$/, 'must be a site name such as shop.example.com'),
  description: z.string().max(4000).default(''),
  configuredOn: isoDateSchema,
  status: z.enum(['requested', 'delivered', 'cancelled']),
  billableAccepted: z.boolean().default(false),
});
export type CustomConfiguration = z.infer<typeof customConfigurationSchema>;

export const ticketSchema = z.object({
  id,
  customerId: id,
  projectId: id.nullable(),
  title: name,
  openedAt: instantSchema,
  /** Every severity the ticket has had, oldest first; the first is the one it was opened with. */
  severityHistory: z
    .array(
      z.object({
        severity: z.string().min(1),
        at: instantSchema,
        by: id.nullable(),
        reason: z.string().max(500).default(''),
      }),
    )
    .min(1),
  firstResponseAt: instantSchema.nullable().default(null),
  /** Set while we wait on the customer; four days of silence resolve the case. */
  awaitingCustomerSince: instantSchema.nullable().default(null),
  escalations: z
    .array(
      z.object({
        id,
        at: instantSchema,
        urgent: z.boolean(),
        respondedAt: instantSchema.nullable().default(null),
      }),
    )
    .default([]),
  status: z.enum(['open', 'resolved']),
  resolvedAt: instantSchema.nullable().default(null),
  resolution: z.enum(['customer-confirmed', 'cause-elsewhere', 'no-reply']).nullable().default(null),
  /** Appliance critical issues: the customer's confirmation, required before closing. */
  customerConfirmedAt: instantSchema.nullable().default(null),
});
export type Ticket = z.infer<typeof ticketSchema>;

/**
 * A TAM asks a team lead to make an exception to a rule that refused a change (Needs attention).
 * It carries the refused mutation and the rule with its numbers, so the lead decides on the same
 * facts the TAM saw. The decision is recorded (and audited); it changes no ledger by itself.
 */
export const exceptionRequestSchema = z.object({
  id,
  customerId: id,
  /** The refused change, as it was queued. */
  mutation: z.object({
    name: z.string().min(1).max(100),
    version: z.number().int().positive(),
    args: z.unknown(),
  }),
  /** What the change did, in one line, as the outbox summarised it. */
  summary: z.string().max(500),
  /** The rule that refused it, with its numbers. */
  rule: z.object({
    code: z.string().min(1).max(64),
    message: z.string().max(2000),
    numbers: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])).default({}),
  }),
  note: z.string().max(2000).default(''),
  requestedBy: id,
  requestedAt: instantSchema,
  status: z.enum(['open', 'granted', 'declined']),
  decidedBy: id.nullable().default(null),
  decidedAt: instantSchema.nullable().default(null),
  decisionNote: z.string().max(2000).default(''),
});
export type ExceptionRequest = z.infer<typeof exceptionRequestSchema>;

/** Every table the team syncs, with its record schema. */
export const recordSchemas = {
  planTemplates: planTemplateSchema,
  customers: customerSchema,
  contracts: contractSchema,
  contacts: contactSchema,
  projects: projectSchema,
  reviewSeries: reviewSeriesSchema,
  reviewCalls: reviewCallSchema,
  tamTimeEntries: tamTimeEntrySchema,
  goLiveBookings: goLiveBookingSchema,
  allowanceReservations: allowanceReservationSchema,
  bestPracticesReviews: bestPracticesReviewSchema,
  trainingDays: trainingDaySchema,
  customConfigurations: customConfigurationSchema,
  tickets: ticketSchema,
  exceptionRequests: exceptionRequestSchema,
} as const;

export type TableName = keyof typeof recordSchemas;
export const tableNames = Object.keys(recordSchemas) as TableName[];
export type RecordOf<T extends TableName> = z.infer<(typeof recordSchemas)[T]>;

/** All records of one customer: what every rule needs to decide about that customer. */
export type CustomerBook = {
  customer: Customer;
  contract: Contract | null;
  contacts: Contact[];
  projects: Project[];
  reviewSeries: ReviewSeries[];
  reviewCalls: ReviewCall[];
  tamTimeEntries: TamTimeEntry[];
  goLiveBookings: GoLiveBooking[];
  allowanceReservations: AllowanceReservation[];
  bestPracticesReviews: BestPracticesReview[];
  trainingDays: TrainingDay[];
  customConfigurations: CustomConfiguration[];
  tickets: Ticket[];
  exceptionRequests: ExceptionRequest[];
};

export function emptyBook(customer: Customer): CustomerBook {
  return {
    customer,
    contract: null,
    contacts: [],
    projects: [],
    reviewSeries: [],
    reviewCalls: [],
    tamTimeEntries: [],
    goLiveBookings: [],
    allowanceReservations: [],
    bestPracticesReviews: [],
    trainingDays: [],
    customConfigurations: [],
    tickets: [],
    exceptionRequests: [],
  };
}
