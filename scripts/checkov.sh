#!/usr/bin/env bash
# The IaC policy: checkov on the packaged CloudFormation template of every service of
# serverless-compose.yml (run `pnpm package` first), with the checks .ci/checkov.yaml skips and
# why. Fails on any failed check; prints the counts (checkov's summary) and how long it took.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.ci/.venv-checkov"
REQUIREMENTS="$ROOT/.ci/requirements-checkov.txt"

# Its own venv, installed from the pinned file (again whenever the file changes).
if ! cmp -s "$REQUIREMENTS" "$VENV/.requirements" 2>/dev/null; then
  echo "checkov: installing $(grep -v '^#' "$REQUIREMENTS" | tr '\n' ' ')into .ci/.venv-checkov"
  [[ -x "$VENV/bin/python" ]] || python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check -r "$REQUIREMENTS"
  cp "$REQUIREMENTS" "$VENV/.requirements"
fi

files=()
services="$("$ROOT/node_modules/.bin/tsx" "$ROOT/packages/deploy/src/list-services.ts")"
while IFS=$'\t' read -r _ folder; do
  template="$ROOT/$folder/.serverless/cloudformation-template-update-stack.json"
  if [[ ! -s "$template" ]]; then
    echo "checkov: missing $template; run 'pnpm package' first" >&2
    exit 1
  fi
  files+=(-f "$template")
done <<<"$services"

started=$SECONDS
status=0
"$VENV/bin/checkov" --config-file "$ROOT/.ci/checkov.yaml" "${files[@]}" || status=$?
echo "checkov: $((${#files[@]} / 2)) templates in $((SECONDS - started)) s"
exit "$status"
