// Go Live bookings and the reservations (escrow) that let a TAM book them offline: request,
// cancel, reserve and release, each judged by the rules of goLive.ts and reservations.ts.
import { z } from 'zod';
import { contractYearOf, contractYears } from '../contract';
import { GO_LIVE_FREE_CANCELLATION_HOURS, goLiveConsumesUnit } from '../consumption';
import { describeWindow, evaluateGoLive, goLiveVerdict } from '../goLive';
import { allowanceLineOn, ledgerContextAt } from '../ledger';
import {
  allowanceReservationSchema,
  goLiveBookingSchema,
  type AllowanceReservation,
  type GoLiveBooking,
} from '../records';
import { reject } from '../rejection';
import {
  RESERVATION_DEFAULT_VALID_DAYS,
  checkReservable,
  readableUtc,
  reservationExpiry,
  reservationInWords,
  reservationState,
} from '../reservations';
import { bookServiceCreditDays } from '../tickets';
import {
  formatMinutes,
  instantMillis,
  isoDateSchema,
  localDateOf,
  localTimeSchema,
  MINUTE_MS,
} from '../time';
import { requireBook, requireContract, requireNew, requireRecord } from './bookAccess';
import { applied, defineMutation, put } from './mutation';

const id = z.string().min(1).max(64);

export const requestGoLive = defineMutation({
  name: 'requestGoLive',
  version: 1,
  args: z.object({
    id,
    customerId: id,
    projectId: id.nullable().default(null),
    title: goLiveBookingSchema.shape.title,
    /** The window as the customer sees it: date and time in the customer's zone. */
    date: isoDateSchema,
    time: localTimeSchema,
    // Range checked by the window rule, which says it in the TAM's words.
    durationMinutes: z.number().int('must be whole minutes'),
    acceptBillable: z.boolean().default(false),
    reservationId: id.nullable().default(null),
    notes: goLiveBookingSchema.shape.notes,
  }),
  scope: (args) => ({ customerId: args.customerId }),
  apply(maybeBook, args, context) {
    const found = requireBook(maybeBook, args.customerId);
    if (!found.ok) return found;
    const book = found.value;
    const fresh = requireNew(book.goLiveBookings, args.id, 'Go Live');
    if (!fresh.ok) return fresh;
    if (args.projectId !== null) {
      const project = requireRecord(book.projects, args.projectId, 'Project', 'projectId');
      if (!project.ok) return project;
    }
    const plan = requireContract(book, context.templates);
    if (!plan.ok) return plan;
    const evaluation = evaluateGoLive(
      book,
      {
        bookingId: null,
        date: args.date,
        time: args.time,
        durationMinutes: args.durationMinutes,
        acceptBillable: args.acceptBillable,
        reservationId: args.reservationId,
      },
      {
        now: context.now,
        clientTime: context.clientTime,
        templates: context.templates,
        serviceCreditDays: bookServiceCreditDays(book, context.templates, context.now),
      },
    );
    const verdict = goLiveVerdict(evaluation);
    if (!verdict.ok) return verdict;
    const { window, billable, moment, contractYear } = verdict.value;
    const booking: GoLiveBooking = {
      id: args.id,
      customerId: book.customer.id,
      projectId: args.projectId,
      title: args.title,
      requestedAt: moment.requestedAt,
      startsAt: window.startsAt,
      endsAt: window.endsAt,
      timeZone: window.timeZone,
      status: 'booked',
      cancelledAt: null,
      billableAccepted: billable,
      reservationId: moment.reservationId,
      bookedBy: context.actor.userId,
      notes: args.notes,
    };
    const spent = book.allowanceReservations.find((held) => held.id === moment.reservationId);
    const how = spent ? `included, from ${reservationInWords(spent)}` : billable ? 'billable' : 'included';
    return applied(
      `Booked Go Live "${booking.title}" for ${describeWindow(booking, booking.timeZone)}, ${how} (contract year ${contractYear?.index ?? '?'})`,
      put('goLiveBookings', booking),
    );
  },
});

export const cancelGoLive = defineMutation({
  name: 'cancelGoLive',
  version: 1,
  args: z.object({ customerId: id, id, reason: z.string().max(2000).default('') }),
  scope: (args) => ({ customerId: args.customerId }),
  apply(maybeBook, args, context) {
    const found = requireBook(maybeBook, args.customerId);
    if (!found.ok) return found;
    const existing = requireRecord(found.value.goLiveBookings, args.id, 'Go Live');
    if (!existing.ok) return existing;
    const booking = existing.value;
    if (booking.status !== 'booked') {
      return reject(
        'invalid-transition',
        `"${booking.title}" was already cancelled on ${booking.cancelledAt ? readableUtc(booking.cancelledAt) : 'an unknown date'}.`,
        {
          field: 'id',
        },
      );
    }
    if (context.now >= booking.endsAt) {
      return reject(
        'invalid-transition',
        `"${booking.title}" already took place; it can no longer be cancelled.`,
        {
          field: 'id',
          numbers: { endsAt: booking.endsAt },
        },
      );
    }
    const reason = args.reason.trim();
    const cancelled: GoLiveBooking = {
      ...booking,
      status: 'cancelled',
      cancelledAt: context.now,
      notes: reason ? `${booking.notes}${booking.notes ? '\n' : ''}Cancelled: ${reason}` : booking.notes,
    };
    const aheadMinutes = Math.floor(
      (instantMillis(booking.startsAt) - instantMillis(context.now)) / MINUTE_MS,
    );
    const ahead = aheadMinutes > 0 ? `${formatMinutes(aheadMinutes)} before its start` : 'after it started';
    const returnsTo = found.value.allowanceReservations.find((held) => held.id === booking.reservationId);
    const unit = goLiveConsumesUnit(cancelled)
      ? `the Go Live event stays used (cancelled less than ${GO_LIVE_FREE_CANCELLATION_HOURS} h ahead)`
      : returnsTo
        ? `the Go Live event returns to ${reservationInWords(returnsTo)}`
        : 'the Go Live event returns to the allowance';
    return applied(
      `Cancelled Go Live "${booking.title}" ${ahead}; ${unit}`,
      put('goLiveBookings', cancelled),
    );
  },
});

