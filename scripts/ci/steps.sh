#!/usr/bin/env bash
# The steps of CI, in one place: .ci/run runs them all (`steps.sh all`), and the GitHub Actions workflow
# (.github/workflows/ci.yml) runs them one per workflow step, so each shows up on its own in a pull request.
# tests/unit/ci-steps.test.ts fails when the two drift apart, or when the test steps stop adding up to
# `npm test`.
#
#   scripts/ci/steps.sh list            the step names, in order
#   scripts/ci/steps.sh plan            each step with the command it runs, without running anything
#   scripts/ci/steps.sh tests           the test steps (those whose command runs Vitest), in order
#   scripts/ci/steps.sh all             chromium, install, then `npm test` itself (what .ci/run does)
#   scripts/ci/steps.sh STEP [ARGS...]  one step; for a test step, ARGS go to Vitest (a file, -t NAME), which
#                                       is how to try one step's wiring on one small file (CONTRIBUTING.md)
#
# The test steps together are `npm test`: `astro check` (typecheck), then every Vitest project, the site
# project in three parts. Its link check and page-weight budgets run first, as their own steps, and the
# third part excludes exactly those two files, so no test runs twice and none is left out. The site is
# built once, in the build step, as the site project's global setup would; the site steps reuse that build
# (PAPERLOG_REUSE_BUILD=1) instead of building it again in each part.
set -euo pipefail
cd "$(dirname "$0")/../.."

STEPS=(chromium install typecheck unit models build links budgets site)
LINKS_TEST=tests/site/links.test.ts
BUDGETS_TEST=tests/site/budgets.test.ts

# Prints the command of a step, one word a line (the words of a command have no spaces).
command_of() {
  case "$1" in
    chromium) echo install_chromium ;;
    install) printf '%s\n' npm ci --no-audit --no-fund ;;
    typecheck) printf '%s\n' npm run check ;;
    unit) printf '%s\n' npx vitest run --project unit ;;
    models) printf '%s\n' npx vitest run --project snippets ;;
    build) printf '%s\n' npm run build ;;
    links) printf '%s\n' env PAPERLOG_REUSE_BUILD=1 npx vitest run --project site "$LINKS_TEST" ;;
    budgets) printf '%s\n' env PAPERLOG_REUSE_BUILD=1 npx vitest run --project site "$BUDGETS_TEST" ;;
    site) printf '%s\n' env PAPERLOG_REUSE_BUILD=1 npx vitest run --project site --exclude "$LINKS_TEST" --exclude "$BUDGETS_TEST" ;;
    *)
      echo "scripts/ci/steps.sh: no step named '$1'. Steps: ${STEPS[*]} (or list, plan, tests, all)." >&2
      return 2
      ;;
  esac
}

# A test step is one whose command runs Vitest: the command says so, so no list of test steps can drift from
# the commands. scripts/ci/plan.ts reads the plan by the same rule (isVitestStep; ci-steps.test.ts compares).
is_test_step() {
  local words
  words=$(command_of "$1") || return 2
  grep -qx vitest <<< "$words"
}

# The browser tests need Debian's (or Ubuntu's) Chromium at /usr/bin/chromium; we never download a browser.
install_chromium() {
  if [ -x /usr/bin/chromium ]; then
    echo "/usr/bin/chromium is there: $(/usr/bin/chromium --version 2>/dev/null || echo 'version unknown')"
    return 0
  fi
  local sudo=()
  if [ "$(id -u)" != 0 ]; then sudo=(sudo -n); fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -q < /dev/null
  "${sudo[@]}" apt-get install -y -q --no-install-recommends chromium < /dev/null
}

run_step() {
  local step="$1"
  shift
  local words
  words=$(command_of "$step") || return $?
  local command
  mapfile -t command <<< "$words"
  if [ $# -gt 0 ] && ! is_test_step "$step"; then
    echo "scripts/ci/steps.sh: step '$step' runs no tests and takes no arguments (got: $*)." >&2
    return 2
  fi
  echo "== $step: ${command[*]}${*:+ $*}"
  # No standard input anywhere: CI has none, and nothing here may wait for an answer.
  "${command[@]}" "$@" < /dev/null
}

case "${1:-}" in
  list) printf '%s\n' "${STEPS[@]}" ;;
  plan) for step in "${STEPS[@]}"; do printf '%s\t%s\n' "$step" "$(command_of "$step" | paste -sd ' ')"; done ;;
  tests) for step in "${STEPS[@]}"; do if is_test_step "$step"; then echo "$step"; fi; done ;;
  all)
    [ $# -eq 1 ] || { echo "scripts/ci/steps.sh: 'all' takes no arguments." >&2; exit 2; }
    # .ci/run calls the README's own test command after installing, so CI tests exactly what a contributor
    # runs; the workflow runs the same test command in named parts that add up to it (ci-steps.test.ts).
    run_step chromium
    run_step install
    echo "== test: npm test"
    npm test < /dev/null
    ;;
  '' | -h | --help)
    sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'
    [ $# -gt 0 ] || exit 2
    ;;
  *) run_step "$@" ;;
esac
