#!/usr/bin/env node
// A small static server for www/ with the same security headers a host
// should send. Listens on 127.0.0.1 only.
//
// Text, scripts and the WebAssembly module go out compressed (brotli or
// gzip, whichever the browser accepts first by preference, with
// `Vary: Accept-Encoding`), as a host should serve them: the widget is
// about a quarter of its size that way. The calculator's files carry
// `Access-Control-Allow-Origin: *`, so the "script and element" embed
// code works on a page of another origin (docs/security.md).
//
//   node scripts/serve.mjs            # http://127.0.0.1:8080
//   PORT=9000 node scripts/serve.mjs
//
// Tests import startServer({ port: 0 }) to get a free port.

import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

const HERE = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_ROOT = resolve(HERE, '..', 'www');

export const CSP = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

// Worth compressing: everything but images that are compressed already.
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.svg', '.txt', '.csv', '.map', '.ico']);

// The files the calculator loads, which another origin's page may load
// (module scripts and fetch() need CORS; the page itself does not).
const SHARED = new Set(['.js', '.mjs', '.css', '.wasm', '.json']);

/**
 * The encoding to send for an Accept-Encoding header: 'br', 'gzip' or null
 * (identity). Honours q-values; br wins a tie.
 */
export function chooseEncoding(header) {
  const q = new Map();
  for (const part of String(header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qp = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qp ? Number(qp.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const of = (name) => q.get(name) ?? (q.has('*') ? q.get('*') : 0);
  const br = of('br');
  const gzip = of('gzip');
  if (br > 0 && br >= gzip) return 'br';
  if (gzip > 0) return 'gzip';
  return null;
}

// Compressed bodies, by file, encoding and modification time.
const compressed = new Map();

async function body(file, info, encoding) {
  const key = `${encoding}:${file}`;
  const hit = compressed.get(key);
  if (hit && hit.mtimeMs === info.mtimeMs && hit.size === info.size) return hit.data;
  const raw = await readFile(file);
  const data =
    encoding === 'br'
      ? brotliCompressSync(raw, {
          params: {
            [zlib.BROTLI_PARAM_QUALITY]: 9,
            [zlib.BROTLI_PARAM_SIZE_HINT]: raw.length,
          },
        })
      : gzipSync(raw, { level: 9 });
  compressed.set(key, { mtimeMs: info.mtimeMs, size: info.size, data });
  return data;
}

function sendText(res, status, text, extra = {}) {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...extra,
  });
  res.end(text);
}

// Maps a request path to a file under root, or null if it must be refused.
function safePath(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  if (decoded.split(/[\\/]/).includes('..')) return null;
  const full = resolve(root, '.' + (decoded.startsWith('/') ? decoded : '/' + decoded));
  if (full !== root && !full.startsWith(root + sep)) return null;
  return full;
}

export function startServer({ port = 8080, root = DEFAULT_ROOT, host = '127.0.0.1' } = {}) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'Method not allowed\n', { Allow: 'GET, HEAD' });
      return;
    }
    // The raw target, before any URL normalisation, so `/../x` is seen.
    const rawPath = (req.url ?? '/').split(/[?#]/)[0];
    let file = safePath(base, rawPath);
    if (file === null) {
      sendText(res, 403, 'Forbidden\n');
      return;
    }
    try {
      let info = await stat(file);
      if (info.isDirectory()) {
        if (!rawPath.endsWith('/')) {
          const location = encodeURI('/' + relative(base, file).split(sep).join('/') + '/');
          res.writeHead(301, { ...SECURITY_HEADERS, Location: location.replace(/^\/+/, '/') });
          res.end();
          return;
        }
        file = join(file, 'index.html');
        info = await stat(file);
      }
      if (!info.isFile()) throw new Error('not a file');
      const ext = extname(file).toLowerCase();
      const encoding = COMPRESSIBLE.has(ext) ? chooseEncoding(req.headers['accept-encoding']) : null;
      const data = encoding ? await body(file, info, encoding) : await readFile(file);
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': MIME[ext] ?? 'application/octet-stream',
        'Content-Length': data.length,
        'Cache-Control': 'no-cache',
        ...(COMPRESSIBLE.has(ext) ? { Vary: 'Accept-Encoding' } : {}),
        ...(encoding ? { 'Content-Encoding': encoding } : {}),
        ...(SHARED.has(ext) ? { 'Access-Control-Allow-Origin': '*' } : {}),
      });
      res.end(req.method === 'HEAD' ? undefined : data);
    } catch {
      sendText(res, 404, 'Not found\n');
    }
  });
  server.listen(port, host);
  return server;
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const port = Number(process.env.PORT ?? 8080);
  const server = startServer({ port });
  server.on('listening', () => {
    const { port: bound } = server.address();
    console.log(`Serving www/ at http://127.0.0.1:${bound}/  (Ctrl+C to stop)`);
  });
  server.on('error', (err) => {
    console.error(`Could not start the server: ${err.message}`);
    process.exit(1);
  });
}
