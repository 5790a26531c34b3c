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

# `<name><TAB><folder>` per service, from serverless-compose.yml (the one list of services).
services="$("$ROOT/node_modules/.bin/tsx" "$ROOT/packages/deploy/src/list-services.ts")"
# Read on fd 3: `serverless package` inside the loop must not read the list from stdin.
while IFS=$'\t' read -r -u 3 service folder; do
  dir="$ROOT/$folder"
  echo "==> packaging $service (stage $STAGE)"
  started=$SECONDS
  # serverless-esbuild with skipRebuild fails fast on build errors; the timeout is a last resort
  # against a hung build so CI never waits for its own global limit.
  (cd "$dir" && timeout 300 "$ROOT/node_modules/.bin/serverless" package --stage "$STAGE")
  template="$dir/.serverless/cloudformation-template-update-stack.json"
  if [[ ! -s "$template" ]]; then
    echo "package-all: $service produced no CloudFormation template at $template" >&2
    exit 1
  fi
  shopt -s nullglob
  for zip in "$dir"/.serverless/*.zip; do
    printf '    %-40s %8d bytes\n' "$(basename "$zip")" "$(stat -c %s "$zip")"
  done
  shopt -u nullglob
  echo "    done in $((SECONDS - started)) s"
done 3<<<"$services"
