"""The resident process: a clerk's second command starts in milliseconds, not seconds.

A `vanban plan` spends ~3 s importing Prefect, WeasyPrint, python-docx and the register before
its first line of work, and ~1.2 s working. The resident process imports all that once and then
serves the clerk's commands: each command is a `fork()` of it, given the terminal of the command
that asked (its stdin, stdout and stderr passed over a Unix socket), its working folder, its
arguments and its environment, and reports its exit status back. What the clerk sees — the
output, the progress bar, Ctrl-C, the exit code — is what the command in her terminal would show.

- `client` (the `vanban` entry point, standard library only): finds the resident process for
  this environment and hands it the command; when there is none, runs the command itself as
  always and starts one in the background for the next command.
- `server`: the resident process (`python -m vanban.resident.server`). It ends after
  `VANBAN_RESIDENT_IDLE` seconds without a command (default 1,200).

A resident process serves only commands run with the same interpreter, the same vanban code and
the same `VANBAN_*`/`PREFECT_*` environment (its socket is named after them), so a changed
setting or an upgraded vanban never meets a process that was started before it. Only commands
that render documents go through it (`RESIDENT_COMMANDS`); the rest gain nothing and some ask
for a password on the terminal. `VANBAN_RESIDENT=off` turns it off.

Without a Prefect server named by the office, each command would start Prefect's temporary
server (5–10 s). The resident process instead starts one Prefect server of its own for its
lifetime and its commands use that one: started by vanban, known by its own process, never one
merely found on a port.
"""

from __future__ import annotations

#: Commands that render documents: the ones that pay for the imports.
RESIDENT_COMMANDS = frozenset({"plan", "doc", "award", "issue"})
