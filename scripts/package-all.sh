#!/usr/bin/env bash
# Packages every service of serverless-compose.yml, one at a time, in deploy order, offline: no AWS credentials and no network are needed, as
# every function is a self-contained esbuild bundle and every cross-service ${param:...} has a
# local default. Stops at the first failure. Leaves
# services/<service>/.serverless/cloudformation-template-update-stack.json for cfn-lint and
# scripts/check-templates.ts.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STAGE="${STAGE:-dev}"

export SLS_TELEMETRY_DISABLED=1
export SLS_NOTIFICATIONS_MODE=off

# serverless-esbuild with skipRebuild fails fast on build errors; `timeout` is a last resort against a
# hung build so CI never waits for its own global limit. It is GNU coreutils: macOS has it only once
# coreutils is installed, and runs without the bound otherwise.
bounded() {
  if command -v timeout >/dev/null 2>&1; then timeout 300 "$@"; else "$@"; fi
}

# `<name><TAB><folder>` per service, from serverless-compose.yml (the one list of services).
services="$("$ROOT/node_modules/.bin/tsx" "$ROOT/packages/deploy/src/list-services.ts")"
# Read on fd 3: `serverless package` inside the loop must not read the list from stdin.
while IFS=$'\t' read -r -u 3 service folder; do
  dir="$ROOT/$folder"
  echo "==> packaging $service (stage $STAGE)"
  started=$SECONDS
  (cd "$dir" && bounded "$ROOT/node_modules/.bin/serverless" package --stage "$STAGE")
  template="$dir/.serverless/cloudformation-template-update-stack.json"
  if [[ ! -s "$template" ]]; then
    echo "package-all: $service produced no CloudFormation template at $template" >&2
    exit 1
  fi
  shopt -s nullglob
  for zip in "$dir"/.serverless/*.zip; do
    # wc -c, not GNU stat -c (BSD stat on macOS spells it -f %z); macOS's wc pads, %d drops it.
    printf '    %-40s %8d bytes\n' "$(basename "$zip")" "$(wc -c <"$zip")"
  done
  shopt -u nullglob
  echo "    done in $((SECONDS - started)) s"
done 3<<<"$services"
