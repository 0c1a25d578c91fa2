// Parse .ics files with Mozilla ical.js and print one JSON line describing their VEVENTs.
//
// Usage: node parse.js [--expand=N] FILE.ics [FILE.ics ...]
// Output: a JSON array, one entry per file, in argument order:
//   {"ok": true, "events": [{uid, recurrence_id, summary, start, end, rrule}, ...]}
//   {"ok": false, "error": "<ical.js's message>"}
// With --expand=N, each recurring master event also has "occurrences": the first N starts of
// its recurrence set (RRULE + RDATE - EXDATE, RFC 5545 section 3.8.5), overrides not applied.
// Dates are written as tests/interop/parsers.py expects (see iso() below); the RRULE is
// ical.js's own serialisation (Recur.toString), canonicalised on the Python side.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const pad = (n, width = 2) => String(n).padStart(width, "0");

// An ICAL.Time as ISO 8601: a DATE as YYYY-MM-DD; a floating DATE-TIME without an offset;
// a UTC or TZID DATE-TIME as local wall time plus the UTC offset ical.js resolved for it
// (from the file's own VTIMEZONE, RFC 5545 section 3.6.5).
function iso(time) {
  if (time === null || time === undefined) {
    return null;
  }
  const date = `${pad(time.year, 4)}-${pad(time.month)}-${pad(time.day)}`;
  if (time.isDate) {
    return date;
  }
  const clock = `${date}T${pad(time.hour)}:${pad(time.minute)}:${pad(time.second)}`;
  const zone = time.zone;
  if (!zone || zone === ICAL.Timezone.localTimezone || zone.tzid === "floating") {
    return clock;
  }
  const offset = time.utcOffset();
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  return `${clock}${sign}${pad(Math.floor(abs / 3600))}:${pad(Math.floor((abs % 3600) / 60))}`;
}

function expand(event, count) {
  const starts = [];
  const iterator = event.iterator();
  for (let next = iterator.next(); next && starts.length < count; next = iterator.next()) {
    starts.push(iso(next));
  }
  return starts;
}

function eventsOf(text, count) {
  const parsed = ICAL.parse(text); // one jCal component, or an array of them (RFC 7265)
  const roots = typeof parsed[0] === "string" ? [parsed] : parsed;
  const calendars = roots.map((jcal) => new ICAL.Component(jcal))
    .filter((component) => component.name === "vcalendar");
  const events = [];
  for (const calendar of calendars) {
    for (const vevent of calendar.getAllSubcomponents("vevent")) {
      const event = new ICAL.Event(vevent);
      const rrule = vevent.getFirstPropertyValue("rrule");
      const found = {
        uid: event.uid ?? null,
        recurrence_id: iso(event.recurrenceId),
        summary: event.summary ?? null,
        start: iso(event.startDate),
        end: iso(event.endDate),
        rrule: rrule ? rrule.toString() : null,
      };
      if (count > 0 && !event.isRecurrenceException() && event.isRecurring()) {
        found.occurrences = expand(event, count);
      }
      events.push(found);
    }
  }
  return events;
}

const args = process.argv.slice(2);
const count = args[0] && args[0].startsWith("--expand=") ? Number(args.shift().slice(9)) : 0;
const results = args.map((path) => {
  try {
    return { ok: true, events: eventsOf(readFileSync(path, "utf8"), count) };
  } catch (error) {
    return { ok: false, error: String(error && error.message ? error.message : error) };
  }
});
process.stdout.write(JSON.stringify(results) + "\n");
