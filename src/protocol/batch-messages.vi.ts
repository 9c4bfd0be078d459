/**
 * Vietnamese text of the batch checks and the result findings (docs/protocol.md "Batches"): the
 * `message` the server sends with each; a new code without text fails the type check.
 */
import type { HoldCode } from '../domain/batch-prepare';
import type { ResultFinding } from './batches';

export const holdMessagesVi = {
  'account-missing': 'Chưa có số tài khoản (hoặc số điện thoại ví): cán bộ xã cần bổ sung.',
  'account-invalid': 'Số tài khoản không đúng quy cách của nhà cung cấp (độ dài hoặc ký tự): cần kiểm tra lại.',
  'holder-differs': 'Tên chủ tài khoản khác tên đối tượng và người đại diện: cần kiểm tra lại.',
  'amount-not-positive': 'Số tiền không lớn hơn 0: không chuyển khoản.',
  'in-other-batch': 'Dòng này đã nằm trong một đợt chuyển khoản khác.',
} as const satisfies Record<HoldCode, string>;

export const resultFindingMessagesVi = {
  unmatched: 'Không khớp dòng nào của đợt (theo mã tham chiếu, hoặc số tài khoản và số tiền): không ghi nhận.',
  duplicate: 'Kết quả thứ hai cho cùng một dòng trong tệp: chỉ ghi nhận kết quả đầu tiên.',
  contradicting: 'Các dòng trong tệp cho kết quả khác nhau về cùng một người: không ghi nhận, dòng vẫn chờ kết quả.',
  'status-unknown':
    'Trạng thái không phải “thành công” cũng không phải “thất bại” (ví dụ đang xử lý): không ghi nhận, dòng vẫn chờ kết quả.',
  'amount-differs': 'Số tiền khác số tiền đã gửi cho dòng này: không ghi nhận, cần đối chiếu với nhà cung cấp.',
  'result-differs': 'Khác kết quả đã ghi nhận trước đó cho dòng này: không ghi nhận, cần đối chiếu với nhà cung cấp.',
  unreadable: 'Không đọc được số tiền của dòng này: không ghi nhận.',
} as const satisfies Record<ResultFinding['code'], string>;
