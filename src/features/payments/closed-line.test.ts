import { expect, test } from 'vitest';
import { notOpenText } from './closed-line';

const closing = { reason: null, note: null, closedAt: '2026-12-01T02:00:00.000Z', carryTo: null };

test('a line a close carried says where its money went, and not to pay on it', () => {
  expect(notOpenText({ status: 'void', closing: { ...closing, outcome: 'carry', carryTo: '2026-12' } })).toBe(
    'Tháng đã khóa sổ: số tiền của dòng này được chuyển sang tháng 12/2026 (truy lĩnh). Không chi ở dòng này.',
  );
});

test('a line a close ended says why', () => {
  expect(notOpenText({ status: 'void', closing: { ...closing, outcome: 'end', reason: 'moved-away' } })).toBe(
    'Tháng đã khóa sổ: dòng này kết thúc (Chuyển đi nơi khác). Không chi ở dòng này.',
  );
});

test('a line withdrawn otherwise, or with an unreadable closing, keeps the plain text', () => {
  expect(notOpenText({ status: 'void' })).toBe('Dòng chi trả này không còn chờ chi.');
  expect(notOpenText({ status: 'void', closing: { outcome: 'maybe' } })).toBe('Dòng chi trả này không còn chờ chi.');
});

test('a line waiting for a provider says not to pay cash; a failed transfer waits for the supervisor', () => {
  expect(notOpenText({ status: 'transferred' })).toMatch(/đang chờ kết quả: không chi tiền mặt/u);
  expect(notOpenText({ status: 'failed' })).toMatch(/^Chuyển khoản dòng này bị lỗi/u);
});
