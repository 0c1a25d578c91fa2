"""``kyniem remind``: terminal (and desktop, e-mail, webhook) reminders that survive restarts
and are shown once.

Pipeline: items (:mod:`scheduler.items`, or a remote feed, :mod:`.feedsource`) → reminder specs
(:mod:`.plan`, a table of lead-time rules) → APScheduler jobs in a persistent SQLAlchemy job
store, synced by diffing (:mod:`.store`) → at fire time, the exactly-once delivery step
(:mod:`.deliver`) → channels (:mod:`.channels`). One daemon per store (:mod:`.lock`).

Nothing here is imported when ``kyniem`` starts: :mod:`.command` imports the rest lazily.
"""
