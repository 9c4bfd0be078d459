import { act } from 'react';
import { describe, expect, test } from 'vitest';
import { untilRendered as until } from '../../../tests/builders/until';
import {
  button,
  detail,
  listsPageWorld,
  page,
  plain,
  renderAs,
  summary,
  text,
  transport,
} from '../../../tests/builders/lists-page-world';
import type { ListDetail } from '../../protocol/lists';

listsPageWorld();

describe('ListsPage: what is asked before submitting', { timeout: 20_000 }, () => {
  test('a row matched by name only is asked: the preparer says "the same person" before submitting', async () => {
    const hoaMatch = {
      beneficiaryId: 'b-hoa',
      row: 5,
      fullName: 'Trần Thị Hoa',
      birthDate: '1950',
      village: 'Thôn 1',
      previousCode: 'BT-01',
      same: null,
    };
    const asked: ListDetail = { ...detail(), decreases: [], matches: [hoaMatch] };
    transport.listLists.mockResolvedValue([summary()]);
    transport.getList.mockResolvedValue(asked);
    await renderAs('officer', 'u-officer');
    await until(() => expect(page().querySelector('[data-testid="month-lists"]')).not.toBeNull());
    act(() => button('Xem').click());
    await until(() => expect(page().querySelector('[data-testid="list-matches"]')).not.toBeNull());
    expect(plain('[data-testid="list-matches"]')).toContain(
      'Dòng 5: Trần Thị Hoa, 1950, Thôn 1 — tháng trước: BT-01 · Chưa xác nhận',
    );
    await until(() => expect(button('Gửi phê duyệt').disabled).toBe(true));
    expect(text()).toContain('Còn 1 việc cần làm trước khi gửi');
    transport.setMatches.mockResolvedValue({ undecided: 0 });
    transport.getList.mockResolvedValue({ ...asked, matches: [{ ...hoaMatch, same: true }] });
    act(() => button('Là cùng một người').click());
    await until(() => expect(button('Gửi phê duyệt').disabled).toBe(false));
    expect(transport.setMatches).toHaveBeenCalledWith('tok', 'list-1', [
      { beneficiaryId: 'b-hoa', row: 5, same: true },
    ]);
    expect(plain('[data-testid="list-matches"]')).toContain('Cùng một người');
    expect(button('Là cùng một người').disabled).toBe(true);
  });

  test('the field proposes suspending someone still on the list: the preparer keeps paying them, saying why', async () => {
    const daoProposal = {
      beneficiaryId: 'b-dao',
      row: 7,
      fullName: 'Hồ Văn Đào',
      code: 'BT-07',
      total: 500_000,
      suggested: 'missed-payments' as const,
      accepted: null,
      note: null,
    };
    const asked: ListDetail = { ...detail(), decreases: [], fieldOutcomes: [daoProposal] };
    transport.listLists.mockResolvedValue([summary()]);
    transport.getList.mockResolvedValue(asked);
    await renderAs('officer', 'u-officer');
    await until(() => expect(page().querySelector('[data-testid="month-lists"]')).not.toBeNull());
    act(() => button('Xem').click());
    await until(() => expect(page().querySelector('[data-testid="list-field-outcomes"]')).not.toBeNull());
    expect(plain('[data-testid="list-field-outcomes"]')).toContain(
      'Hồ Văn Đào (BT-07) · 500.000 ₫ · Thực địa ghi nhận: Tạm dừng: 3 tháng liền không nhận · Chưa trả lời',
    );
    await until(() => expect(button('Gửi phê duyệt').disabled).toBe(true));
    expect(button('Đồng ý tạm dừng').disabled).toBe(false);
    // Keeping them on needs a reason.
    expect(button('Vẫn chi trả').disabled).toBe(true);
    const note =
      page().querySelector<HTMLInputElement>('input[aria-label="Lý do vẫn chi trả: Hồ Văn Đào"]') ??
      expect.unreachable('no note input');
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(
      note,
      'Ông nằm viện, con đã nhận thay',
    );
    act(() => {
      note.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await until(() => expect(button('Vẫn chi trả').disabled).toBe(false));
    transport.setFieldOutcomes.mockResolvedValue({ undecided: 0 });
    transport.getList.mockResolvedValue({
      ...asked,
      fieldOutcomes: [{ ...daoProposal, accepted: false, note: 'Ông nằm viện, con đã nhận thay' }],
    });
    act(() => button('Vẫn chi trả').click());
    await until(() => expect(button('Gửi phê duyệt').disabled).toBe(false));
    expect(transport.setFieldOutcomes).toHaveBeenCalledWith('tok', 'list-1', [
      { beneficiaryId: 'b-dao', accept: false, note: 'Ông nằm viện, con đã nhận thay' },
    ]);
    expect(plain('[data-testid="list-field-outcomes"]')).toContain('Vẫn chi trả: Ông nằm viện, con đã nhận thay');
  });

  test('an approver sees the answers to name-only matches but cannot change them', async () => {
    transport.listLists.mockResolvedValue([summary({ status: 'submitted' })]);
    transport.getList.mockResolvedValue({
      ...detail({ status: 'submitted' }),
      matches: [
        {
          beneficiaryId: 'b-hoa',
          row: 5,
          fullName: 'Trần Thị Hoa',
          birthDate: '1950',
          village: null,
          previousCode: null,
          same: false,
        },
      ],
    });
    await renderAs('approver');
    await until(() => expect(page().querySelector('[data-testid="month-lists"]')).not.toBeNull());
    act(() => button('Xem').click());
    await until(() => expect(page().querySelector('[data-testid="list-matches"]')).not.toBeNull());
    expect(plain('[data-testid="list-matches"]')).toContain('tháng trước: không mã · Hai người khác nhau');
    expect(() => button('Là cùng một người')).toThrow();
  });
});
