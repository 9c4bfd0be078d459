/**
 * Vietnamese text of the opened-accounts review (a provider's list of the accounts it opened,
 * matched to the commune's roster). A catalogue of its own, joined to the others in messages.ts.
 */
import type { OpenedAccountOutcome } from '../domain/opened-accounts';
import { openedAccountMessagesVi } from '../protocol/opened-accounts';

export const payoutAccountsMessages = {
  openedAccounts: {
    title: 'Nhập danh sách tài khoản đã mở',
    intro:
      'Tệp của ngân hàng hoặc nhà cung cấp ví về các tài khoản đã mở theo hồ sơ gửi đi. Mỗi dòng được đối chiếu với đối tượng của xã theo số CCCD/CMND; chưa có gì thay đổi cho đến khi bấm ghi nhận.',
    online: 'Màn hình này cần kết nối mạng: tệp được đọc và đối chiếu trên máy chủ.',
    notAllowed: 'Chỉ cán bộ giám sát được nhập danh sách tài khoản đã mở.',
    commune: 'Xã/phường',
    provider: 'Ngân hàng / nhà cung cấp ví',
    noProviders: 'Chưa có ngân hàng hay nhà cung cấp ví nào đang dùng.',
    loadingProviders: 'Đang tải danh sách nhà cung cấp…',
    loadFailed: 'Không tải được danh sách nhà cung cấp.',
    retry: 'Thử lại',
    file: 'Tệp tài khoản đã mở (.xlsx, .xls, .csv)',
    read: 'Đọc và đối chiếu tệp',
    reading: 'Đang đọc và đối chiếu tệp…',
    headerNotFound:
      'Không tìm thấy dòng tiêu đề có các cột số CCCD/CMND, họ tên và số tài khoản trong 20 dòng đầu của tệp. Hãy kiểm tra tiêu đề các cột rồi tải lại.',
    summary: (fileName: string, headerRow: number) => `Tệp ${fileName} (dòng tiêu đề: dòng ${headerRow})`,
    counts: 'Kết quả đối chiếu',
    outcomes: {
      match: 'Khớp',
      'name-differs': 'Họ tên khác',
      'not-found': 'Không tìm thấy',
      'several-people': 'Nhiều người cùng số',
      'duplicate-row': 'Trùng dòng trong tệp',
      'account-invalid': 'Số tài khoản sai quy cách',
      'already-set': 'Đã có tài khoản này',
    } satisfies Record<OpenedAccountOutcome, string>,
    outcomeMessages: openedAccountMessagesVi,
    cols: {
      row: 'Dòng',
      nameInFile: 'Họ tên trong tệp',
      nameInRoster: 'Họ tên trong danh sách xã',
      idNumber: 'Số CCCD/CMND',
      account: 'Số tài khoản',
      current: 'Tài khoản đang ghi',
      outcome: 'Kết quả',
      accept: 'Đúng người',
    },
    acceptLabel: (row: number, name: string) => `Xác nhận đúng người: dòng ${row}, ${name}`,
    none: '—',
    willApply: (count: number) =>
      `Sẽ ghi nhận ${count} tài khoản đã mở (các dòng khớp và các dòng đã xác nhận đúng người).`,
    apply: 'Ghi nhận tài khoản đã mở',
    applying: 'Đang ghi nhận…',
    applied: (count: number) => `Đã ghi nhận ${count} tài khoản đã mở. Máy tính bảng của xã sẽ nhận khi đồng bộ.`,
    appliedMark: 'Đã ghi nhận',
    another: 'Đọc tệp khác',
  },
};
