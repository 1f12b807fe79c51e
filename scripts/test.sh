#!/usr/bin/env bash
# The project's test command (`npm test`): Debian's chromium (installed when missing), typecheck, Node tests
# (vitest: unit, model-based, engine, server, end-to-end with Playwright), component tests (web-test-runner).
# Every stage runs even if an earlier one failed, so one CI run shows everything; the script exits non-zero if
# any stage failed. The last line is a plain summary: `N passed, N failed` (vitest + wtr tests).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

TMP_DIR=.tmp
VITEST_JSON="$TMP_DIR/vitest.json"
WTR_JSON="$TMP_DIR/wtr.json"
mkdir -p "$TMP_DIR"
rm -f "$VITEST_JSON" "$WTR_JSON"

failed_stages=()
stage() { printf '\n=== %s ===\n' "$1"; }

# The end-to-end tests (vitest, Playwright) and the component tests (web-test-runner) both need Debian's chromium.
stage 'chromium'
chromium_ok=true
if ! bash scripts/ensure-chromium.sh; then
  failed_stages+=(chromium)
  chromium_ok=false
fi

stage 'typecheck: tsc --noEmit'
if ! npx tsc --noEmit -p tsconfig.json; then
  failed_stages+=(typecheck)
fi

stage 'unit, model-based, engine, server and end-to-end tests: vitest'
if ! npx vitest run --reporter=default --reporter=json --outputFile="$VITEST_JSON"; then
  failed_stages+=(vitest)
fi

stage 'component tests: web-test-runner (chromium)'
if [[ "$chromium_ok" == true ]] && ! WTR_SUMMARY_FILE="$WTR_JSON" npx web-test-runner; then
  failed_stages+=(web-test-runner)
fi

# Counts: vitest's JSON report (a file that fails to load, or fails in a hook, counts as one failure) and the
# counts reporter in web-test-runner.config.mjs. A stage that left no report prints as "n/a".
summary="$(node - "$VITEST_JSON" "$WTR_JSON" <<'JS'
const fs = require('node:fs');
const read = (f) => { try { return JSON.parse(fs.readFileSync(f, 'utf8')); } catch { return null; } };
const [vitestFile, wtrFile] = process.argv.slice(2);
const v = read(vitestFile);
const w = read(wtrFile);
let vc = null;
if (v && typeof v.numPassedTests === 'number') {
  const fileFailures = (v.testResults ?? []).filter(
    (f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed'),
  ).length;
  vc = { passed: v.numPassedTests, failed: v.numFailedTests + fileFailures };
}
const wc = w && typeof w.passed === 'number' ? { passed: w.passed, failed: w.failed } : null;
const fmt = (c) => (c ? `${c.passed} passed, ${c.failed} failed` : 'n/a');
console.log(`vitest: ${fmt(vc)}; web-test-runner: ${fmt(wc)}`);
if (vc && wc) console.log(fmt({ passed: vc.passed + wc.passed, failed: vc.failed + wc.failed }));
else if (vc) console.log(`vitest: ${fmt(vc)}`);
else console.log('no test counts available');
JS
)" || summary=$'test counts unavailable\ntest counts unavailable'

printf '\n'
if ((${#failed_stages[@]})); then
  echo "FAILED stages: ${failed_stages[*]}"
fi
# Breakdown, then the one-line summary last.
echo "${summary%%$'\n'*}"
echo "${summary#*$'\n'}"

((${#failed_stages[@]} == 0))
