// The settings a client sends are checked before the server uses them: a
// value of the wrong kind is one line and its default, never a crash.

import assert from 'node:assert/strict';
import { DEFAULT_MAX_TOTAL_BYTES } from '../../server/src/corpus/budget';
import { DEFAULT_SETTINGS, normalizeSettings, settingsIn } from '../../server/src/settings';

describe('settings: claimlens.maxSourcesSize', () => {
  it('is 256 MB, the CLI default, when not set', () => {
    const { settings, problems } = normalizeSettings({});
    assert.equal(settings.maxSourcesSize, DEFAULT_MAX_TOTAL_BYTES);
    assert.equal(DEFAULT_SETTINGS.maxSourcesSize, 256 * 1024 * 1024);
    assert.deepEqual(problems, []);
  });

  it('takes a positive number of bytes, nested or flat', () => {
    assert.equal(normalizeSettings({ maxSourcesSize: 4096 }).settings.maxSourcesSize, 4096);
    assert.equal(normalizeSettings(settingsIn({ 'claimlens.maxSourcesSize': 1e9 })).settings.maxSourcesSize, 1e9);
  });

  for (const bad of [0, -5, Number.NaN, Infinity, '512MB', true, [1024], { bytes: 1024 }]) {
    it(`replaces ${typeof bad === 'number' ? String(bad) : JSON.stringify(bad)} by the default with one line`, () => {
      const { settings, problems } = normalizeSettings({ maxSourcesSize: bad, maxFileSize: 2048 });
      assert.equal(settings.maxSourcesSize, DEFAULT_MAX_TOTAL_BYTES);
      // The other settings are still read.
      assert.equal(settings.maxFileSize, 2048);
      assert.deepEqual(problems, [`claimlens.maxSourcesSize must be a positive number of bytes; using the default ${DEFAULT_MAX_TOTAL_BYTES}`]);
    });
  }
});
