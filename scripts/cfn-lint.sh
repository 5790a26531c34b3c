#!/usr/bin/env bash
# Lints every packaged CloudFormation template (run `pnpm package` first). cfn-lint exits non-zero
# on errors (and on warnings, which are reported but tolerated here: exit code bit 4 = warnings,
# bit 8 = informational). Install with `pip install cfn-lint`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SERVICES=(data auth media edge api scheduler)

if ! command -v cfn-lint >/dev/null 2>&1; then
  echo "cfn-lint: not installed (pip install cfn-lint)" >&2
  exit 1
fi

templates=()
for service in "${SERVICES[@]}"; do
  template="$ROOT/services/$service/.serverless/cloudformation-template-update-stack.json"
  if [[ ! -s "$template" ]]; then
    echo "cfn-lint: missing $template; run 'pnpm package' first" >&2
    exit 1
  fi
  templates+=("$template")
done

echo "cfn-lint $(cfn-lint --version | awk '{print $2}') on ${#templates[@]} templates"
status=0
# W3005 (DependsOn already implied by a Ref/GetAtt) is raised only on DependsOn lists osls
# generates itself; everything else is reported.
cfn-lint --format parseable --ignore-checks W3005 -- "${templates[@]}" || status=$?
# cfn-lint exit codes are a bit mask: 2 = errors, 4 = warnings, 8 = informational.
if (( status & 2 )) || (( status & 1 )); then
  echo "cfn-lint: errors found" >&2
  exit 1
fi
if (( status & 4 )); then
  echo "cfn-lint: warnings only (see above)"
fi
echo "cfn-lint: no errors"
