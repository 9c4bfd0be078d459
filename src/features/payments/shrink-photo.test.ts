import { describe, expect, test } from 'vitest';
import { fitWithin, MAX_PHOTO_EDGE, shrinkPhoto } from './shrink-photo';

describe('fitWithin', () => {
  test.each([
    [4000, 3000, 1280, 960],
    [3000, 4000, 960, 1280],
    [800, 600, 800, 600],
    [1280, 1280, 1280, 1280],
    [5000, 1, 1280, 1],
  ])('%i×%i → %i×%i', (w, h, ew, eh) => {
    expect(fitWithin(w, h)).toEqual({ width: ew, height: eh });
    expect(Math.max(ew, eh)).toBeLessThanOrEqual(MAX_PHOTO_EDGE);
  });
});

describe('shrinkPhoto where the browser cannot decode (jsdom)', () => {
  test('an accepted image type is kept as it is, never lost', async () => {
    const file = new Blob(['jpeg'], { type: 'image/jpeg' });
    expect(await shrinkPhoto(file)).toEqual({ blob: file, type: 'image/jpeg' });
  });

  test('a type the server would not accept is refused', async () => {
    expect(await shrinkPhoto(new Blob(['gif'], { type: 'image/gif' }))).toBeNull();
  });
});
