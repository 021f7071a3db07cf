// Starting, driving and quitting the real Confidant app through tauri-driver.
//
// A WebDriver session is one run of the app: `launchApp()` starts the binary
// (tauri-driver -> WebKitWebDriver -> app) and `App#quit()` deletes the session,
// which closes the window and ends the process. Run through tests/e2e/run.sh,
// which provides the driver on port 4444 and the scratch environment.

import { appendFileSync, chmodSync, mkdirSync, readdirSync, readFileSync, readlinkSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { remote } from 'webdriverio';
import { assertAccessible } from './axe.mjs';

/** How long any single wait may take (app start, an element, a save). */
export const TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS ?? 30_000);

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

/** Absolute path of the app binary under test. */
export const BIN = path.resolve(ROOT, process.env.CONFIDANT_BIN ?? 'target/debug/confidant');

/** Where screenshots go (CI keeps them as artifacts). */
export const SCREENSHOTS = path.resolve(
  ROOT,
  process.env.E2E_SCREENSHOTS ?? 'target/e2e/screenshots',
);

/** Where each accessibility audit is logged (one line per screen). */
const AXE_LOG = process.env.E2E_AXE_LOG;

/** The scratch world of this run (HOME, data dir, tmp), made fresh by run.sh. */
export const SCRATCH = process.env.E2E_SCRATCH;

/** The WebDriver key code of Enter (a bare "\n" is not typed by WebKitWebDriver). */
const ENTER = '\uE007';

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
  'September', 'October', 'November', 'December'];

/** "2026-09-05" -> "5 September 2026", as the core writes dates in a series' description. */
export const longDate = (isoDate) => {
  const [y, m, d] = isoDate.split('-').map(Number);
  return `${d} ${MONTH_NAMES[m - 1]} ${y}`;
};

/** CSS selector for a `data-testid`. */
export const byTestId = (id) => `[data-testid="${id}"]`;

/** Launches the app and returns it once the WebDriver session is up. */
export async function launchApp() {
  let browser;
  try {
    browser = await startSession();
  } catch (err) {
    throw new Error(
      `could not start ${BIN} through tauri-driver: ${err.message}\n` +
        'Hint: WebKitGTK allows automation only in the default web context, so the main ' +
        'webview must not be incognito while TAURI_WEBVIEW_AUTOMATION=true (set by tauri-driver).',
      { cause: err },
    );
  }
  return new App(browser);
}

/**
 * Launches the app on another data folder, `dataDir` (a second vault in the
 * same scratch world, e.g. the other party of a packet exchange). tauri-driver
 * passes the app no environment of its own, so the session starts a small
 * script that sets CONFIDANT_DATA_DIR and replaces itself with the binary.
 * One app at a time: quit the other first.
 */
export async function launchAppWithDataDir(dataDir) {
  if (!SCRATCH) throw new Error('launchAppWithDataDir needs E2E_SCRATCH: run through tests/e2e/run.sh');
  mkdirSync(dataDir, { recursive: true });
  const wrapper = path.join(SCRATCH, `confidant-${path.basename(dataDir)}.sh`);
  const quote = (s) => `'${s.replaceAll("'", "'\\''")}'`;
  writeFileSync(wrapper, `#!/bin/sh\nCONFIDANT_DATA_DIR=${quote(dataDir)}\nexport CONFIDANT_DATA_DIR\nexec ${quote(BIN)} "$@"\n`);
  chmodSync(wrapper, 0o755);
  let browser;
  try {
    browser = await startSession(wrapper);
  } catch (err) {
    throw new Error(`could not start ${BIN} on ${dataDir} through tauri-driver: ${err.message}`, { cause: err });
  }
  const app = new App(browser);
  app.dataDir = dataDir;
  return app;
}

function startSession(application = BIN) {
  return remote({
    hostname: '127.0.0.1',
    port: Number(process.env.E2E_DRIVER_PORT ?? 4444),
    logLevel: 'error',
    // One attempt: a retried "new session" would start a second app.
    connectionRetryCount: 0,
    connectionRetryTimeout: 4 * TIMEOUT_MS,
    waitforTimeout: TIMEOUT_MS,
    waitforInterval: 100,
    capabilities: {
      browserName: 'wry',
      'wdio:enforceWebDriverClassic': true,
      'tauri:options': { application },
    },
  });
}

/** One running instance of the app. */
export class App {
  /** @param {WebdriverIO.Browser} browser */
  constructor(browser) {
    this.browser = browser;
    this.running = true;
    /** The data folder, when not this run's (see `launchAppWithDataDir`). */
    this.dataDir = undefined;
  }

  /** The element with `data-testid=id` (it may not exist yet). */
  $(id) {
    return this.browser.$(byTestId(id));
  }

  /** All elements with `data-testid=id`. */
  async all(id) {
    return Array.from(await this.browser.$$(byTestId(id)));
  }

