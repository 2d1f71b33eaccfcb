// Builds the extension for a school's browsers (run by `make dist`):
//   OUT/postguard-VERSION-chrome.zip   Chrome Web Store / Edge Add-ons upload (unlisted)
//   OUT/postguard-VERSION-firefox.xpi  Firefox (to be signed on addons.mozilla.org, unlisted)
//   OUT/lint-firefox.json              `web-ext lint` of the Firefox build; any error fails the build
// The version is the daemon's (daemon/postguard/__init__.py), written into each built manifest.
// Usage: node scripts/build.mjs [--out DIR]   (default: ../dist)
import { spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const EXTENSION_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REPO_DIR = path.resolve(EXTENSION_DIR, '..');
const WEB_EXT = path.join(EXTENSION_DIR, 'node_modules', '.bin', 'web-ext');
// What the browser runs; tests, fixtures, node_modules and the build scripts are never shipped.
export const SHIPPED = ['manifest.json', 'managed_schema.json', 'background', 'content', 'icons', 'lib', 'options',
  'popup', 'ui'];

export async function daemonVersion() {
  const source = await readFile(path.join(REPO_DIR, 'daemon', 'postguard', '__init__.py'), 'utf8');
  const match = source.match(/^__version__\s*=\s*"([0-9]+(?:\.[0-9]+){0,3})"/m);
  if (!match) throw new Error('daemon/postguard/__init__.py has no __version__ a browser accepts (1 to 4 numbers)');
  return match[1];
}

// One manifest in the repository serves both browsers (Load unpacked); each build keeps only its own keys.
export function manifestFor(browser, manifest, version) {
  const built = structuredClone(manifest);
  built.version = version;
  if (browser === 'chrome') {
    delete built.browser_specific_settings;
    built.background = { service_worker: manifest.background.service_worker, type: manifest.background.type };
  } else {
    // Firefox reads IT policy from policies.json ("3rdparty"), not from a managed_schema.
    delete built.storage;
    built.background = { scripts: manifest.background.scripts, type: manifest.background.type };
  }
  return built;
}

function webExt(args) {
  const run = spawnSync(WEB_EXT, args, { encoding: 'utf8', env: { ...process.env, WEB_EXT_NO_UPDATE_CHECK: '1' } });
  if (run.error) throw new Error(`web-ext did not run (${run.error.message}): run 'npm ci' in extension/`);
  return run;
}

async function stage(browser, version, root) {
  const dir = path.join(root, browser);
  await mkdir(dir, { recursive: true });
  for (const name of SHIPPED) {
    if (name !== 'manifest.json') await cp(path.join(EXTENSION_DIR, name), path.join(dir, name), { recursive: true });
  }
  if (browser !== 'chrome') await rm(path.join(dir, 'managed_schema.json'));
  const manifest = JSON.parse(await readFile(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
  await writeFile(path.join(dir, 'manifest.json'), `${JSON.stringify(manifestFor(browser, manifest, version), null, 2)}\n`);
  return dir;
}

export async function build(out) {
  const version = await daemonVersion();
  await mkdir(out, { recursive: true });
  const root = await mkdtemp(path.join(tmpdir(), 'postguard-build-'));
  try {
    const artifacts = {};
    for (const [browser, ext] of [['chrome', 'zip'], ['firefox', 'xpi']]) {
      const dir = await stage(browser, version, root);
      const zipName = `postguard-${version}-${browser}.zip`;
      const made = webExt(['build', '--source-dir', dir, '--artifacts-dir', out, '--filename', zipName,
        '--overwrite-dest']);
      if (made.status !== 0) throw new Error(`web-ext build failed for ${browser}:\n${made.stdout}${made.stderr}`);
      const artifact = path.join(out, `postguard-${version}-${browser}.${ext}`);
      if (ext !== 'zip') await rename(path.join(out, zipName), artifact);
      artifacts[browser] = artifact;
      if (browser === 'firefox') {
        const lint = webExt(['lint', '--source-dir', dir, '--self-hosted', '--output', 'json']);
        await writeFile(path.join(out, 'lint-firefox.json'), lint.stdout);
        const report = JSON.parse(lint.stdout);
        artifacts.lint = report;
        if (report.errors.length) {
          throw new Error(`web-ext lint found errors:\n${report.errors.map((e) => `${e.file}: ${e.message}`).join('\n')}`);
        }
      }
    }
    return { version, ...artifacts };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--out');
  const out = path.resolve(at > 0 ? process.argv[at + 1] : path.join(REPO_DIR, 'dist'));
  try {
    const made = await build(out);
    console.log(`Extension ${made.version}: ${made.chrome}, ${made.firefox} ` +
      `(web-ext lint: 0 errors, ${made.lint.warnings.length} warnings, ${made.lint.notices.length} notices)`);
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
