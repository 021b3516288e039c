#!/bin/sh
# crier in a container, without a custom image: the official Node 20 image, the project mounted at /app.
# The project folder holds feeds.config.json, package.json/package-lock.json and node_modules, and
# receives output/ and .crier/ (state). Run `npm ci` once in the same image so native bits match:
#
#   docker run --rm -v /srv/crier:/app -w /app node:20-slim npm ci
#
# Exit codes (docker run passes them through): 0 ok; 1 config/usage error; 2 with --strict when a source
# failed; 75 another crier holds /app/.crier/crier.lock; 70 internal error.
#
# --hostname is fixed on purpose: the lock file records pid and hostname, and crier never takes over a
# lock from another host (it cannot see that host's processes). A container killed mid-build (OOM,
# kill -9) leaves its lock behind; with a random container hostname the next container would then
# exit 75 forever. With a fixed hostname the dead holder is recognized and the lock taken over.
set -eu

PROJECT=/srv/crier

case "${1:-build}" in
build)
  # One build, e.g. from the host's cron or a Kubernetes CronJob (concurrencyPolicy: Forbid).
  # Logs: stderr → `docker logs` / the scheduler's log; the --json report → stdout.
  exec docker run --rm --init --hostname crier \
    --user "$(id -u):$(id -g)" \
    -v "$PROJECT:/app" -w /app \
    node:20-slim node dist/cli/main.js build --wait 300 --json
  ;;
watch)
  # Long-running worker on the config's "schedule". `docker stop` sends SIGTERM: crier finishes the
  # running build (up to 20 s, then aborts it within 5 s), so give it more than the default 10 s.
  # Logs: `docker logs -f crier` (one line per build); per-source health: $PROJECT/.crier/status.json.
  exec docker run -d --name crier --init --hostname crier \
    --restart unless-stopped \
    --stop-signal SIGTERM --stop-timeout 40 \
    --user "$(id -u):$(id -g)" \
    -v "$PROJECT:/app" -w /app \
    node:20-slim node dist/cli/main.js watch --run-now
  ;;
*)
  echo "usage: $0 [build|watch]" >&2
  exit 1
  ;;
esac
