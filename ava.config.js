// Unit tests sit next to the code they test (*.test.ts). Tests that need the running appliance
// (MariaDB, Asterisk, the app) are named *.int.test.ts or live under test/integration/; test/run
// starts the appliance and runs them one at a time.
const integration = process.env.CCAPP_TEST_SUITE === 'integration';
export default {
  files: integration
    ? ['test/integration/**/*.test.ts', '{app,db,ivr,pbx-config,appliance}/**/*.int.test.ts']
    : ['{app,db,ivr,pbx-config,appliance,test,web}/**/*.test.ts', '!**/*.int.test.ts', '!test/integration/**'],
  extensions: { ts: 'module' },
  nodeArguments: ['--import=tsx'],
  workerThreads: false,
  concurrency: integration ? 1 : 2,
  serial: integration,
  timeout: '10m',
};
