// The demo book: a seeded, reproducible book of a large team (about 40 records a customer over
// three contract years) for the first start's demo data, the server's load-demo and the benches.
// The same seed gives the same records, and each customer draws from its own stream, so the first
// 200 customers of a 5,000-customer book are the 200 customers of a 200-customer book.
import { findPlanTemplate, planTemplates, type AddOn, type PlanOverrides, type PlanTemplate } from './plans';
import type {
  BestPracticesReview,
  Contact,
  Contract,
  Customer,
  CustomerBook,
  Project,
  RecordOf,
  ReviewCall,
  ReviewSeries,
  TableName,
  TamTimeEntry,
  Ticket,
  TrainingDay,
} from './records';
import { contactRoles, reviewObjectives } from './records';
import { occurrencesBetween } from './reviewCadence';
import {
  addDays,
  DAY_MS,
  HOUR_MS,
  localDateOf,
  MINUTE_MS,
  toInstant,
  type Instant,
  type IsoDate,
} from './time';

// ---------------------------------------------------------------------------------------------
// Randomness: mulberry32, a small seeded generator (never Math.random), and a few draws on it.

/** Mulberry32: a 32-bit seeded PRNG giving floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Draw = {
  /** [0, 1) */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  weighted<T>(items: readonly (readonly [T, number])[]): T;
};

