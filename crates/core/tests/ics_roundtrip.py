#!/usr/bin/env python3
"""Checks Confidant's .ics export with independent, widely used parsers.

Usage: ics_roundtrip.py EXPORT.ics EXPECTED.json

EXPECTED.json holds the app's own occurrence list:
  {"from": "...Z", "to": "...Z",
   "occurrences": [{"uid": "...", "start": "...Z", "end": "...Z"}, ...],
   "forbidden": ["Sam Okafor", "sam@example.org", ...]}

The calendar is parsed with `icalendar` and expanded with
`recurring_ical_events` over [from, to); events with STATUS:CANCELLED are
left out (the app lists cancelled sessions separately). The set of
(UID, start, end) in UTC must equal the app's exactly. Then:

- no forbidden text (names, emails) appears in any SUMMARY, DESCRIPTION or
  LOCATION, and every VEVENT is CLASS:PRIVATE;
- every VTIMEZONE, read on its own (not looked up by name), gives the same
  UTC offset as the IANA database every 6 hours over the exported years.

Exit codes: 0 ok, 1 mismatch, 2 usage, 3 a Python package is missing.
"""

import datetime as dt
import json
import sys

try:
    import icalendar
    import recurring_ical_events
    import zoneinfo
except ImportError as err:  # pragma: no cover - reported to the Rust test
    print(
        "ics_roundtrip.py needs the Python packages 'icalendar' and "
        "'recurring-ical-events' (pip install icalendar recurring-ical-events): "
        f"{err}",
        file=sys.stderr,
    )
    sys.exit(3)

UTC = dt.timezone.utc


def parse_utc(text):
    return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def fmt_utc(value):
    if not isinstance(value, dt.datetime) or value.tzinfo is None:
        raise ValueError(f"expected an aware date-time, got {value!r}")
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def durations_of(cal):
    """DURATION of each master (UID, None) and changed occurrence (UID, RECURRENCE-ID)."""
    out = {}
    for comp in cal.walk("VEVENT"):
        if "DURATION" not in comp:
            continue
        rid = fmt_utc(comp.decoded("RECURRENCE-ID")) if "RECURRENCE-ID" in comp else None
        out[(str(comp["UID"]), rid)] = comp.decoded("DURATION")
    return out


def event_bounds(event, durations):
    """Start, and end = start instant + the event's DURATION.

    RFC 5545 durations in hours and minutes are exact. Python adds a
    timedelta to an aware datetime on the wall clock (PEP 495), so the DTEND
    recurring_ical_events writes differs from the exact end on the days the
    clocks change; the exact end is computed here from the DURATION the
    export wrote for the series or the changed occurrence.
    """
    start = event.decoded("DTSTART")
    rid = fmt_utc(event.decoded("RECURRENCE-ID")) if "RECURRENCE-ID" in event else None
    uid = str(event["UID"])
    duration = durations.get((uid, rid), durations.get((uid, None)))
    if duration is None:
        return start, event.decoded("DTEND")
    return start, start.astimezone(UTC) + duration


def check_occurrences(cal, spec):
    start, stop = parse_utc(spec["from"]), parse_utc(spec["to"])
    durations = durations_of(cal)
    got = set()
    for event in recurring_ical_events.of(cal).between(start, stop):
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            continue
        s, e = event_bounds(event, durations)
        got.add((str(event["UID"]), fmt_utc(s), fmt_utc(e)))
    expected = {(o["uid"], o["start"], o["end"]) for o in spec["occurrences"]}
    if got != expected:
        for item in sorted(expected - got):
            print("missing from the parser's expansion:", item, file=sys.stderr)
        for item in sorted(got - expected):
            print("extra in the parser's expansion:", item, file=sys.stderr)
        return False
    print(f"occurrences: {len(got)} match")
    return True


def check_privacy(cal, spec):
    ok = True
    forbidden = [f.lower() for f in spec.get("forbidden", []) if f]
    for event in cal.walk("VEVENT"):
        if str(event.get("CLASS", "")).upper() != "PRIVATE":
            print("an event is not CLASS:PRIVATE:", event.get("UID"), file=sys.stderr)
            ok = False
        for prop in ("SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT"):
            text = str(event.get(prop, "")).lower()
            for word in forbidden:
                if word in text:
                    print(f"a forbidden name or email appears in {prop}", file=sys.stderr)
                    ok = False
        for alarm in event.walk("VALARM"):
            text = str(alarm.get("DESCRIPTION", "")).lower()
            if any(word in text for word in forbidden):
                print("a forbidden name or email appears in an alarm", file=sys.stderr)
                ok = False
    if ok:
        print("privacy: no names in titles; all events private")
    return ok


def vtimezone_tzinfo(component):
    try:
        return component.to_tz(lookup_tzid=False)
    except TypeError:  # older icalendar
        return component.to_tz()


def check_vtimezones(cal, spec):
    ok = True
    start = parse_utc(spec["from"]) - dt.timedelta(days=1)
    stop = parse_utc(spec["to"]) + dt.timedelta(days=1)
    count = 0
    for component in cal.walk("VTIMEZONE"):
        tzid = str(component["TZID"])
        own = vtimezone_tzinfo(component)
        real = zoneinfo.ZoneInfo(tzid)
        t = start
        while t < stop:
            a = t.astimezone(own).utcoffset()
            b = t.astimezone(real).utcoffset()
            if a != b:
                print(f"VTIMEZONE {tzid}: offset {a} at {t}, the database says {b}", file=sys.stderr)
                ok = False
                break
            t += dt.timedelta(hours=6)
        count += 1
    if ok:
        print(f"vtimezones: {count} agree with the IANA database")
    return ok


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(sys.argv[1], "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    with open(sys.argv[2], encoding="utf-8") as f:
        spec = json.load(f)
    results = [check_occurrences(cal, spec), check_privacy(cal, spec), check_vtimezones(cal, spec)]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
