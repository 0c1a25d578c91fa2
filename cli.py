"""``python cli.py …`` behaves exactly like ``kyniem …`` (a shim for a checkout)."""

from scheduler.cli import run

if __name__ == "__main__":
    run()
