// Reading article and source files without ever throwing: a file that is
// missing, a directory, binary, invalid UTF-8 or too large comes back as a
// reason the caller can show, never as an exception.

import { readFileSync, statSync } from 'node:fs';

export type ReadFailure = 'missing' | 'directory' | 'unreadable' | 'binary' | 'invalid-utf8' | 'too-large';

export type ReadResult = { ok: true; text: string; size: number; mtimeMs: number } | { ok: false; reason: ReadFailure; detail: string };

// ignoreBOM keeps a byte-order mark in the string, so offsets match what other tools read.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export const READ_FAILURE_MESSAGES: Record<ReadFailure, string> = {
  missing: 'no such file',
  directory: 'is a directory, not a file',
  unreadable: 'cannot be read',
  binary: 'is a binary file, not text',
  'invalid-utf8': 'is not valid UTF-8 text',
  'too-large': 'is larger than the size limit',
};

/** "is larger than --max-file-size (1,048,576 bytes)": names the limit the user can change, by the name they change it with. */
export function tooLargeMessage(limitName: string, limit: number): string {
  return `is larger than ${limitName} (${limit.toLocaleString('en-US')} bytes)`;
}

/** Text if the bytes are UTF-8 text; otherwise why not. A NUL byte anywhere means binary (no article has one). */
export function decodeText(bytes: Uint8Array): { ok: true; text: string } | { ok: false; reason: 'binary' | 'invalid-utf8' } {
  if (bytes.indexOf(0) >= 0) return { ok: false, reason: 'binary' };
  try {
    return { ok: true, text: decoder.decode(bytes) };
  } catch {
    return { ok: false, reason: 'invalid-utf8' };
  }
}

/**
 * Where JSON.parse gave up, without the text it quotes: a file that is not
 * what the setting says (a link to a secret) is never echoed in a message.
 */
export function jsonErrorWhere(e: unknown): string {
  const why = (e as Error).message;
  return /["']/.test(why) ? (why.match(/position \d+(?: \(line \d+ column \d+\))?/)?.[0] ?? 'unexpected text') : why;
}

export function readTextFile(path: string, maxBytes = Infinity): ReadResult {
  let stat;
  try {
    stat = statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : 'unreadable', detail: String((e as Error).message) };
  }
  if (stat.isDirectory()) return { ok: false, reason: 'directory', detail: path };
  // A named pipe or a device would block the read forever.
  if (!stat.isFile()) return { ok: false, reason: 'unreadable', detail: `${path} is not a regular file` };
  if (stat.size > maxBytes) return { ok: false, reason: 'too-large', detail: `${stat.size} bytes` };
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    return { ok: false, reason: 'unreadable', detail: String((e as Error).message) };
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { ok: false, reason: decoded.reason, detail: path };
  return { ok: true, text: decoded.text, size: stat.size, mtimeMs: stat.mtimeMs };
}
