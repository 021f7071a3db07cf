// Accessibility audits of the real app's screens with axe-core.
//
// The app's content security policy allows only its own scripts, so axe cannot
// be loaded with a <script> tag. WebDriver's "execute script" runs in the page's
// context regardless, so the test sends the source of axe.min.js that way, once
// per page load, and checks that `window.axe` then answers with the version
// installed in tests/e2e/node_modules (so an audit cannot silently not run).

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');
/** The installed axe-core version; the page must report the same one. */
export const AXE_VERSION = require('axe-core/package.json').version;

let source;
const axeSource = () => (source ??= readFileSync(AXE_PATH, 'utf8'));

/**
 * Violations the UI is known to have, each naming the defect: `{ rule, target,
 * why }` (target: the CSS selector axe prints). Every entry is a real defect,
 * reported for the UI work of issue 6; remove it when the UI is fixed (the
 * audit log then stops listing it as expected). Nothing else is tolerated.
 * @type {{ rule: string, target: string, why: string }[]}
 */
export const EXPECTED_VIOLATIONS = [
  // None: every screen the journeys visit has 0 violations. A known defect
  // may be listed here only with a comment naming it and the screen.
];

/**
 * Makes sure axe is loaded in the app's current page and returns its version.
 * @param {WebdriverIO.Browser} browser
 */
export async function injectAxe(browser) {
  const loaded = await browser.execute(() => (window.axe ? window.axe.version : null));
  if (loaded) return loaded;
  // axe.min.js is a UMD bundle: run as a function body it defines window.axe.
  await browser.execute(`${axeSource()}\n;return null;`);
  const version = await browser.execute(() => (window.axe ? window.axe.version : null));
  if (version !== AXE_VERSION) {
    throw new Error(
      `axe-core did not load in the app's page (window.axe.version is ${JSON.stringify(version)}, ` +
        `installed ${AXE_VERSION}): the accessibility audit would prove nothing`,
    );
  }
  return version;
}

/**
 * Runs axe on the whole document and returns a summary of the outcome.
 * @param {WebdriverIO.Browser} browser
 * @typedef {{ id: string, impact: string, help: string, nodes: { target: string, summary: string }[] }} Violation
 * @returns {Promise<{ violations: Violation[], passes: number, incomplete: number }>}
 */
export async function runAxe(browser) {
  await injectAxe(browser);
  const result = await browser.executeAsync((done) => {
    window.axe
      .run(document, { resultTypes: ['violations'] })
      .then((r) =>
        done({
          ok: true,
          passes: r.passes.length,
          incomplete: r.incomplete.length,
          violations: r.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            nodes: v.nodes.map((n) => ({
              target: n.target.map(String).join(' '),
              summary: n.failureSummary ?? '',
            })),
          })),
        }),
      )
      .catch((err) => done({ ok: false, error: String((err && err.stack) || err) }));
  });
  if (!result.ok) throw new Error(`axe.run failed in the app's page: ${result.error}`);
  return result;
}

/** One line per failing node: rule, impact, target, axe's summary. */
export function describeViolations(violations) {
  return violations
    .flatMap((v) =>
      v.nodes.map(
        (n) =>
          `  ${v.id} (${v.impact}: ${v.help})\n    target: ${n.target}\n    ${n.summary.replaceAll('\n', '\n    ')}`,
      ),
    )
    .join('\n');
}

const isExpected = (rule, target) => EXPECTED_VIOLATIONS.some((e) => e.rule === rule && e.target === target);

/** Splits violations (per node) into unexpected ones and EXPECTED_VIOLATIONS. */
function partition(violations) {
  const keep = (wanted) =>
    violations
      .map((v) => ({ ...v, nodes: v.nodes.filter((n) => isExpected(v.id, n.target) === wanted) }))
      .filter((v) => v.nodes.length > 0);
  return { unexpected: keep(false), expected: keep(true) };
}

/**
 * Audits the current screen: throws, listing every violation, unless axe finds
 * none (beyond EXPECTED_VIOLATIONS). Returns the number of rules that passed
 * and the expected violations seen, as `rule target` strings.
 * @param {WebdriverIO.Browser} browser
 * @param {string} screen a name for the message
 */
export async function assertAccessible(browser, screen) {
  const { violations, passes } = await runAxe(browser);
  // A page where no rule applied was not really audited (e.g. an empty body).
  if (passes === 0) throw new Error(`axe ran on ${screen} but no rule passed: nothing was audited`);
  const { unexpected: left, expected } = partition(violations);
  if (left.length > 0) {
    throw new Error(
      `axe found ${left.reduce((n, v) => n + v.nodes.length, 0)} accessibility violation(s) on ${screen}:\n` +
        describeViolations(left),
    );
  }
  return { passes, expected: expected.flatMap((v) => v.nodes.map((n) => `${v.id} ${n.target}`)) };
}

/**
 * Positive control: adds an image without alternative text and an input
 * without a label to the page, checks that axe reports both (rules image-alt
 * and label, on exactly those elements), then removes them.
 * @param {WebdriverIO.Browser} browser
 */
export async function assertAxeFlagsKnownDefects(browser) {
  await injectAxe(browser);
  await browser.execute(() => {
    const box = document.createElement('div');
    box.id = 'e2e-axe-control';
    // A 1x1 transparent GIF: an image with no alt, and a text box with no label.
    box.innerHTML =
      '<img id="e2e-axe-img" src="data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==">' +
      '<input id="e2e-axe-input" type="text">';
    document.body.append(box);
  });
  try {
    const { violations } = await runAxe(browser);
    const flagged = (rule, target) =>
      violations.some((v) => v.id === rule && v.nodes.some((n) => n.target === target));
    const missing = [
      ['image-alt', '#e2e-axe-img'],
      ['label', '#e2e-axe-input'],
    ].filter(([rule, target]) => !flagged(rule, target));
    if (missing.length > 0) {
      throw new Error(
        `axe did not flag the planted defects ${missing.map(([r, t]) => `${r} on ${t}`).join(', ')}; ` +
          `it reported:\n${describeViolations(violations) || '  (no violations)'}`,
      );
    }
  } finally {
    await browser.execute(() => document.getElementById('e2e-axe-control')?.remove());
  }
  const left = await browser.execute(() => document.getElementById('e2e-axe-control') !== null);
  if (left) throw new Error('the planted accessibility defects could not be removed');
}
