// Binary-safe search of every file under some directories for secret strings,
// in UTF-8 and UTF-16LE. Used to prove that nothing a user typed reaches the disk
// in the clear (database, WAL, webview storage, caches, logs, temp files).

import { randomBytes } from 'node:crypto';
import { lstat, mkdir, open, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

const CHUNK = 4 * 1024 * 1024;

/** Every regular file under `dir`, recursively (symlinks are not followed). */
export async function listFiles(dir) {
  const files = [];
  const walk = async (d) => {
    let entries;
    try {
      entries = await readdir(d, { withFileTypes: true });
    } catch (err) {
      if (err.code === 'ENOENT') return;
      throw err;
    }
    for (const entry of entries) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) files.push(full);
    }
  };
  await walk(dir);
  return files;
}

/**
 * Encodings of each needle to look for: UTF-8 and UTF-16LE.
 * @param {string[]} needles
 */
export function encodings(needles) {
  return needles.flatMap((text) => [
    { text, encoding: 'utf-8', bytes: Buffer.from(text, 'utf8') },
    { text, encoding: 'utf-16le', bytes: Buffer.from(text, 'utf16le') },
  ]);
}

/**
 * Which of `patterns` occur in the file at `file` (read in chunks, with
 * overlap); null when the file vanished before it could be opened (a scan while
 * the app runs may race its temporary files).
 */
async function scanFile(file, patterns) {
  const found = new Set();
  const overlap = Math.max(...patterns.map((p) => p.bytes.length)) - 1;
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    if (err.code === 'ENOENT') return null;
    throw err;
  }
  try {
    const buf = Buffer.alloc(CHUNK + overlap);
    let carry = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buf, carry, CHUNK, null);
      const window = buf.subarray(0, carry + bytesRead);
      for (const p of patterns) if (window.includes(p.bytes)) found.add(p);
      if (bytesRead === 0) break;
      carry = Math.min(overlap, window.length);
      window.copy(buf, 0, window.length - carry);
    }
  } finally {
    await handle.close();
  }
  return [...found];
}

/**
 * Searches every regular file under `dirs` for each needle (UTF-8 and UTF-16LE).
 * Files that vanish while the scan runs are listed in `vanished`, not searched.
 * @param {string[]} dirs
 * @param {string[]} needles
 * @typedef {{ file: string, text: string, encoding: string }} Hit
 * @returns {Promise<{ files: string[], bytes: number, vanished: string[], hits: Hit[] }>}
 */
export async function scanForStrings(dirs, needles) {
  const patterns = encodings(needles);
  const listed = [...new Set((await Promise.all(dirs.map(listFiles))).flat())].sort();
  const files = [];
  const vanished = [];
  const hits = [];
  let bytes = 0;
  for (const file of listed) {
    const found = await scanFile(file, patterns);
    if (found === null) {
      vanished.push(file);
      continue;
    }
    files.push(file);
    bytes += await lstat(file).then(
      (st) => st.size,
      () => 0,
    );
    for (const p of found) hits.push({ file, text: p.text, encoding: p.encoding });
  }
  return { files, bytes, vanished, hits };
}

/**
 * Writes the positive-control files for a scan into `dir`: every needle in
 * UTF-8 in one file and in UTF-16LE in another, between random bytes, the first
 * needle of each straddling a read-chunk boundary. Returns the two paths.
 */
async function writeControls(dir, needles) {
  await mkdir(dir, { recursive: true });
  const files = {};
  for (const [encoding, name] of [
    ['utf-8', 'control-utf8.bin'],
    ['utf-16le', 'control-utf16le.bin'],
  ]) {
    const bytes = needles.map((n) => Buffer.from(n, encoding === 'utf-8' ? 'utf8' : 'utf16le'));
    const half = Math.floor(bytes[0].length / 2);
    const parts = [randomBytes(CHUNK - half), bytes[0]];
    for (const b of bytes.slice(1)) parts.push(randomBytes(64), b);
    parts.push(randomBytes(64));
    const file = path.join(dir, name);
    await writeFile(file, Buffer.concat(parts), { mode: 0o600 });
    files[encoding] = file;
  }
  return files;
}

/** One line per hit, for an assertion message. */
export const describeHits = (hits) =>
  hits.map((h) => `  ${h.file}: ${JSON.stringify(h.text)} (${h.encoding})`).join('\n');

/**
 * A scan that proves it can find what it looks for. Before searching, every
 * needle is planted in two files of the test's own under `controlDir` (which
 * must be inside one of `dirs`): in UTF-8 and in UTF-16LE. The scan must report
 * each needle in each encoding in exactly its planted file, or this throws (the
 * search would prove nothing). The planted files are removed afterwards, and
 * their hits are left out of `hits`, which holds only what the app wrote.
 * @param {string[]} dirs
 * @param {string[]} needles
 * @param {string} controlDir
 */
export async function scanWithControl(dirs, needles, controlDir) {
  if (!dirs.some((d) => !path.relative(d, controlDir).startsWith('..'))) {
    throw new Error(`the control dir ${controlDir} is outside the scanned dirs ${dirs.join(', ')}`);
  }
  const controls = await writeControls(controlDir, needles);
  let controlBytes = 0;
  for (const file of Object.values(controls)) controlBytes += (await lstat(file)).size;
  let result;
  try {
    result = await scanForStrings(dirs, needles);
  } finally {
    await rm(controlDir, { recursive: true, force: true });
  }
  const planted = new Set(Object.values(controls));
  const missing = [];
  for (const [encoding, file] of Object.entries(controls)) {
    for (const text of needles) {
      const found = result.hits.some((h) => h.file === file && h.text === text && h.encoding === encoding);
      if (!found) missing.push(`${JSON.stringify(text)} (${encoding}) in ${file}`);
    }
  }
  if (missing.length > 0) {
    throw new Error(`positive control failed: the scan did not find the planted\n  ${missing.join('\n  ')}`);
  }
  return {
    ...result,
    files: result.files.filter((f) => !planted.has(f)),
    bytes: result.bytes - controlBytes,
    controls: Object.values(controls),
    hits: result.hits.filter((h) => !planted.has(h.file)),
  };
}
