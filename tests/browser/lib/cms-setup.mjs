// The editing forms against Decap's local backend: a copy of the sample
// repository with [cms], its site built by pakta, decap-server writing
// into the copy, the CMS script served from the npm package on its own
// 127.0.0.1 origin, and the site's server passing /api/v1 on to
// decap-server so the admin page's policy (connect-src 'self') holds.
import { execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { REPO } from './search-site.mjs';

const PACKAGES = path.join(REPO, 'tests/browser/node_modules');
const CMS_DIST = path.join(PACKAGES, 'decap-cms/dist');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.yml': 'text/yaml; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function pakta(args, options = {}) {
  const bin = process.env.PAKTA_BIN;
  const [cmd, all] = bin ? [bin, args] : ['cargo', ['run', '--quiet', '--', ...args]];
  return execFileSync(cmd, all, { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });
}

function listen(handler) {
  const server = http.createServer(handler);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function serveFiles(root, headers = {}) {
  return async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let file = path.join(root, decodeURIComponent(url.pathname));
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    try {
      if (fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
      const body = fs.readFileSync(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', ...headers });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  };
}

function copy(from, to) {
  fs.cpSync(from, to, { recursive: true });
}

async function waitForPort(port) {
  for (let i = 0; i < 100; i++) {
    const up = await new Promise((resolve) => {
      const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/api/v1',
        headers: { 'content-type': 'application/json' } }, (res) => { res.resume(); resolve(true); });
      req.on('error', () => resolve(false));
      req.end(JSON.stringify({ action: 'info' }));
    });
    if (up) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`decap-server did not start on ${port}`);
}

/** Starts everything; `close()` stops it and removes the copy. */
export async function start() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pakta-cms-'));
  const repo = path.join(dir, 'repo');
  fs.mkdirSync(repo);
  for (const part of ['agreements', 'partners', 'files', 'pakta.toml']) copy(path.join(REPO, part), path.join(repo, part));

  const scripts = await listen(serveFiles(CMS_DIST, { 'access-control-allow-origin': '*' }));
  const scriptUrl = `http://127.0.0.1:${scripts.address().port}/decap-cms.js`;
  const digest = crypto.createHash('sha384').update(fs.readFileSync(path.join(CMS_DIST, 'decap-cms.js'))).digest('base64');
  const config = fs.readFileSync(path.join(repo, 'pakta.toml'), 'utf8')
    .replace('[site]\n', '[site]\nrepository = "https://github.com/kpu-ri/kerjasama"\n');
  fs.writeFileSync(path.join(repo, 'pakta.toml'),
    `${config}\n[cms]\nscript_url = "${scriptUrl}"\nscript_integrity = "sha384-${digest}"\n`);

  const site = path.join(dir, 'site');
  const build = () => pakta(['build', '--root', repo, '--out', site, '--today', '2026-11-22', '--base-url', '/']);
  build();

  const backendPort = await new Promise((resolve) => {
    const probe = http.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
  const backend = spawn(process.execPath, [path.join(PACKAGES, 'decap-server/dist/index.js')], {
    env: { ...process.env, PORT: String(backendPort), BIND_HOST: '127.0.0.1', MODE: 'fs', GIT_REPO_DIRECTORY: repo, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  await waitForPort(backendPort);

  const files = serveFiles(site);
  const server = await listen((req, res) => {
    if (req.url.startsWith('/api/v1')) {
      const forward = http.request({ host: '127.0.0.1', port: backendPort, method: req.method, path: req.url,
        headers: req.headers }, (answer) => { res.writeHead(answer.statusCode, answer.headers); answer.pipe(res); });
      req.pipe(forward);
      return;
    }
    files(req, res);
  });
  const url = `http://127.0.0.1:${server.address().port}`;
  // The test's only change to what pakta wrote: Decap's local backend.
  // The configuration is one YAML flow mapping (JSON with anchors).
  const withLocalBackend = () => {
    const file = path.join(site, 'admin/config.yml');
    const text = fs.readFileSync(file, 'utf8');
    if (!text.startsWith('{')) throw new Error('admin/config.yml is not one flow mapping');
    fs.writeFileSync(file, `{"local_backend": {"url": "${url}/api/v1"},${text.slice(1)}`);
  };
  withLocalBackend();

  return {
    dir, repo, site, url, scriptUrl,
    rebuild() { build(); withLocalBackend(); },
    async close() {
      backend.kill();
      await new Promise((r) => server.close(r));
      await new Promise((r) => scripts.close(r));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An agreement's front matter as `pakta data` reads it: dates as text. */
export function frontMatter(repo, id) {
  const file = path.join(repo, 'agreements', `${id}.md`);
  const text = fs.readFileSync(file, 'utf8');
  const [, toml] = text.split(/^\+\+\+\s*$/m);
  // TOML dates become their text, so values compare as written.
  return JSON.parse(JSON.stringify(parseToml(toml)));
}
