/**
 * Vietnamese text of account-opening readiness: the review screen, the dossier list and its CSV,
 * and the readiness statuses and reasons of domain/readiness.ts, phrased as what the commune
 * officer should do (part of messages.vi.ts).
 */
import type { ReadinessReasonCode, ReadinessStatus } from '../domain/readiness';
import type { AccountStatus } from '../domain/vocabulary';

export const readinessMessages = {
  readiness: {
    title: 'Rà soát mở tài khoản',
    more: (n: number) => `Còn ${n} người nữa; hãy dùng tìm kiếm trong Danh sách để xem từng người.`,
    dossierTitle: 'Danh sách hồ sơ mở tài khoản',
    dossierIntro: (n: number) => `${n} người đủ hồ sơ mở tài khoản ngân hàng hoặc ví điện tử.`,
    downloadCsv: 'Tải tệp CSV',
    print: 'In danh sách',
    provider: 'Ngân hàng/Ví',
    progress: 'Tiến độ',
    statuses: {
      ready: 'Đủ hồ sơ mở tài khoản',
      'missing-papers': 'Thiếu giấy tờ',
      'needs-new-id-card': 'Cần làm thẻ căn cước',
      'not-needed': 'Nhận tiền mặt, không cần tài khoản',
    } satisfies Record<ReadinessStatus, string>,
    reasons: {
      'method-not-chosen': 'Chưa chọn hình thức nhận; đang xét theo tài khoản ngân hàng.',
      'id-number-missing': 'Chưa có số định danh 12 số: hỏi và ghi số trên thẻ căn cước.',
      'id-number-inconsistent': 'Số định danh không khớp năm sinh hoặc giới tính: đối chiếu lại với thẻ.',
      'only-old-id-card': 'Chỉ có CMND cũ (hết hạn từ 01/01/2025): hướng dẫn làm thẻ căn cước.',
      'no-id-card': 'Không có thẻ căn cước: hướng dẫn làm thẻ tại công an xã.',
      'child-needs-guardian': 'Trẻ em dưới 16 tuổi: cần người giám hộ hoặc người nhận chăm sóc đứng tên tài khoản.',
      'no-guardianship-paper': 'Thiếu giấy tờ giám hộ (trích lục đăng ký giám hộ).',
      'no-authorisation-paper': 'Thiếu giấy ủy quyền có xác nhận của UBND xã.',
      'authorisation-expired': 'Giấy ủy quyền đã hết hạn: làm giấy ủy quyền mới.',
      'no-phone-for-mobile-money': 'Chưa có số điện thoại di động để mở ví Mobile Money.',
      'phone-invalid': 'Số điện thoại không gọi được như đang ghi: kiểm tra lại số.',
      'phone-not-mobile': 'Số máy bàn không mở được ví: cần số di động.',
      'phone-unusual': 'Số điện thoại lạ (đầu số chưa có trong danh sách): gọi thử để xác nhận.',
    } satisfies Record<ReadinessReasonCode, string>,
    /** The header row of the dossier CSV (features/readiness/dossier-csv.ts), column by column. */
    csvColumns: {
      no: 'STT',
      code: 'Mã đối tượng',
      fullName: 'Họ và tên',
      birthDate: 'Ngày sinh',
      gender: 'Giới tính',
      idNumber: 'Số định danh',
      phone: 'Điện thoại',
      village: 'Thôn/tổ',
      communeCode: 'Mã xã',
      method: 'Hình thức',
      provider: 'Ngân hàng/Ví',
      holder: 'Người đứng tên',
      accountStatus: 'Trạng thái hồ sơ',
    },
  },
  accountStatuses: {
    none: 'Chưa làm hồ sơ',
    'dossier-ready': 'Đủ hồ sơ',
    submitted: 'Đã nộp hồ sơ',
    opened: 'Đã mở tài khoản',
    'card-handed-over': 'Đã giao thẻ và hướng dẫn',
  } satisfies Record<AccountStatus, string>,
};
