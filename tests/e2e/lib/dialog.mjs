// The system's save dialog (GTK's own window) answered as a person would:
// the WebDriver cannot reach a native window, so it is driven with xdotool
// (Debian package xdotool) on the same X display.

import { execFileSync, spawnSync } from 'node:child_process';
import { TIMEOUT_MS } from './app.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether `tool` is on the PATH. */
export const has = (tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

/** The X window of the visible dialog titled `title`, once it is mapped. */
export async function dialogWindow(title, timeout = TIMEOUT_MS) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    try {
      const out = execFileSync('xdotool', ['search', '--onlyvisible', '--name', title], { encoding: 'utf8' }).trim();
      if (out !== '') return out.split('\n')[0];
    } catch {
      // not there yet (xdotool exits 1 when nothing matches)
    }
    await sleep(200);
  }
  throw new Error(`the save dialog "${title}" never opened`);
}

/**
 * Answers the save dialog titled `title` with the full path `file`: focus
 * it, replace the name with the path, press Return. The short settle after
 * focusing lets GTK put the focus in the name field before typing.
 */
export async function saveAs(title, file) {
  const win = await dialogWindow(title);
  execFileSync('xdotool', ['windowfocus', '--sync', win]);
  await sleep(500);
  execFileSync('xdotool', ['key', '--clearmodifiers', 'ctrl+a']);
  execFileSync('xdotool', ['type', '--delay', '20', file]);
  execFileSync('xdotool', ['key', 'Return']);
}

/**
 * Types `text` into the location field (Ctrl+L) of the GTK file dialog
 * titled `title` and presses Return; while the dialog is still there, focuses
 * it and presses `confirmKey` (up to five times, 0.7 s apart).
 */
async function answerByLocation(title, text, confirmKey) {
  const win = await dialogWindow(title);
  execFileSync('xdotool', ['windowfocus', '--sync', win]);
  await sleep(500);
  execFileSync('xdotool', ['key', '--clearmodifiers', 'ctrl+l']);
  await sleep(200);
  execFileSync('xdotool', ['type', '--delay', '20', text]);
  await sleep(300);
  execFileSync('xdotool', ['key', 'Return']);
  for (let i = 0; i < 5; i += 1) {
    await sleep(700);
    let open = '';
    try {
      open = execFileSync('xdotool', ['search', '--onlyvisible', '--name', title], { encoding: 'utf8' }).trim();
    } catch {
      return;
    }
    if (open === '') return;
    execFileSync('xdotool', ['windowfocus', '--sync', open.split('\n')[0]]);
    execFileSync('xdotool', ['key', '--clearmodifiers', confirmKey]);
  }
  throw new Error(`the dialog "${title}" did not close`);
}

/**
 * Answers the folder dialog titled `title` with `folder`: its path in the
 * location field and Return (GTK then shows that folder), then the Open
 * button by its mnemonic (Alt+O), which chooses the folder shown.
 */
export async function chooseFolder(title, folder) {
  await answerByLocation(title, `${folder}/`, 'alt+o');
}

/** Answers the open dialog titled `title` with the file at `file`. */
export async function openFile(title, file) {
  await answerByLocation(title, file, 'Return');
}