export const reserveAllowance = defineMutation({
  name: 'reserveAllowance',
  version: 1,
  args: z
    .object({
      id,
      customerId: id,
      kind: z.literal('goLiveEvents').default('goLiveEvents'),
      /** The contract year, or a date in it; neither: the year holding today in the customer's zone. */
      contractYear: z.number().int().positive().nullable().default(null),
      date: isoDateSchema.nullable().default(null),
      quantity: allowanceReservationSchema.shape.quantity,
      // Range checked by reservationExpiry, which names the maximum.
      validForDays: z.number().int('must be whole days').default(RESERVATION_DEFAULT_VALID_DAYS),
    })
    .refine((args) => args.contractYear === null || args.date === null, {
      message: 'give either the contract year or a date in it, not both',
      path: ['date'],
    }),
  scope: (args) => ({ customerId: args.customerId }),
  apply(maybeBook, args, context) {
    const found = requireBook(maybeBook, args.customerId);
    if (!found.ok) return found;
    const book = found.value;
    const fresh = requireNew(book.allowanceReservations, args.id, 'Reservation');
    if (!fresh.ok) return fresh;
    const plan = requireContract(book, context.templates);
    if (!plan.ok) return plan;
    const { contract } = plan.value;
    const creditDays = bookServiceCreditDays(book, context.templates, context.now);
    const ledgerContext = ledgerContextAt(book, context, creditDays);
    const years = contractYears(contract, creditDays);
    const year =
      args.contractYear !== null
        ? (years.find((candidate) => candidate.index === args.contractYear) ?? null)
        : contractYearOf(years, args.date ?? ledgerContext.today);
    if (!year) {
      const termStart = years[0]?.from ?? contract.startDate;
      const termEnd = years[years.length - 1]?.to ?? contract.startDate;
      const asked =
        args.contractYear !== null
          ? `contract year ${args.contractYear}`
          : (args.date ?? `today (${ledgerContext.today})`);
      return reject(
        'outside-contract',
        `The contract runs ${years.length} year(s), from ${termStart} to ${termEnd} (exclusive); ${asked} is outside it.`,
        {
          field: args.contractYear !== null ? 'contractYear' : 'date',
          numbers: { years: years.length, termStart, termEnd },
        },
      );
    }
    if (ledgerContext.today >= year.to) {
      return reject(
        'outside-contract',
        `Contract year ${year.index} ended on ${year.to}; its units can no longer be reserved.`,
        {
          field: args.contractYear !== null ? 'contractYear' : 'date',
          numbers: { contractYear: year.index },
        },
      );
    }
    const line = allowanceLineOn(book, 'goLiveEvents', year.from, ledgerContext);
    if (!line) {
      return reject('outside-contract', `Contract year ${year.index} is outside the term.`, {
        field: 'contractYear',
      });
    }
    const reservable = checkReservable(line, args.quantity);
    if (!reservable.ok) return reservable;
    const expiresAt = reservationExpiry(context.now, args.validForDays);
    if (!expiresAt.ok) return expiresAt;
    const reservation: AllowanceReservation = {
      id: args.id,
      customerId: book.customer.id,
      kind: 'goLiveEvents',
      contractYear: year.index,
      quantity: args.quantity,
      reservedBy: context.actor.userId,
      createdAt: context.now,
      expiresAt: expiresAt.value,
      releasedAt: null,
    };
    const units = args.quantity === 1 ? '1 Go Live event' : `${args.quantity} Go Live events`;
    return applied(
      `Reserved ${units} of contract year ${year.index} until ${localDateOf(expiresAt.value, book.customer.timeZone)}; ${reservable.value.remaining} left unreserved`,
      put('allowanceReservations', reservation),
    );
  },
});

export const releaseAllowance = defineMutation({
  name: 'releaseAllowance',
  version: 1,
  args: z.object({ customerId: id, id }),
  scope: (args) => ({ customerId: args.customerId }),
  apply(maybeBook, args, context) {
    const found = requireBook(maybeBook, args.customerId);
    if (!found.ok) return found;
    const existing = requireRecord(found.value.allowanceReservations, args.id, 'Reservation');
    if (!existing.ok) return existing;
    const reservation = existing.value;
    const state = reservationState(reservation, found.value.goLiveBookings, context.now);
    if (state.released) {
      return reject(
        'invalid-transition',
        `This reservation was already released on ${reservation.releasedAt ? readableUtc(reservation.releasedAt) : 'an unknown date'}.`,
        {
          field: 'id',
        },
      );
    }
    if (state.expired) {
      return reject(
        'invalid-transition',
        `This reservation expired on ${readableUtc(reservation.expiresAt)}; it holds nothing back any more.`,
        {
          field: 'id',
          numbers: { expiresAt: reservation.expiresAt },
        },
      );
    }
    const released: AllowanceReservation = { ...reservation, releasedAt: context.now };
    return applied(
      `Released ${reservationInWords(reservation)}: ${state.spent} of ${reservation.quantity} spent, ${state.unspent} returned to contract year ${reservation.contractYear}`,
      put('allowanceReservations', released),
    );
  },
});

export const goLiveMutations = [requestGoLive, cancelGoLive, reserveAllowance, releaseAllowance] as const;
