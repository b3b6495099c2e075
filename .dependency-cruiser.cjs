/**
 * The module boundaries of the server (docs/ARCHITECTURE.md, "Modules and their public faces").
 * Checked by src/server/boundaries.test.ts (npm test, unit tier); `npx depcruise src seed migrations` prints the same.
 * dependency-cruiser rather than eslint-plugin-boundaries: it needs no ESLint (the repo lints with Biome), it reads the
 * TypeScript imports as tsc resolves them, and it reports cycles as well as forbidden edges.
 */
module.exports = {
  forbidden: [
    {
      name: 'module-public-face',
      comment: 'A module uses another only through its index.ts (never its repo, services or schemas directly).',
      severity: 'error',
      from: { path: '^src/server/modules/([^/]+)/' },
      to: { path: '^src/server/modules/[^/]+/', pathNot: ['^src/server/modules/$1/', '^src/server/modules/[^/]+/index[.]ts$'] },
    },
    {
      name: 'platform-below-modules',
      comment: 'The platform (db, errors, policies, crypto…) knows no domain module.',
      severity: 'error',
      from: { path: '^src/server/platform/' },
      to: { path: '^src/server/modules/' },
    },
    {
      name: 'src-not-seed',
      comment: 'Application code never imports the demo seed or the tests (the CLI, main.ts, runs the demo seed).',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/server/main[.]ts$' },
      to: { path: '^(seed|test|bench)/' },
    },
    {
      name: 'web-not-server',
      comment: 'The web imports only shared pure code and generated types, never server code.',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: '^src/server/' },
    },
    {
      name: 'migrations-frozen',
      comment: 'A migration holds its own SQL: it imports nothing from src, seed or another migration.',
      severity: 'error',
      from: { path: '^migrations/' },
      to: { path: '^(src|seed|migrations)/' },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles between files.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/|[.]test[.]tsx?$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.mjs', '.js'] },
    moduleSystems: ['es6'],
  },
};
