// A small Vite plugin: at build time, writes dist/sw.js from web/sw/sw.js with the precache list
// (index.html, every emitted asset of this build, the manifest and the icons of public/) and a
// hash of that list, so each build gets its own cache and the old one is dropped on activation.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

function publicFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push('/' + relative(dir, p).split('\\').join('/'));
    }
  };
  try {
    walk(dir);
  } catch {
    /* no public/ */
  }
  return out;
}

/** @returns {import('vite').Plugin} */
export function serviceWorker() {
  let root = '.', publicDir = 'public';
  return {
    name: 'longghep-service-worker',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      publicDir = config.publicDir;
    },
    generateBundle(_options, bundle) {
      const assets = Object.keys(bundle)
        .filter((f) => !f.endsWith('.map') && f !== 'sw.js')
        .map((f) => '/' + f);
      const list = [...new Set(['/index.html', ...assets, ...publicFiles(publicDir)])].sort();
      const hash = createHash('sha256').update(list.join('\n')).digest('hex').slice(0, 16);
      const source = readFileSync(join(root, 'sw', 'sw.js'), 'utf8')
        .replace("'__LG_BUILD__'", JSON.stringify(hash))
        .replace('__LG_PRECACHE__', JSON.stringify(list, null, 2));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}
