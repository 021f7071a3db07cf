// Binary-safe search of every file under some directories for secret strings,
// in UTF-8 and UTF-16LE. Used to prove that nothing a user typed reaches the disk
// in the clear (database, WAL, webview storage, caches, logs, temp files).

import { lstat, open, readdir } from 'node:fs/promises';
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

/** Which of `patterns` occur in the file at `file` (read in chunks, with overlap). */
async function scanFile(file, patterns) {
  const found = new Set();
  const overlap = Math.max(...patterns.map((p) => p.bytes.length)) - 1;
  const handle = await open(file, 'r');
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
 * @param {string[]} dirs
 * @param {string[]} needles
 * @returns {Promise<{ files: string[], bytes: number, hits: { file: string, text: string, encoding: string }[] }>}
 */
export async function scanForStrings(dirs, needles) {
  const patterns = encodings(needles);
  const files = [...new Set((await Promise.all(dirs.map(listFiles))).flat())].sort();
  const hits = [];
  let bytes = 0;
  for (const file of files) {
    bytes += (await lstat(file)).size;
    for (const p of await scanFile(file, patterns)) {
      hits.push({ file, text: p.text, encoding: p.encoding });
    }
  }
  return { files, bytes, hits };
}
