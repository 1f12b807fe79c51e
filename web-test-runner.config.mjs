// Component tests (Lit, in Debian's headless chromium). See /work/shared/STACK.md for why these versions and flags.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';

const ARGS = [
  '--no-sandbox', // needed as root (CI runs as root)
  '--headless=new',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
];

/**
 * Writes `{ passed, failed, skipped, fileErrors }` to $WTR_SUMMARY_FILE when the run finishes (scripts/test.sh reads
 * it for its summary line). A test file that fails to load or errors outside a test counts as one failure.
 */
function countsReporter(outFile) {
  const walk = (suite, acc) => {
    if (!suite) return acc;
    for (const t of suite.tests ?? []) {
      if (t.skipped) acc.skipped += 1;
      else if (t.passed) acc.passed += 1;
      else acc.failed += 1;
    }
    for (const s of suite.suites ?? []) walk(s, acc);
    return acc;
  };
  return {
    onTestRunFinished({ sessions }) {
      const acc = { passed: 0, failed: 0, skipped: 0, fileErrors: 0 };
      for (const session of sessions) {
        walk(session.testResults, acc);
        if (session.errors?.length || (session.passed === false && !session.testResults)) acc.fileErrors += 1;
      }
      acc.failed += acc.fileErrors;
      mkdirSync(dirname(outFile), { recursive: true });
      writeFileSync(outFile, JSON.stringify(acc) + '\n');
    },
  };
}

const summaryFile = process.env.WTR_SUMMARY_FILE;

export default {
  files: ['ui/**/*.test.ts'],
  // Packages' browser builds: socket.io-client's (not its Node build with ws), without the "development" ones
  // (socket.io-parser's imports the CommonJS `debug`, which the browser cannot load; Lit runs its production build).
  nodeResolve: { browser: true, exportConditions: ['browser', 'import', 'default'] },
  // A failing test (or a test file that fails to load) makes `web-test-runner` exit 1 (outside watch mode).
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: ARGS,
      },
    }),
  ],
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  reporters: [
    // defaultReporter prints failures, browser logs and the final count; summaryReporter lists every test.
    defaultReporter({ reportTestResults: true, reportTestProgress: true }),
    summaryReporter({ flatten: false, reportTestLogs: false, reportTestErrors: false }),
    ...(summaryFile ? [countsReporter(summaryFile)] : []),
  ],
};
