// Reads a calendar file back with ical.js, the independent parser, and expands its recurring
// events the way calendar apps do: overrides tied by RECURRENCE-ID, EXDATEs left out.
import ICAL from 'ical.js';

export type ParsedOccurrence = { uid: string; summary: string; start: string; end: string; zone: string };

export type ParsedCalendar = {
  events: ICAL.Event[];
  zones: string[];
  /** Occurrences of every event whose start lies in [from, to), in start order (UTC ISO strings). */
  expand(from: string, to: string): ParsedOccurrence[];
};

export function parseCalendar(text: string): ParsedCalendar {
  const root = new ICAL.Component(ICAL.parse(text));
  const zones: string[] = [];
  for (const zone of root.getAllSubcomponents('vtimezone')) {
    const timezone = new ICAL.Timezone(zone);
    ICAL.TimezoneService.register(timezone, timezone.tzid);
    zones.push(timezone.tzid);
  }
  const all = root.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
  const masters = all.filter((event) => !event.isRecurrenceException());
  for (const exception of all.filter((event) => event.isRecurrenceException())) {
    const master = masters.find((event) => event.uid === exception.uid);
    if (!master) throw new Error(`override ${exception.uid} has no recurring event`);
    master.relateException(exception);
  }
  return {
    events: all,
    zones,
    expand(from, to) {
      const out: ParsedOccurrence[] = [];
      for (const event of masters) {
        const zone = event.startDate.zone?.tzid ?? '';
        if (!event.isRecurring()) {
          const start = event.startDate.toJSDate().toISOString();
          if (start >= from && start < to) {
            out.push({
              uid: event.uid,
              summary: event.summary,
              start,
              end: event.endDate.toJSDate().toISOString(),
              zone,
            });
          }
          continue;
        }
        const iterator = event.iterator();
        for (let next = iterator.next(); next; next = iterator.next()) {
          const details = event.getOccurrenceDetails(next);
          const start = details.startDate.toJSDate().toISOString();
          // The scheduled time decides when to stop; a call moved out of [from, to) is not listed.
          if (next.toJSDate().toISOString() >= to) break;
          if (start < from || start >= to) continue;
          out.push({
            uid: event.uid,
            summary: details.item.summary,
            start,
            // RFC 5545 (3.3.6): hours and minutes are exact durations, so an occurrence lasts as
            // long as its event whatever DST does; ical.js adds them on the wall clock instead,
            // which moves the end of a call that spans a clock change by an hour.
            end: new Date(
              details.startDate.toJSDate().getTime() + details.item.duration.toSeconds() * 1000,
            ).toISOString(),
            zone: details.startDate.zone?.tzid ?? '',
          });
        }
      }
      return out.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    },
  };
}
