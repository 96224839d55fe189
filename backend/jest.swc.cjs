// Shared by the unit and integration configs. Nest 12 ships ESM only and Jest 30 cannot require ESM
// on Node 20, so @nestjs and the file-type chain are transformed to CommonJS by swc like our own code.
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j|mj)s$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|file-type|@borewit|strtok3|token-types|uint8array-extras|@tokenizer|otplib|@otplib|@scure|@noble)/)',
  ],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
};
