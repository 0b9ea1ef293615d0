// Starts the real wardline hub on a free port with a fresh SQLite database for browser tests.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const sourceDir = process.env.WARDLINE_SOURCE_DIR ?? new URL('../..', import.meta.url).pathname;
export const binary = process.env.WARDLINE_BIN ?? join(sourceDir, 'build', 'wardline');

export async function startHub(extraEnv = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'wardline-browser-'));
  const child = spawn(binary, ['serve', '--port', '0', '--db', `sqlite3://db=${dir}/wardline.db`], {
    cwd: sourceDir,
    env: { ...process.env, WARDLINE_ACCESS_LOG: '0', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const port = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`hub did not start:\n${stderr}`)), 15000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on port (\d+)/);
      if (m) { clearTimeout(timer); resolve(Number(m[1])); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`hub exited ${code}:\n${stderr}`)); });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise((resolve) => { child.once('exit', resolve); child.kill('SIGTERM'); }),
  };
}
