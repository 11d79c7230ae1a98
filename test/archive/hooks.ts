// A root hook: the throwaway PostgreSQL server that archive tests start on
// first use is stopped (and its folder removed) when the test run ends.
import { stopTestServer } from './postgres';

export const mochaHooks = {
  async afterAll(this: Mocha.Context) {
    this.timeout(30000);
    await stopTestServer();
  },
};
