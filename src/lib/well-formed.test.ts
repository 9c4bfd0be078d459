import { describe, expect, test } from 'vitest';
import { cutText, isIllFormed, toWellFormed } from './well-formed';

describe('cutText', () => {
  test.each([
    ['short text is kept', 'abc', 5, 'abc'],
    ['a cut between code points', 'abcdef', 3, 'abc'],
    ['a cut inside a pair drops its high half', 'ab😀c', 3, 'ab'],
    ['a cut after a whole pair keeps it', 'ab😀c', 4, 'ab😀'],
  ])('%s', (_, text, max, expected) => {
    const cut = cutText(text, max);
    expect(cut).toBe(expected);
    expect(isIllFormed(cut)).toBe(false);
  });
});

describe('toWellFormed', () => {
  test.each([
    ['a lone high surrogate', 'a\uD83Db', 'a\uFFFDb'],
    ['a lone low surrogate', 'a\uDE00b', 'a\uFFFDb'],
    ['a lone high surrogate at the end', 'ab\uD83D', 'ab\uFFFD'],
    ['a pair is kept', 'a😀b', 'a😀b'],
    ['two pairs in a row are kept', '😀😀', '😀😀'],
  ])('%s', (_, text, expected) => {
    expect(toWellFormed(text)).toBe(expected);
  });
});
