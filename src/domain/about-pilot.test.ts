import { describe, expect, test } from 'vitest';
import { ABOUT_SECTION_MAX, aboutPilotProblems, tidyAbout, type AboutPilot } from './about-pilot';

const text: AboutPilot = {
  whatChanges: 'Nhận trợ cấp qua tài khoản.',
  openAccount: 'Mang thẻ căn cước.',
  fees: 'Không mất phí.',
  help: 'Hỏi cán bộ xã.',
};

describe('the about-the-pilot text', () => {
  test('is stored in NFC, lines trimmed, blank runs folded to one', () => {
    const decomposed = 'Nhận tiền'.normalize('NFD');
    expect(tidyAbout({ ...text, fees: `  ${decomposed} \n\n\n\n  lần 2  ` }).fees).toBe('Nhận tiền\n\nlần 2');
  });

  test('every part must be said, none longer than the limit (counted once tidied)', () => {
    expect(aboutPilotProblems(text)).toEqual([]);
    expect(aboutPilotProblems({ ...text, fees: ' \n ', help: 'x'.repeat(ABOUT_SECTION_MAX + 1) })).toEqual([
      { section: 'fees', code: 'empty' },
      { section: 'help', code: 'too-long' },
    ]);
    expect(aboutPilotProblems({ ...text, help: ` ${'x'.repeat(ABOUT_SECTION_MAX)} ` })).toEqual([]);
  });
});
