const shared = require('./jest.swc.cjs');

module.exports = {
  ...shared,
  displayName: 'backend',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  coverageDirectory: '../coverage/backend',
};
