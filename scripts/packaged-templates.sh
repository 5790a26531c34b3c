# Sourced by the template tools (cfn-lint.sh, checkov.sh): fills the array `templates` with the
# packaged CloudFormation template of every service of serverless-compose.yml, in deploy order, or
# exits naming the first one missing. Needs ROOT; $1 names the tool in the message.
templates=()
services="$("$ROOT/node_modules/.bin/tsx" "$ROOT/packages/deploy/src/list-services.ts")"
while IFS=$'\t' read -r _ folder; do
  template="$ROOT/$folder/.serverless/cloudformation-template-update-stack.json"
  if [[ ! -s "$template" ]]; then
    echo "$1: missing $template; run 'pnpm package' first" >&2
    exit 1
  fi
  templates+=("$template")
done <<<"$services"