  /**
   * Waits until `predicate()` is truthy; after the timeout fails with `message`
   * (a string, or a function called then) and the last error the predicate threw.
   */
  async waitUntil(predicate, message, timeout = TIMEOUT_MS) {
    let lastError;
    try {
      await this.browser.waitUntil(
        async () => {
          try {
            return Boolean(await predicate());
          } catch (err) {
            // A stale element while the view re-renders: look again.
            lastError = err;
            return false;
          }
        },
        { timeout, interval: 100 },
      );
    } catch (err) {
      const why = lastError ? `; last error: ${lastError.message ?? lastError}` : '';
      // A message built from the screen may itself meet a stale element; the
      // timeout is what must be reported, so that never hides it.
      let text = message;
      if (typeof message === 'function') {
        try {
          text = await message();
        } catch (messageError) {
          text = `(the failure message could not be read from the screen: ${messageError.message ?? messageError})`;
        }
      }
      throw new Error(`${text} (waited ${timeout} ms${why})`, {
        cause: err,
      });
    }
  }

  /** Waits until `[data-testid=id]` exists and is displayed, and returns it. */
  async waitFor(id, timeout = TIMEOUT_MS) {
    await this.waitUntil(
      async () => (await this.$(id).isExisting()) && (await this.$(id).isDisplayed()),
      `[data-testid="${id}"] did not appear`,
      timeout,
    );
    return this.$(id);
  }

  /** Waits until `[data-testid=id]` is gone (or hidden). */
  async waitGone(id, timeout = TIMEOUT_MS) {
    await this.waitUntil(
      async () => !(await this.$(id).isExisting()) || !(await this.$(id).isDisplayed()),
      `[data-testid="${id}"] did not go away`,
      timeout,
    );
  }

  /** Waits for `[data-testid=id]`, then clicks it. */
  async click(id) {
    const el = await this.waitFor(id);
    await el.waitForClickable({ timeout: TIMEOUT_MS });
    await el.click();
  }

  /**
   * Waits for `[data-testid=id]`, then types `text` into it (replacing its
   * value). Line breaks are typed as the Enter key, as a person would.
   */
  async type(id, text) {
    const el = await this.waitFor(id);
    // Present is not enough: a field in a dialog that is still opening, or
    // one enabled by the previous step's answer, cannot be cleared yet.
    await el.waitForClickable({ timeout: TIMEOUT_MS });
    await el.setValue(text.replaceAll('\r\n', '\n').replaceAll('\n', ENTER));
  }

  /** The element itself, or `[data-testid=target]` once it is there. */
  async #element(target) {
    return typeof target === 'string' ? this.waitFor(target) : target;
  }

  /** Chooses the option whose value is `value` in a select (a test id or an element). */
  async choose(target, value) {
    await (await this.#element(target)).selectByAttribute('value', value);
  }

  /**
   * Sets an input's value (a test id or an element) and fires input and
   * change, for date and number fields WebDriver cannot type into reliably.
   */
  async setInput(target, value) {
    const el = await this.#element(target);
    await this.browser.execute(
      (node, v) => {
        const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(node), 'value').set;
        setter.call(node, v);
        node.dispatchEvent(new Event('input', { bubbles: true }));
        node.dispatchEvent(new Event('change', { bubbles: true }));
      },
      el,
      value,
    );
  }

  /**
   * Clicks Save on the schedule form once its preview has settled: not
   * working (`aria-busy="false"`) and, with `expect`, showing that text. The
   * preview is rebuilt a moment after each change and can grow or shrink the
   * form; a click sent while it reflows can land beside the button (seen in
   * CI: the form stayed open with nothing saved).
   */
  async saveSchedule(expect = '') {
    await this.waitUntil(
      async () => {
        const preview = await this.$('schedule-preview');
        if ((await preview.getAttribute('aria-busy')) !== 'false') return false;
        const text = await preview.getText();
        return text.length > 0 && text.includes(expect);
      },
      async () => `the schedule preview did not settle${expect ? ` on “${expect}”` : ''}: ${await this.text('schedule-preview')}`,
    );
    await this.click('schedule-save');
  }

  /** Scrolls `[data-testid=id]` to the top of the view (before a screenshot). */
  async scrollToTop(id) {
    const el = await this.waitFor(id);
    await this.browser.execute((node) => node.scrollIntoView({ block: 'start' }), el);
  }

  /** The visible text of `[data-testid=id]`, trimmed. */
  async text(id) {
    return (await (await this.waitFor(id)).getText()).trim();
  }

  /** Waits until the text of `[data-testid=id]` equals `expected`. */
  async waitForText(id, expected, timeout = TIMEOUT_MS) {
    let last;
    await this.waitUntil(
      async () => {
        last = (await this.$(id).getText()).trim();
        return last === expected;
      },
      () => `[data-testid="${id}"] never read ${JSON.stringify(expected)} (last: ${JSON.stringify(last)})`,
      timeout,
    );
  }

  /**
   * Saves a PNG of the window to target/e2e/screenshots/<name>, then audits the
   * screen with axe-core and fails on any accessibility violation (every
   * screenshot point is an audited screen). `audit: false` only for the picture
   * of a failure.
   */
  async screenshot(name, { audit = true } = {}) {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await this.painted();
    await this.browser.saveScreenshot(path.join(SCREENSHOTS, name));
    if (!audit) return;
    const screen = name.replace(/\.png$/, '');
    try {
      const { passes, expected } = await assertAccessible(this.browser, screen);
      const known = expected.length > 0 ? `; known, listed in lib/axe.mjs: ${expected.join(', ')}` : '';
      logAudit(`${screen}: 0 violations (${passes} rules passed)${known}`);
    } catch (err) {
      logAudit(`${screen}: ${err.message}`);
      throw err;
    }
  }

  /** Resolves once the page has painted its current DOM (two animation frames). */
  async painted() {
    await this.browser.executeAsync((done) => {
      requestAnimationFrame(() => requestAnimationFrame(() => done()));
    });
  }

  /** The serialised DOM. */
  pageSource() {
    return this.browser.getPageSource();
  }

  /** Quits the app (ends the session) and waits until its process has exited. */
  async quit() {
    if (!this.running) return;
    this.running = false;
    await this.browser.deleteSession();
    await waitForAppExit(TIMEOUT_MS, this.dataDir);
  }
}

