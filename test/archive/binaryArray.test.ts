// The binary array parameters ingest and finalize send: what PostgreSQL
// reads from them is what was encoded, for the awkward values too (NULLs,
// empty arrays, non-ASCII and quoting characters, row ids beyond 2^53).

import assert from 'node:assert/strict';
import type pg from 'pg';
import { boolArray, byteaArray, float8Array, int4Array, int8Array, textArray } from '../../server/src/archive/binaryArray';
import { openPool } from '../../server/src/archive/db';
import { testServer } from './postgres';

describe('archive binary array parameters', function () {
  this.timeout(60000);
  let pool: pg.Pool;
  before(async () => {
    pool = openPool(await (await testServer()).createDatabase('binary_arrays'));
  });
  after(async () => {
    await pool?.end();
  });

  it('round-trips every element type ingest sends', async () => {
    const text = ['é — “quoted”', null, '', 'a"b\\c{},', 'עברית'];
    const r = await pool.query('SELECT $1::text[] AS t, $2::bigint[] AS i8, $3::bytea[] AS b, $4::boolean[] AS bo, $5::float8[] AS f, $6::int[] AS i4', [
      textArray(text),
      int8Array(['9007199254740993', 1, '-5']),
      byteaArray([Buffer.from([0, 255, 10]), null, new Uint8Array([7])]),
      boolArray([true, false]),
      float8Array([1.5, -0, 1e300]),
      int4Array([-2147483648, null, 7, 2147483647]),
    ]);
    const row = r.rows[0];
    assert.deepEqual(row.t, text);
    assert.deepEqual(row.i8, ['9007199254740993', '1', '-5']);
    assert.deepEqual(row.b, [Buffer.from([0, 255, 10]), null, Buffer.from([7])]);
    assert.deepEqual(row.bo, [true, false]);
    assert.deepEqual(row.f, [1.5, -0, 1e300]);
    assert.deepEqual(row.i4, [-2147483648, null, 7, 2147483647]);
  });

  it('sends empty arrays that unnest to no rows', async () => {
    const r = await pool.query('SELECT count(*)::int AS n FROM unnest($1::text[], $2::bytea[], $3::int[]) AS x(a, b, c)', [textArray([]), byteaArray([]), int4Array([])]);
    assert.equal(r.rows[0].n, 0);
  });
});
