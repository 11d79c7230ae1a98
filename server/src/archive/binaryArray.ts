// Array parameters in PostgreSQL's binary format. The `pg` client sends a
// Buffer parameter as binary and everything else as text, and it writes an
// array of Buffers as a text literal of hex strings: a batch of 500 source
// bodies became a 50 MB string that the server then parsed back, which was
// most of an ingest's time in the database. Encoded here, a batch's column
// is one Buffer the server reads as it is (array_recv), with no escaping.
//
// The layout (src/backend/utils/adt/arrayfuncs.c array_recv): dimensions,
// a has-nulls flag, the element type's oid, each dimension's length and
// lower bound, then every element as a 4-byte length (-1 for NULL) and its
// bytes in the element type's own binary format.

const OID = { bool: 16, bytea: 17, int8: 20, int4: 23, text: 25, float8: 701 } as const;

/** The header and each element's length (-1 for NULL); `write` puts element i's bytes at an offset. */
function encode(oid: number, lengths: number[], write: (out: Buffer, i: number, at: number) => void): Buffer {
  let size = 20;
  for (const n of lengths) size += 4 + Math.max(0, n);
  const out = Buffer.allocUnsafe(size);
  out.writeInt32BE(1, 0);
  out.writeInt32BE(lengths.includes(-1) ? 1 : 0, 4);
  out.writeUInt32BE(oid, 8);
  out.writeInt32BE(lengths.length, 12);
  out.writeInt32BE(1, 16);
  let at = 20;
  lengths.forEach((n, i) => {
    out.writeInt32BE(n, at);
    at += 4;
    if (n >= 0) {
      write(out, i, at);
      at += n;
    }
  });
  return out;
}

export function byteaArray(values: readonly (Uint8Array | null)[]): Buffer {
  return encode(
    OID.bytea,
    values.map((v) => (v === null ? -1 : v.byteLength)),
    (out, i, at) => out.set(values[i]!, at),
  );
}

/** Text goes as UTF-8, the client encoding `pg` sets; the server converts it to the database's. */
export function textArray(values: readonly (string | null)[]): Buffer {
  return encode(
    OID.text,
    values.map((v) => (v === null ? -1 : Buffer.byteLength(v, 'utf8'))),
    (out, i, at) => out.write(values[i]!, at, 'utf8'),
  );
}

export function int4Array(values: readonly (number | null)[]): Buffer {
  return encode(
    OID.int4,
    values.map((v) => (v === null ? -1 : 4)),
    (out, i, at) => out.writeInt32BE(values[i]!, at),
  );
}

/** Row ids arrive from `pg` as strings (bigint). */
export function int8Array(values: readonly (string | number)[]): Buffer {
  return encode(OID.int8, values.map(() => 8), (out, i, at) => out.writeBigInt64BE(BigInt(values[i]), at));
}

export function float8Array(values: readonly number[]): Buffer {
  return encode(OID.float8, values.map(() => 8), (out, i, at) => out.writeDoubleBE(values[i], at));
}

export function boolArray(values: readonly boolean[]): Buffer {
  return encode(OID.bool, values.map(() => 1), (out, i, at) => out.writeUInt8(values[i] ? 1 : 0, at));
}
