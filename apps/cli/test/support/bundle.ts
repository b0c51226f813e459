/**
 * Builds the `joinery` command into one ESM file for the tests that start it many times.
 *
 * Why: bin/joinery.js runs the TypeScript sources through tsx, and every start resolves and
 * loads some 3,400 files (our 400 sources and the npm packages they use) through the module
 * loader: 5–10 s per start on a loaded 2-core machine, and the CLI tests start the command
 * about fifty times. The same program as one file starts in about a second.
 *
 * What stays as with the real entry: the sources are the same (esbuild strips the types, as
 * tsx does); each file keeps its own `import.meta.url`, `__dirname` and `__filename`, so views,
 * migrations, assets and package.json files found beside a source (ours or a package's) are
 * found in the same place; PGlite stays outside the bundle, loaded from its own folder with its
 * WebAssembly and data files. The bundle sits in the repository's node_modules so that
 * `require` and `import.meta.resolve` of a package resolve as they do from the sources.
 * Tests that are about the documented entry itself still run bin/joinery.js (JOINERY_BIN).
 */
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

/** Packages loaded from their own folder, not bundled: they read files next to their code. */
const UNBUNDLED = new Set(['@electric-sql/pglite']);

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return (specifier.startsWith('@') ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
}

/** Unbundled packages are imported by the absolute file Node would resolve for the importer. */
const unbundledPackages: Plugin = {
  name: 'unbundled-packages',
  setup(bundler) {
    bundler.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === 'resolving' || !UNBUNDLED.has(packageName(args.path))) return undefined;
      const resolved = await bundler.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: 'resolving' });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      return { path: pathToFileURL(resolved.path).href, external: true };
    });
  },
};

/** Every bundled file keeps the location it has on disk. */
const ownLocation: Plugin = {
  name: 'own-location',
  setup(bundler) {
    bundler.onLoad({ filter: /\.(ts|js|mjs|cjs)$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!/import\.meta\.url|__dirname|__filename/.test(source)) return undefined;
      let contents = source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href));
      // CommonJS packages: a bundled ES module has no __dirname or __filename of its own.
      if (!args.path.endsWith('.ts')) {
        contents = contents
          .replace(/(?<![.\w$])__dirname(?![\w$])/g, JSON.stringify(dirname(args.path)))
          .replace(/(?<![.\w$])__filename(?![\w$])/g, JSON.stringify(args.path));
      }
      return { contents, loader: args.path.endsWith('.ts') ? 'ts' : 'js' };
    });
  },
};

/** Bundles apps/cli/src/main.ts into `outfile` (which must be inside the repository). */
export async function bundleJoinery(outfile: string): Promise<void> {
  await build({
    entryPoints: [fileURLToPath(new URL('../../src/main.ts', import.meta.url))],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
    // CommonJS packages inside an ES module bundle still call require() for Node's built-ins.
    banner: { js: "import { createRequire as __joineryRequire } from 'node:module'; const require = __joineryRequire(import.meta.url);" },
    plugins: [unbundledPackages, ownLocation],
  });
}
