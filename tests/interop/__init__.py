"""Interop harness: kyniem's iCalendar output checked by real parsers, servers and a browser.

``parsers`` reads one .ics file with three independent parsers (Python ``icalendar``, the strict
``ical`` package, Mozilla ical.js under Node) plus the RFC 5545 rules none of them enforces;
``servers`` holds the pytest fixtures (Radicale CalDAV, a static HTTP server, Chromium).
"""
