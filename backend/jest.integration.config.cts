const shared = require('./jest.swc.cjs');

// Integration specs talk to a real PostgreSQL: an embedded server started once for the run, or the
// server in DATABASE_URL. Each spec file gets its own database cloned from a migrated template.
module.exports = {
  ...shared,
  displayName: 'backend-integration',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.int-spec.ts', '<rootDir>/test/**/*.int-spec.ts'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
