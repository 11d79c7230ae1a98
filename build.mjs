// Bundles the extension client, the language server and the CLI with esbuild.
// unified and retext are ESM-only while VS Code loads extensions as CommonJS,
// so everything is bundled once into CommonJS files under dist/.
//
//   node build.mjs            build once
//   node build.mjs --watch    rebuild on change
//   node build.mjs --minify   smaller bundles for packaging
//   node build.mjs --e2e      also the test suite that runs inside VS Code
//   node build.mjs --bench    also the benchmark (out/bench.js)
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const watch = process.argv.includes('--watch');
const minify = process.argv.includes('--minify');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: minify ? false : 'linked',
  minify,
  logLevel: 'warning',
  // pg loads its optional native binding (pg-native) only when asked to; the bundles use the JavaScript client.
  external: ['pg-native'],
  // ESM dependencies (fdir, via tinyglobby) read import.meta.url, which a CommonJS bundle lacks.
  define: { VERSION: JSON.stringify(pkg.version), 'import.meta.url': 'importMetaUrl' },
};
const importMetaUrl = "const importMetaUrl = require('url').pathToFileURL(__filename).href;";

const builds = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode', 'pg-native'], banner: { js: importMetaUrl } },
  { entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js', banner: { js: `#!/usr/bin/env node\n${importMetaUrl}` } },
  { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: `#!/usr/bin/env node\n${importMetaUrl}` } },
  // The corpus indexing worker, started by the server and the CLI for large corpora.
  { entryPoints: ['server/src/corpus/worker.ts'], outfile: 'dist/indexer.js', banner: { js: importMetaUrl } },
];

// The end-to-end suite that runs inside VS Code's extension host (see test/e2e).
if (process.argv.includes('--e2e')) {
  builds.push(
    ...['index', 'extension.test'].map((name) => ({
      entryPoints: [`test/e2e/suite/${name}.ts`],
      outfile: `out/e2e/${name}.js`,
      external: ['vscode', 'mocha', 'pg-native'],
    })),
  );
}

// The benchmark runs the same bundled code the server and the CLI run.
if (process.argv.includes('--bench')) {
  builds.push({ entryPoints: ['test/bench/bench.ts'], outfile: 'out/bench.js', banner: { js: importMetaUrl } });
}

if (watch) {
  for (const b of builds) await (await esbuild.context({ ...common, ...b })).watch();
  console.log('watching for changes…');
} else {
  await Promise.all(builds.map((b) => esbuild.build({ ...common, ...b })));
}
