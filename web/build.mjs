// Build the dashboard into the Python package: src/eventwire/web/static/
// (index.html, app.js, app.css, Leaflet's images and the world geometry).
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'src', 'eventwire', 'web', 'static');

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

await build({
  entryPoints: { app: join(here, 'src', 'main.js') },
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  outdir: out,
  loader: { '.png': 'file', '.svg': 'file' },
  assetNames: 'images/[name]',
  legalComments: 'linked',
  logLevel: 'warning',
});
copyFileSync(join(here, 'src', 'index.html'), join(out, 'index.html'));
copyFileSync(join(here, 'node_modules', 'world-atlas', 'countries-110m.json'), join(out, 'world-110m.json'));

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [[path.slice(out.length + 1), statSync(path).size]];
  });
}
const files = walk(out);
for (const [name, size] of files) console.log(`  ${name.padEnd(28)} ${(size / 1024).toFixed(1)} kB`);
const total = files.reduce((sum, [, size]) => sum + size, 0);
console.log(`dashboard built in ${out} (${(total / 1024).toFixed(1)} kB)`);
