// Unit tests sit next to the code they test (*.test.ts); integration tests drive the real
// appliance and live under test/integration/ (run by test/run, one at a time).
const integration = process.env.CCAPP_TEST_SUITE === 'integration';
export default {
  files: integration ? ['test/integration/**/*.test.ts'] : ['{app,db,ivr,pbx-config,appliance}/**/*.test.ts', 'test/unit/**/*.test.ts'],
  extensions: { ts: 'module' },
  nodeArguments: ['--import=tsx'],
  workerThreads: false,
  concurrency: integration ? 1 : 2,
  serial: integration,
  timeout: '5m',
};
