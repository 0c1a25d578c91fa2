"""Outputs, stage 5: iCalendar feeds (RFC 5545) and the static site that serves them.

items → :mod:`events` (what each calendar entry says) → :mod:`catalogue` (which feeds hold
which events, for ``kyniem feed``) or :mod:`parts` (the same, per plan file, cached, for
``kyniem build``) → :mod:`writer` (bytes, stamped by the :mod:`ledger`) → :mod:`site`.
"""
