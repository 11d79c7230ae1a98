// The throwaway server itself: it answers on its own socket, keeps the
// password role to its password, and comes back after being killed.
import assert from 'node:assert/strict';
import pg from 'pg';
import { PASSWORD, PASSWORD_ROLE, testServer } from './postgres';

async function one(url: string, sql: string): Promise<unknown> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows[0];
  } finally {
    await client.end();
  }
}

describe('throwaway PostgreSQL server', function () {
  this.timeout(60000);

  it('answers on a socket in its own folder, with pg_trgm available', async () => {
    const server = await testServer();
    const row = (await one(server.url(), `SELECT current_setting('unix_socket_directories') AS dir, current_setting('listen_addresses') AS listen, (SELECT count(*) FROM pg_available_extensions WHERE name = 'pg_trgm')::int AS trgm`)) as Record<string, unknown>;
    assert.deepEqual(row, { dir: server.host, listen: '', trgm: 1 });
  });

  it('asks the password role for its password', async () => {
    const server = await testServer();
    await assert.rejects(one(server.url('claimlens', { user: PASSWORD_ROLE, password: 'wrong' }), 'SELECT 1'), /password authentication failed/);
    assert.deepEqual(await one(server.url('claimlens', { user: PASSWORD_ROLE, password: PASSWORD }), 'SELECT 1 AS one'), { one: 1 });
  });

  it('starts again after being killed', async () => {
    const server = await testServer();
    await server.crash();
    assert.deepEqual(await one(server.url(), 'SELECT 2 AS two'), { two: 2 });
  });
});
