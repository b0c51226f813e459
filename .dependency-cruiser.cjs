/* global module */
/** Package boundaries from DESIGN.md, enforced in `npm run check`. */
module.exports = {
  forbidden: [
    {
      name: 'core-uses-nothing-of-ours',
      comment: 'core is the shared kernel: it must not depend on any room or app, or everything depends on everything.',
      severity: 'error',
      from: { path: '^packages/core/' },
      to: { path: '^(packages/(?!core/)|apps/)' },
    },
    {
      name: 'linkage-is-a-pure-library',
      comment: 'linkage is a library others could use: only core types, no other room, no app.',
      severity: 'error',
      from: { path: '^packages/linkage/' },
      to: { path: '^(packages/(?!core/|linkage/)|apps/)' },
    },
    {
      name: 'scenario-uses-only-core',
      comment: 'scenario is synthetic data: it may use core identifiers, never a room it is meant to test.',
      severity: 'error',
      from: { path: '^packages/scenario/' },
      to: { path: '^(packages/(?!core/|scenario/)|apps/)' },
    },
    {
      name: 'packages-never-import-apps',
      comment: 'only apps compose packages; a package importing an app inverts the layers.',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-reaching-into-another-package-src',
      comment: 'import another package by its name (@joinery/x), never through its src/ folder: its index.ts is the public surface.',
      severity: 'error',
      from: { path: '^(packages|apps)/([^/]+)/' },
      // Relative imports only: imports by package name resolve through the workspace link.
      to: { path: '^(packages|apps)/([^/]+)/src/', pathNot: ['^$1/$2/', '^(packages|apps)/[^/]+/src/(index|testing)\\.ts$'] },
    },
    {
      name: 'rooms-only-allowed-neighbours',
      comment:
        'DESIGN.md: registers and spine may use linkage; spine and residents may call registers and exchange; no other cross-room imports without a line in DESIGN.md.',
      severity: 'error',
      from: { path: '^packages/(registers|exchange|estate|trust|commons)/src/' },
      to: { path: '^packages/(?!core/|linkage/|$1/)' },
    },
    {
      name: 'room-tests-use-only-scenario-besides',
      comment:
        "A room's tests may also use scenario (the synthetic Wessex data the test suite stands on), and nothing else of another room.",
      severity: 'error',
      from: { path: '^packages/(registers|exchange|estate|trust|commons)/test/' },
      to: { path: '^packages/(?!core/|linkage/|scenario/|$1/)' },
    },
    {
      name: 'no-circular',
      comment: 'circular imports make load order fragile.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(node_modules|\\.joinery)' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    combinedDependencies: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.js'],
    },
  },
};