function drawFrom(random: () => number): Draw {
  const draw: Draw = {
    next: random,
    int: (min, max) => min + Math.floor(random() * (max - min + 1)),
    chance: (probability) => random() < probability,
    pick: (items) => {
      const item = items[Math.floor(random() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    weighted: (items) => {
      const total = items.reduce((sum, [, weight]) => sum + weight, 0);
      let roll = random() * total;
      for (const [item, weight] of items) {
        roll -= weight;
        if (roll < 0) return item;
      }
      const last = items[items.length - 1];
      if (!last) throw new Error('pick from an empty list');
      return last[0];
    },
  };
  return draw;
}

/** Each customer's own stream: the team seed mixed with the customer's position. */
function customerDraw(seed: number, index: number): Draw {
  let mixed = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  mixed = Math.imul(mixed ^ (mixed >>> 16), 0x85ebca6b) >>> 0;
  mixed = Math.imul(mixed ^ (mixed >>> 13), 0xc2b2ae35) >>> 0;
  return drawFrom(mulberry32(mixed ^ (mixed >>> 16)));
}

// ---------------------------------------------------------------------------------------------
// The team's world: countries, plans, names.

type Country = {
  country: string;
  region: string | null;
  timeZone: string;
  /** E.164 prefix: country code and an area code. */
  phonePrefix: string;
  /** Digits after the prefix. */
  phoneDigits: number;
  companySuffix: string;
  tld: string;
};

const countries: Record<string, Country> = {
  CH: {
    country: 'CH',
    region: 'SG',
    timeZone: 'Europe/Zurich',
    phonePrefix: '+4171',
    phoneDigits: 7,
    companySuffix: 'AG',
    tld: 'ch',
  },
  BR: {
    country: 'BR',
    region: 'SP',
    timeZone: 'America/Sao_Paulo',
    phonePrefix: '+55119',
    phoneDigits: 8,
    companySuffix: 'Ltda',
    tld: 'com.br',
  },
  US: {
    country: 'US',
    region: 'NY',
    timeZone: 'America/New_York',
    phonePrefix: '+1212',
    phoneDigits: 7,
    companySuffix: 'Inc',
    tld: 'com',
  },
  DE: {
    country: 'DE',
    region: 'BE',
    timeZone: 'Europe/Berlin',
    phonePrefix: '+4930',
    phoneDigits: 8,
    companySuffix: 'GmbH',
    tld: 'de',
  },
  GB: {
    country: 'GB',
    region: 'ENG',
    timeZone: 'Europe/London',
    phonePrefix: '+4420',
    phoneDigits: 8,
    companySuffix: 'Ltd',
    tld: 'co.uk',
  },
  SG: {
    country: 'SG',
    region: null,
    timeZone: 'Asia/Singapore',
    phonePrefix: '+656',
    phoneDigits: 7,
    companySuffix: 'Pte Ltd',
    tld: 'sg',
  },
};

const countriesByVendor: Record<PlanTemplate['vendor'], readonly (readonly [string, number])[]> = {
  edge: [
    ['BR', 35],
    ['US', 25],
    ['DE', 10],
    ['GB', 10],
    ['SG', 10],
    ['CH', 10],
  ],
  identity: [
    ['CH', 70],
    ['DE', 15],
    ['GB', 15],
  ],
  appliance: [
    ['US', 40],
    ['DE', 20],
    ['GB', 20],
    ['CH', 20],
  ],
};

const planMix: readonly (readonly [string, number])[] = [
  ['edge-mission-critical', 34],
  ['edge-enterprise', 24],
  ['identity-extended-sla', 12],
  ['identity-custom', 12],
  ['appliance-premium', 8],
  ['edge-developer', 5],
  ['identity-default', 5],
];

const companyWords = [
  'Alpine',
  'Atlantic',
  'Aurora',
  'Bahia',
  'Baltic',
  'Cobalt',
  'Condor',
  'Delta',
  'Ember',
  'Falcon',
  'Granite',
  'Harbor',
  'Helvetia',
  'Iguacu',
  'Juniper',
  'Kestrel',
  'Lumen',
  'Meridian',
  'Nimbus',
  'Orca',
  'Pampas',
  'Quartz',
  'Rhine',
  'Sentinel',
  'Solaris',
  'Summit',
  'Tamarind',
  'Thames',
  'Vertex',
  'Zephyr',
];
const companyTrades = [
  'Payments',
  'Logistics',
  'Media',
  'Retail',
  'Health',
  'Insurance',
  'Telecom',
  'Energy',
  'Travel',
  'Streaming',
  'Banking',
  'Games',
  'Mobility',
  'Foods',
  'Software',
];
const firstNames = [
  'Anna',
  'Luca',
  'Sofia',
  'Noah',
  'Mia',
  'Leon',
  'Julia',
  'Pedro',
  'Ana',
  'Lucas',
  'Emma',
  'James',
  'Olivia',
  'Wei',
  'Priya',
  'Jonas',
  'Lea',
  'Mateus',
  'Grace',
  'Felix',
];
const lastNames = [
  'Keller',
  'Meier',
  'Silva',
  'Santos',
  'Smith',
  'Johnson',
  'Muller',
  'Schmidt',
  'Brown',
  'Taylor',
  'Tan',
  'Lim',
  'Costa',
  'Weber',
  'Fischer',
  'Oliveira',
  'Clark',
  'Wong',
  'Huber',
  'Baumann',
];
const projectNames = [
  'Checkout',
  'Identity Gateway',
  'Streaming Edge',
  'Partner Portal',
  'Mobile API',
  'Marketing Site',
  'Customer Login',
  'Data Platform',
  'Storefront',
  'Video CDN',
];
const trainingTopics = [
  'Edge Functions in depth',
  'WAF rules workshop',
  'Caching strategy',
  'Observability and logs',
  'Identity flows and SSO',
  'Incident drill',
];
const ticketTitles = [
  'Elevated 5xx at the edge',
  'Login loop after SSO change',
  'Cache purge not applied',
  'Certificate renewal',
  'Latency spike in region',
  'Rate limiting question',
  'Webhook retries',
  'DNS propagation',
  'Token refresh failures',
  'Config rollback request',
];
const reviewTimes = ['09:00', '09:30', '10:00', '11:00', '13:30', '14:00', '15:30', '16:00'];

/** TAMs and advisors of the team; about 200 customers per TAM. */
function teamOf(customers: number): { tams: string[]; advisors: string[] } {
  const tamCount = Math.max(1, Math.ceil(customers / 200));
  return {
    tams: Array.from({ length: tamCount }, (_, i) => `tam-${String(i + 1).padStart(2, '0')}`),
    advisors: Array.from({ length: Math.max(2, Math.ceil(tamCount / 2)) }, (_, i) => `advisor-${i + 1}`),
  };
}

// ---------------------------------------------------------------------------------------------
// Dates

function dayNumber(date: IsoDate): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

function dateOfDay(day: number): IsoDate {
  return toInstant(day * DAY_MS).slice(0, 10);
}

/** The latest date with this month and day on or before `today`, `yearsBack` years further back. */
function latestDateLike(today: IsoDate, monthDay: string, yearsBack: number, mustExist = false): IsoDate {
  let year = Number(today.slice(0, 4));
  if (`${year}-${monthDay}` > today) year -= 1;
  year -= yearsBack;
  if (mustExist) {
    // 29 February: the nearest leap year at or before.
    while (!(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) year -= 1;
  }
  return `${year}-${monthDay}`;
}

/** A local date by the zone's standard offset: good enough for dates a TAM types (training, configuration). */
function roughLocalDate(millis: number, offsetHours: number): IsoDate {
  return toInstant(millis + offsetHours * HOUR_MS).slice(0, 10);
}

const standardOffsets: Record<string, number> = {
  'Europe/Zurich': 1,
  'America/Sao_Paulo': -3,
  'America/New_York': -5,
  'Europe/Berlin': 1,
  'Europe/London': 0,
  'Asia/Singapore': 8,
};

// ---------------------------------------------------------------------------------------------
// One customer

type CustomerPlan = {
  template: PlanTemplate;
  contract: Contract;
  hasTam: boolean;
  slack: boolean;
};

function slugOf(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function phoneOf(draw: Draw, country: Country): string {
  let digits = '';
  for (let i = 0; i < country.phoneDigits; i += 1)
    digits += String(i === 0 ? draw.int(2, 9) : draw.int(0, 9));
  return `${country.phonePrefix}${digits}`;
}

function contractFor(
  draw: Draw,
  customerId: string,
  template: PlanTemplate,
  today: IsoDate,
): { contract: Contract; hasTam: boolean; slack: boolean } {
  const roll = draw.next();
  const startDate =
    roll < 0.04
      ? latestDateLike(today, '02-29', draw.int(0, 2), true)
      : roll < 0.08
        ? latestDateLike(today, '01-31', draw.int(0, 2))
        : addDays(today, -draw.int(0, 3 * 365));
  const yearsSince = Math.floor((dayNumber(today) - dayNumber(startDate)) / 365.25);
  const termMonths = Math.min(48, 12 * (yearsSince + 1 + (draw.chance(0.5) ? 1 : 0)));
  const overrides: PlanOverrides = {};
  const addOns: AddOn[] = [];
  let hasTam = template.included.tamHoursPerWeek > 0;
  let slack = false;
  const addOn = (kind: AddOn['kind'], quantity: number, contractYear: number | null) =>
    addOns.push({ id: `${customerId}-addon-${addOns.length + 1}`, kind, quantity, contractYear });
  switch (template.id) {
    case 'edge-mission-critical':
      if (draw.chance(0.85)) {
        overrides.included = { tamHoursPerWeek: draw.pick([1, 2, 2, 3]) };
        hasTam = true;
      }
      if (draw.chance(0.2)) addOn('goLiveEvents', 2, null);
      if (draw.chance(0.15)) addOn('ddosProtection', 1, null);
      if (draw.chance(0.1)) {
        addOn('slackChannel', 1, null);
        slack = true;
      }
      break;
    case 'edge-enterprise':
      if (draw.chance(0.6)) {
        overrides.included = { tamHoursPerWeek: draw.pick([1, 2]) };
        hasTam = true;
      }
      if (draw.chance(0.4)) addOn('goLiveEvents', draw.int(2, 3), null);
      if (draw.chance(0.2)) addOn('trainingDays', 1, null);
      if (draw.chance(0.2)) addOn('bestPracticesReviews', 2, null);
      break;
    case 'identity-extended-sla':
      if (draw.chance(0.7)) {
        overrides.included = { tamHoursPerWeek: 2 };
        hasTam = true;
      }
      if (hasTam && draw.chance(0.25)) addOn('tamHoursPerWeek', 2, null);
      break;
    case 'identity-custom':
      if (draw.chance(0.25)) addOn('tamHoursPerWeek', 2, draw.chance(0.5) ? null : yearsSince + 1);
      break;
    case 'appliance-premium':
      if (draw.chance(0.5)) {
        addOn('tamHoursPerWeek', 2, null);
        hasTam = true;
      }
      break;
    default:
      break;
  }
  const contract: Contract = {
    id: `${customerId}-contract`,
    customerId,
    planId: template.id,
    startDate,
    termMonths: Math.max(termMonths, template.minimumTermMonths),
    overrides,
    addOns,
  };
  return { contract, hasTam, slack };
}

/**
 * One review call, every field in schema order in one literal: records built by spreading a
 * partial object end up with hundreds of hidden classes, which makes every read of them slow.
 */
function callRecord(
  id: string,
  customerId: string,
  seriesId: string,
  occurrenceDate: IsoDate,
  status: ReviewCall['status'],
  startsAt: Instant,
  durationMinutes: number,
  loggedBy: string,
): ReviewCall {
  return {
    id,
    customerId,
    seriesId,
    occurrenceDate,
    status,
    startsAt,
    durationMinutes,
    agenda: [],
    notes: '',
    actionItems: [],
    loggedBy,
  };
}

/** Review series and their calls: most occurrences logged held, some moved, missed or cancelled. */
function reviewsFor(
  draw: Draw,
  customer: Customer,
  plan: CustomerPlan,
  now: Instant,
  today: IsoDate,
  advisors: readonly string[],
): { series: ReviewSeries[]; calls: ReviewCall[] } {
  const series: ReviewSeries[] = [];
  const calls: ReviewCall[] = [];
  if (!plan.hasTam || !customer.tamUserId) return { series, calls };
  const tamUserId = customer.tamUserId;
  const earliest = dayNumber(plan.contract.startDate);
  // Tuesday to Thursday, on or after the contract start, within the last eighteen months.
  const startDay = Math.max(earliest, dayNumber(today) - draw.int(0, 540));
  const wantedWeekday = draw.pick([2, 3, 3, 4]);
  let firstDay = startDay;
  while (((firstDay + 3) % 7) + 1 !== wantedWeekday) firstDay += 1;
  const current: ReviewSeries = {
    id: `${customer.id}-series-2`,
    customerId: customer.id,
    tamUserId,
    firstDate: dateOfDay(firstDay),
    localTime: draw.pick(reviewTimes),
    timeZone: customer.timeZone,
    durationMinutes: draw.pick([30, 45, 60, 60]),
    intervalWeeks: draw.weighted([
      [2, 90],
      [1, 3],
      [4, 7],
    ]),
    endDate: null,
  };
  if (draw.chance(0.1) && firstDay - 126 >= earliest) {
    series.push({
      id: `${customer.id}-series-1`,
      customerId: customer.id,
      tamUserId,
      firstDate: dateOfDay(firstDay - 120 - draw.int(0, 6)),
      localTime: draw.pick(reviewTimes),
      timeZone: customer.timeZone,
      durationMinutes: current.durationMinutes,
      intervalWeeks: 2,
      endDate: current.firstDate,
    });
  }
  series.push(current);
  const nowMillis = Date.parse(now);
  for (const one of series) {
    const until = toInstant(nowMillis + 28 * DAY_MS);
    for (const occurrence of occurrencesBetween(one, `${one.firstDate}T00:00:00.000Z`, until)) {
      const id = `${one.id}-${occurrence.occurrenceDate}`;
      const call = (status: ReviewCall['status'], startsAt: Instant, durationMinutes: number) =>
        callRecord(
          id,
          customer.id,
          one.id,
          occurrence.occurrenceDate,
          status,
          startsAt,
          durationMinutes,
          tamUserId,
        );
      const startMillis = Date.parse(occurrence.startsAt);
      if (startMillis + one.durationMinutes * MINUTE_MS < nowMillis) {
        const roll = draw.next();
        if (roll < 0.05) continue; // never logged: recent ones make the cadence overdue
        if (roll < 0.1) {
          calls.push(call('missed', occurrence.startsAt, 0));
        } else if (roll < 0.13) {
          calls.push(call('cancelled', occurrence.startsAt, 0));
        } else {
          // Held, one in twelve a day or two later than planned (moved, then held).
          const shift = draw.chance(1 / 12) ? draw.int(1, 2) * DAY_MS : draw.int(0, 2) * 5 * MINUTE_MS;
          const held = call(
            'held',
            toInstant(Math.min(startMillis + shift, nowMillis - HOUR_MS)),
            one.durationMinutes + draw.pick([-15, 0, 0, 0, 10]),
          );
          held.agenda = [
            { topic: 'operational-challenges', text: 'Open incidents and follow-ups' },
            {
              topic: draw.pick(['complex-tickets', 'new-features', 'feedback'] as const),
              text: 'Agreed topic',
            },
          ];
          held.notes = 'Reviewed open items.';
          if (draw.chance(0.5))
            held.actionItems = [{ text: 'Send summary', owner: tamUserId, done: draw.chance(0.7) }];
          if (draw.chance(0.08)) held.loggedBy = draw.pick(advisors);
          calls.push(held);
        }
      } else if (startMillis > nowMillis) {
        const roll = draw.next();
        if (roll < 0.1) {
          calls.push(call('moved', toInstant(startMillis + draw.int(1, 2) * DAY_MS), one.durationMinutes));
        } else if (roll < 0.13) {
          calls.push(call('cancelled', occurrence.startsAt, 0));
        }
      }
    }
  }
  return { series, calls };
}

function tamTimeFor(
  draw: Draw,
  customer: Customer,
  plan: CustomerPlan,
  today: IsoDate,
  tams: readonly string[],
): TamTimeEntry[] {
  if (!plan.hasTam || !customer.tamUserId) return [];
  const entries: TamTimeEntry[] = [];
  const firstDay = Math.max(dayNumber(plan.contract.startDate), dayNumber(today) - 52 * 7);
  const count = draw.int(8, 24);
  for (let i = 0; i < count; i += 1) {
    entries.push({
      id: `${customer.id}-time-${i + 1}`,
      customerId: customer.id,
      userId: draw.chance(0.9) ? customer.tamUserId : draw.pick(tams),
      date: dateOfDay(draw.int(firstDay, dayNumber(today))),
      minutes: draw.pick([15, 30, 30, 45, 60, 90, 120]),
      activity: draw.pick(['preparation', 'advice', 'advice', 'walkthrough', 'other'] as const),
      note: '',
    });
  }
  return entries;
}

/** A random instant between the contract start (or `sinceDays` ago) and `aheadDays` from now. */
function instantInContract(
  draw: Draw,
  plan: CustomerPlan,
  nowMillis: number,
  sinceDays: number,
  aheadDays = 0,
): number {
  const start = Math.max(Date.parse(`${plan.contract.startDate}T00:00:00Z`), nowMillis - sinceDays * DAY_MS);
  return start + Math.floor(draw.next() * (nowMillis + aheadDays * DAY_MS - start));
}

function entitlementsFor(
  draw: Draw,
  customer: Customer,
  plan: CustomerPlan,
  projects: readonly Project[],
  now: Instant,
  advisors: readonly string[],
): Pick<
  CustomerBook,
  | 'goLiveBookings'
  | 'allowanceReservations'
  | 'bestPracticesReviews'
  | 'trainingDays'
  | 'customConfigurations'
> {
  const out: Pick<
    CustomerBook,
    | 'goLiveBookings'
    | 'allowanceReservations'
    | 'bestPracticesReviews'
    | 'trainingDays'
    | 'customConfigurations'
  > = {
    goLiveBookings: [],
    allowanceReservations: [],
    bestPracticesReviews: [],
    trainingDays: [],
    customConfigurations: [],
  };
  const planId = plan.template.id;
  const missionCritical = planId === 'edge-mission-critical';
  if (!missionCritical && planId !== 'edge-enterprise') return out;
  const nowMillis = Date.parse(now);
  const offset = standardOffsets[customer.timeZone] ?? 0;
  const slug = slugOf(customer.name);
  const projectId = () => (projects.length > 0 && draw.chance(0.8) ? draw.pick(projects).id : null);

  const goLives = missionCritical ? draw.int(2, 8) : draw.int(0, 3);
  for (let i = 0; i < goLives; i += 1) {
    // On the hour, local time; requested 72 h to a month ahead.
    const day = Math.floor(instantInContract(draw, plan, nowMillis, 3 * 365, 45) / DAY_MS);
    const startsMillis = day * DAY_MS + (draw.int(6, 22) - offset) * HOUR_MS;
    const requestedMillis = startsMillis - (72 * HOUR_MS + draw.int(0, 30 * 24) * HOUR_MS);
    const cancelled = draw.chance(0.1);
    const cancelledMillis = cancelled
      ? requestedMillis + Math.floor(draw.next() * (startsMillis - requestedMillis))
      : null;
    out.goLiveBookings.push({
      id: `${customer.id}-golive-${i + 1}`,
      customerId: customer.id,
      projectId: projectId(),
      title: `${draw.pick(['Launch', 'Migration', 'Live event', 'Black Friday'])} ${i + 1}`,
      requestedAt: toInstant(requestedMillis),
      startsAt: toInstant(startsMillis),
      endsAt: toInstant(startsMillis + draw.int(2, 6) * HOUR_MS),
      timeZone: customer.timeZone,
      status: cancelled ? 'cancelled' : 'booked',
      cancelledAt: cancelledMillis === null ? null : toInstant(cancelledMillis),
      billableAccepted: !missionCritical || i >= 5 || draw.chance(0.05),
      reservationId: null,
      bookedBy: customer.tamUserId,
      notes: '',
    });
  }
  if (missionCritical && draw.chance(0.08) && customer.tamUserId) {
    const createdMillis = nowMillis - draw.int(0, 20) * DAY_MS;
    const yearsIn = Math.floor(
      (nowMillis - Date.parse(`${plan.contract.startDate}T00:00:00Z`)) / (365.25 * DAY_MS),
    );
    out.allowanceReservations.push({
      id: `${customer.id}-reservation-1`,
      customerId: customer.id,
      kind: 'goLiveEvents',
      contractYear: yearsIn + 1,
      quantity: draw.int(1, 2),
      reservedBy: customer.tamUserId,
      createdAt: toInstant(createdMillis),
      expiresAt: toInstant(createdMillis + 14 * DAY_MS),
      releasedAt: draw.chance(0.3) ? toInstant(createdMillis + draw.int(1, 5) * DAY_MS) : null,
    });
  }
  const reviews = missionCritical ? draw.int(0, 5) : draw.int(0, 2);
  for (let i = 0; i < reviews; i += 1) {
    const requestedMillis = instantInContract(draw, plan, nowMillis, 3 * 365);
    const age = nowMillis - requestedMillis;
    const status: BestPracticesReview['status'] = draw.chance(0.06)
      ? 'cancelled'
      : age > 30 * DAY_MS
        ? 'delivered'
        : age > 7 * DAY_MS
          ? 'in-progress'
          : 'requested';
    out.bestPracticesReviews.push({
      id: `${customer.id}-bpr-${i + 1}`,
      customerId: customer.id,
      projectId: projectId(),
      target: `www.${slug}.example.com`,
      objective: draw.pick(reviewObjectives),
      requestedAt: toInstant(requestedMillis),
      requestedOn: localDateOf(toInstant(requestedMillis), customer.timeZone),
      status,
      advisorUserId: status === 'requested' ? null : draw.pick(advisors),
      findings:
        status === 'delivered' ? ['Cache hit ratio can improve with longer TTLs', 'Enable HTTP/3'] : [],
      deliveredAt: status === 'delivered' ? toInstant(requestedMillis + draw.int(5, 25) * DAY_MS) : null,
      billableAccepted: !missionCritical,
    });
  }
  const trainings = missionCritical ? draw.int(0, 3) : draw.int(0, 1);
  for (let i = 0; i < trainings; i += 1) {
    const dayMillis = instantInContract(draw, plan, nowMillis, 3 * 365, 60);
    const status: TrainingDay['status'] = draw.chance(0.1)
      ? 'cancelled'
      : dayMillis < nowMillis
        ? 'held'
        : 'scheduled';
    out.trainingDays.push({
      id: `${customer.id}-training-${i + 1}`,
      customerId: customer.id,
      date: roughLocalDate(dayMillis, offset),
      topic: draw.pick(trainingTopics),
      attendees: Array.from(
        { length: draw.int(2, 8) },
        () => `${draw.pick(firstNames)} ${draw.pick(lastNames)}`,
      ),
      status,
      billableAccepted: !missionCritical,
    });
  }
  const configurations = missionCritical ? draw.int(0, 4) : draw.int(0, 2);
  for (let i = 0; i < configurations; i += 1) {
    const dayMillis = instantInContract(draw, plan, nowMillis, 3 * 365);
    out.customConfigurations.push({
      id: `${customer.id}-config-${i + 1}`,
      customerId: customer.id,
      site: `${draw.pick(['www', 'shop', 'api', 'cdn', 'media'])}${i + 1}.${slug}.example.com`,
      description: 'Custom edge rules',
      configuredOn: roughLocalDate(dayMillis, offset),
      status: draw.chance(0.08)
        ? 'cancelled'
        : nowMillis - dayMillis > 14 * DAY_MS
          ? 'delivered'
          : 'requested',
      billableAccepted: !missionCritical,
    });
  }
  return out;
}

function ticketsFor(
  draw: Draw,
  customer: Customer,
  plan: CustomerPlan,
  projects: readonly Project[],
  now: Instant,
  advisors: readonly string[],
): Ticket[] {
  if (!plan.template.technicalSupport) return [];
  const tickets: Ticket[] = [];
  const nowMillis = Date.parse(now);
  const severities = [...plan.template.severities].sort((a, b) => a.rank - b.rank);
  // Most tickets are of the milder severities.
  const weights = severities.map((_, index) => 1 + index * index);
  const escalates = plan.template.escalation !== null;
  const count = draw.int(4, 12);
  for (let i = 0; i < count; i += 1) {
    const recent = draw.chance(0.6);
    const openedMillis = instantInContract(draw, plan, nowMillis, recent ? 60 : 3 * 365);
    const severityIndex = draw.weighted(severities.map((_, index) => [index, weights[index] ?? 1] as const));
    const severity = severities[severityIndex];
    if (!severity) continue;
    const history: Ticket['severityHistory'] = [
      { severity: severity.id, at: toInstant(openedMillis), by: null, reason: '' },
    ];
    const lower = severities[severityIndex + 1];
    if (lower && draw.chance(0.25)) {
      const at = Math.min(openedMillis + draw.int(1, 10) * HOUR_MS, nowMillis);
      history.push({
        severity: lower.id,
        at: toInstant(at),
        by: draw.pick(advisors),
        reason: 'Service restored',
      });
    }
    const objectiveMinutes = severity.initialResponse?.minutes ?? 24 * 60;
    const open = openedMillis > nowMillis - 14 * DAY_MS && draw.chance(0.4);
    const unanswered = open && draw.chance(0.3);
    const late = draw.chance(0.1);
    // A late answer misses by a quarter of an hour to a few hours, as a busy desk does: a handful of
    // credit days, not months of them.
    const responseMinutes = late
      ? objectiveMinutes + 15 + Math.floor(draw.next() * 240)
      : Math.max(1, Math.floor(objectiveMinutes * (0.1 + draw.next() * 0.8)));
    // Only a ticket opened within about its objective still waits for a first answer.
    const waiting = unanswered && openedMillis > nowMillis - 2 * objectiveMinutes * MINUTE_MS;
    const firstResponseMillis = waiting
      ? null
      : Math.min(openedMillis + responseMinutes * MINUTE_MS, nowMillis);
    const escalations: Ticket['escalations'] = [];
    if (escalates && draw.chance(0.06)) {
      const at = openedMillis + draw.int(1, 48) * HOUR_MS;
      if (at < nowMillis) {
        const urgent = draw.chance(0.4);
        // A manager's answer still missing is a recent escalation's; older ones were answered in time.
        const respondedMillis = draw.chance(0.85)
          ? at + draw.int(10, urgent ? 180 : 900) * MINUTE_MS
          : at < nowMillis - 2 * DAY_MS
            ? at + (urgent ? 90 : 600) * MINUTE_MS
            : null;
        escalations.push({
          id: `${customer.id}-ticket-${i + 1}-esc-1`,
          at: toInstant(at),
          urgent,
          respondedAt:
            respondedMillis === null || respondedMillis > nowMillis ? null : toInstant(respondedMillis),
        });
      }
    }
    const resolvedMillis =
      open || firstResponseMillis === null
        ? null
        : Math.min(firstResponseMillis + draw.int(1, 96) * HOUR_MS, nowMillis);
    const resolution: Ticket['resolution'] =
      resolvedMillis === null
        ? null
        : plan.template.criticalClosesOnlyOnConfirmation && severity.rank === 1
          ? 'customer-confirmed'
          : draw.weighted([
              ['customer-confirmed', 70],
              ['cause-elsewhere', 15],
              ['no-reply', 15],
            ] as const);
    tickets.push({
      id: `${customer.id}-ticket-${i + 1}`,
      customerId: customer.id,
      projectId: projects.length > 0 && draw.chance(0.7) ? draw.pick(projects).id : null,
      title: draw.pick(ticketTitles),
      openedAt: toInstant(openedMillis),
      severityHistory: history,
      firstResponseAt: firstResponseMillis === null ? null : toInstant(firstResponseMillis),
      awaitingCustomerSince:
        open && !unanswered && firstResponseMillis !== null && draw.chance(0.3)
          ? toInstant(firstResponseMillis)
          : null,
      escalations,
      status: resolvedMillis === null ? 'open' : 'resolved',
      resolvedAt: resolvedMillis === null ? null : toInstant(resolvedMillis),
      resolution,
      customerConfirmedAt:
        resolution === 'customer-confirmed' && resolvedMillis !== null ? toInstant(resolvedMillis) : null,
    });
  }
  return tickets;
}

function customerBookFor(
  draw: Draw,
  index: number,
  today: IsoDate,
  now: Instant,
  team: { tams: string[]; advisors: string[] },
): CustomerBook {
  const customerId = `cust-${String(index + 1).padStart(5, '0')}`;
  const template = findPlanTemplate(draw.weighted(planMix));
  if (!template) throw new Error('the plan mix names a template that does not exist');
  const country = countries[draw.weighted(countriesByVendor[template.vendor])];
  if (!country) throw new Error('the country mix names a country that does not exist');
  const name = `${draw.pick(companyWords)} ${draw.pick(companyTrades)} ${country.companySuffix}`;
  const { contract, hasTam, slack } = contractFor(draw, customerId, template, today);
  const plan: CustomerPlan = { template, contract, hasTam, slack };
  const channels: Customer['channels'] = ['ticket', 'email'];
  if (
    template.technicalSupport &&
    template.id !== 'identity-default' &&
    template.id !== 'identity-extended-sla'
  ) {
    channels.push('phone');
  }
  if (template.vendor === 'identity' && template.id !== 'identity-default') channels.push('chat');
  if (slack) channels.push('slack');
  const customer: Customer = {
    id: customerId,
    name,
    country: country.country,
    region: country.region,
    timeZone: country.timeZone,
    tamUserId: template.id === 'edge-developer' ? null : (team.tams[index % team.tams.length] ?? null),
    channels,
    notes: '',
    archived: false,
  };
  const slug = slugOf(name);
  const contacts: Contact[] = Array.from({ length: draw.int(2, 5) }, (_, i) => {
    const first = draw.pick(firstNames);
    const last = draw.pick(lastNames);
    return {
      id: `${customerId}-contact-${i + 1}`,
      customerId,
      name: `${first} ${last}`,
      role: contactRoles[i % contactRoles.length] ?? 'it-operations',
      email: `${first}.${last}${i + 1}@${slug}.example.${country.tld}`.toLowerCase(),
      phones: Array.from({ length: draw.int(1, 2) }, () => phoneOf(draw, country)),
      primary: i === 0,
    };
  });
  const projects: Project[] = Array.from({ length: draw.int(1, 3) }, (_, i) => ({
    id: `${customerId}-project-${i + 1}`,
    customerId,
    name: projectNames[(index + i) % projectNames.length] ?? 'Main',
    environment: i === 0 ? 'production' : draw.pick(['production', 'staging', 'development'] as const),
  }));
  const reviews = reviewsFor(draw, customer, plan, now, today, team.advisors);
  return {
    customer,
    contract,
    contacts,
    projects,
    reviewSeries: reviews.series,
    reviewCalls: reviews.calls,
    tamTimeEntries: tamTimeFor(draw, customer, plan, today, team.tams),
    ...entitlementsFor(draw, customer, plan, projects, now, team.advisors),
    tickets: ticketsFor(draw, customer, plan, projects, now, team.advisors),
    exceptionRequests: [],
  };
}

// ---------------------------------------------------------------------------------------------
// The team's book

export type GenerateTeamBookOptions = {
  customers: number;
  seed: number;
  today: IsoDate;
  /** The moment the book is generated at; noon UTC on `today` when left out. */
  now?: Instant;
};

export type GeneratedTeamBook = {
  books: CustomerBook[];
  /** Every customer record in the books (plan templates not included). */
  recordCount: number;
};

/** Counts every record of the books: the customer, its contract and each record in its tables. */
export function countRecords(books: readonly CustomerBook[]): number {
  let count = 0;
  for (const book of books) {
    count +=
      1 +
      (book.contract ? 1 : 0) +
      book.contacts.length +
      book.projects.length +
      book.reviewSeries.length +
      book.reviewCalls.length +
      book.tamTimeEntries.length +
      book.goLiveBookings.length +
      book.allowanceReservations.length +
      book.bestPracticesReviews.length +
      book.trainingDays.length +
      book.customConfigurations.length +
      book.tickets.length;
  }
  return count;
}

export function generateTeamBook(options: GenerateTeamBookOptions): GeneratedTeamBook {
  const now = options.now ?? `${options.today}T12:00:00.000Z`;
  const team = teamOf(options.customers);
  const books: CustomerBook[] = [];
  for (let index = 0; index < options.customers; index += 1) {
    books.push(customerBookFor(customerDraw(options.seed, index), index, options.today, now, team));
  }
  return { books, recordCount: countRecords(books) };
}

export type FlatTables = { [T in TableName]: RecordOf<T>[] };

/** The books as one list of records per table, for loading into a store; with the plan templates. */
export function flattenBook(
  books: readonly CustomerBook[],
  templates: readonly PlanTemplate[] = planTemplates,
): FlatTables {
  const tables: FlatTables = {
    planTemplates: [...templates],
    customers: [],
    contracts: [],
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
  for (const book of books) {
    tables.customers.push(book.customer);
    if (book.contract) tables.contracts.push(book.contract);
    tables.contacts.push(...book.contacts);
    tables.projects.push(...book.projects);
    tables.reviewSeries.push(...book.reviewSeries);
    tables.reviewCalls.push(...book.reviewCalls);
    tables.tamTimeEntries.push(...book.tamTimeEntries);
    tables.goLiveBookings.push(...book.goLiveBookings);
    tables.allowanceReservations.push(...book.allowanceReservations);
    tables.bestPracticesReviews.push(...book.bestPracticesReviews);
    tables.trainingDays.push(...book.trainingDays);
    tables.customConfigurations.push(...book.customConfigurations);
    tables.tickets.push(...book.tickets);
    tables.exceptionRequests.push(...book.exceptionRequests);
  }
  return tables;
}
