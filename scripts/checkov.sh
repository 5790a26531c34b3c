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

# shellcheck source=packaged-templates.sh
source "$ROOT/scripts/packaged-templates.sh" checkov
files=()
for template in "${templates[@]}"; do files+=(-f "$template"); done

started=$SECONDS
status=0
"$VENV/bin/checkov" --config-file "$ROOT/.ci/checkov.yaml" "${files[@]}" || status=$?
echo "checkov: $((${#files[@]} / 2)) templates in $((SECONDS - started)) s"
exit "$status"
