#!/usr/bin/env bash
# Lints the packaged CloudFormation template of every service of serverless-compose.yml (run
# `pnpm package` first). Errors and warnings both fail: moto's ValidateTemplate, which the emulator
# deploy goes through, refuses a template with any cfn-lint finding, and so does this check, earlier
# and with the finding's location.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# The project's virtualenv (.ci/run and pnpm deploy:emulator install it), else whatever is on PATH.
cfn_lint="$ROOT/.ci/.venv/bin/cfn-lint"
[[ -x "$cfn_lint" ]] || cfn_lint=cfn-lint
if ! command -v "$cfn_lint" >/dev/null 2>&1; then
  echo "cfn-lint: not installed (python3 -m venv .ci/.venv && .ci/.venv/bin/pip install -r .ci/requirements.txt)" >&2
  exit 1
fi

# shellcheck source=packaged-templates.sh
source "$ROOT/scripts/packaged-templates.sh" cfn-lint

echo "cfn-lint $("$cfn_lint" --version | awk '{print $2}') on ${#templates[@]} templates"
status=0
# No check is ignored: the DependsOn entries osls adds where a Ref or Fn::GetAtt already implies the
# order (W3005) are removed by scripts/serverless/implied-dependencies.js.
"$cfn_lint" --format parseable -- "${templates[@]}" || status=$?
# cfn-lint exit codes are a bit mask: 1 = failure, 2 = errors, 4 = warnings, 8 = informational.
if (( status & 1 )) || (( status & 2 )) || (( status & 4 )); then
  echo "cfn-lint: findings above (errors or warnings)" >&2
  exit 1
fi
echo "cfn-lint: no errors, no warnings"
