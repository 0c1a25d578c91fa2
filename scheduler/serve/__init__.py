"""``kyniem serve``: the built site over HTTP (Starlette on uvicorn), and ``--watch`` to
rebuild it when its sources change (issue 13). :func:`.run.serve` is the controller."""