function logAudit(line) {
  if (!AXE_LOG) return;
  mkdirSync(path.dirname(AXE_LOG), { recursive: true });
  appendFileSync(AXE_LOG, `${line}\n`);
}

/**
 * Process ids of this run's app instances: processes running BIN whose
 * CONFIDANT_DATA_DIR is `dataDir` (default: this run's), so a developer's own
 * copy is not counted.
 */
export function appPids(dataDir = process.env.CONFIDANT_DATA_DIR) {
  let bin = BIN;
  try {
    bin = realpathSync(BIN);
  } catch {
    // Keep the given path.
  }
  const pids = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const exe = readlinkSync(`/proc/${entry}/exe`).replace(/ \(deleted\)$/, '');
      if (exe !== bin) continue;
      if (dataDir) {
        const env = readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0');
        if (!env.includes(`CONFIDANT_DATA_DIR=${dataDir}`)) continue;
      }
      pids.push(Number(entry));
    } catch {
      // The process ended while we looked, or is not ours to read.
    }
  }
  return pids;
}

/** Process ids of every process below `pid` (WebKit's web and network processes, for the app). */
export function descendants(pid) {
  const parentOf = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'latin1');
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // The process ended while we looked.
    }
  }
  const found = [];
  for (let frontier = [pid]; frontier.length > 0; ) {
    const children = [...parentOf].filter(([, ppid]) => frontier.includes(ppid)).map(([child]) => child);
    found.push(...children);
    frontier = children;
  }
  return found;
}

/** Waits until no app process of this run (on `dataDir`, default this run's) is left. */
export async function waitForAppExit(timeout = TIMEOUT_MS, dataDir = undefined) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const pids = appPids(dataDir);
    if (pids.length === 0) return;
    if (Date.now() > deadline) {
      throw new Error(`the app did not exit within ${timeout} ms after quitting (pids ${pids.join(', ')})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A recovery code as the Emergency Kit shows it: seven groups of four. */
export const RECOVERY_CODE = /[A-HJKMNP-TV-Z2-9]{4}(?:[-\s]+[A-HJKMNP-TV-Z2-9]{4}){6}/;

/**
 * Starts the app as a supervisor: in a fresh scratch world it creates the
 * vault (supervisor role, Emergency Kit saved, the code typed back, no
 * passcode); in an existing one it just waits for the shell.
 */
export async function launchAsSupervisor() {
  return openVault(await launchApp(), 'supervisor');
}

/**
 * In a fresh data folder, creates the vault with `role` ('supervisor' or
 * 'supervisee'; Emergency Kit saved, the code typed back, no passcode); in an
 * existing one just waits for the shell. Returns `app`.
 */
export async function openVault(app, role) {
  await app.waitUntil(
    async () => (await app.$('app-shell').isExisting()) || (await app.$('create-vault').isExisting()),
    'neither the app shell nor onboarding appeared',
  );
  if (await app.$('create-vault').isExisting()) {
    await app.click(`role-${role}`);
    await app.click('create-vault');
    const code = (await app.text('recovery-code')).match(RECOVERY_CODE);
    if (!code) throw new Error('no recovery code shown');
    await app.click('kit-saved');
    await app.click('kit-continue');
    await app.type('recovery-input', code[0]);
    await app.click('confirm-recovery');
    await app.waitFor('passcode-offer');
    await app.click('offer-passcode-skip');
  }
  await app.waitFor('app-shell');
  return app;
}
