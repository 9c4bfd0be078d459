/**
 * Vietnamese text of every finding of a list import (domain/list-rows.ts `FindingCode`), sent in
 * the import answer; a new code without text fails the type check.
 */
import type { FindingCode } from '../domain/list-rows';

export const listFindingMessagesVi = {
  'not-a-date': 'Ngày không đúng dạng (cần dd/mm/yyyy hoặc năm sinh yyyy).',
  'not-a-real-date': 'Ngày không có thật.',
  'not-an-amount': 'Số tiền không đọc được (ví dụ đúng: 1.500.000).',
  'not-whole-dong': 'Số tiền phải là số đồng chẵn, không có phần lẻ.',
  'negative-amount': 'Số tiền không được âm.',
  'not-a-count': 'Cần một số nguyên không âm.',
  'not-a-coefficient': 'Hệ số không đọc được (ví dụ đúng: 1,5).',
  'unknown-category': 'Nhóm đối tượng không nhận ra (ví dụ đúng: Khoản 5 điểm a, 5a, K6).',
  'unknown-gender': 'Giới tính cần ghi Nam hoặc Nữ.',
  'unknown-method': 'Hình thức nhận không nhận ra (tiền mặt, chuyển khoản, ví điện tử, chi trả tại nhà).',
  'not-a-month': 'Tháng không đúng dạng (cần mm/yyyy).',
  'formula-error': 'Ô có công thức bị lỗi (ví dụ #VALUE!, #DIV/0!).',
  'missing-column': 'Danh sách thiếu một cột bắt buộc.',
  'missing-name': 'Thiếu họ và tên.',
  'missing-birth-date': 'Thiếu ngày sinh hoặc năm sinh.',
  'id-bad-format': 'Số định danh phải có đúng 12 chữ số.',
  'id-unknown-province': 'Ba số đầu của số định danh không phải mã tỉnh nào.',
  'id-born-abroad': 'Số định danh cấp cho người đăng ký khai sinh ở nước ngoài: kiểm tra lại.',
  'id-gender-mismatch': 'Số định danh không khớp giới tính.',
  'id-birth-year-mismatch': 'Số định danh không khớp năm sinh.',
  'id-future-birth': 'Số định danh cho năm sinh ở tương lai.',
  'old-id-bad-format': 'Số CMND cũ phải có 9 hoặc 12 chữ số.',
  'phone-invalid': 'Số điện thoại không đúng.',
  'phone-unusual': 'Số điện thoại lạ: gọi thử để xác nhận.',
  'age-outside-category': 'Tuổi không thuộc nhóm đối tượng ghi trong danh sách.',
  'amount-not-coefficient': 'Mức trợ cấp khác hệ số × mức chuẩn của tháng.',
  'amount-differs-from-rule': 'Mức trợ cấp khác mức tính theo nhóm và tuổi (có thể do tỉnh trả cao hơn): kiểm tra lại.',
  'total-mismatch': 'Tổng cộng khác mức trợ cấp cộng truy lĩnh (trừ truy thu).',
  'account-missing': 'Nhận qua tài khoản nhưng chưa có số tài khoản.',
  'wallet-phone-missing': 'Nhận qua ví điện tử nhưng chưa có số điện thoại.',
  'duplicate-person': 'Người này có hai lần trong tệp (cùng mã hoặc cùng số định danh).',
  'new-person-needs-gender': 'Người mới của xã: cần giới tính (hoặc số định danh) để ghi vào danh sách đối tượng.',
  'new-person-needs-category': 'Người mới của xã: cần nhóm đối tượng để ghi vào danh sách đối tượng.',
  'line-settled':
    'Người này đã được chi trả tháng này: danh sách điều chỉnh không sửa được dòng đã chi. Hãy đưa phần chênh lệch vào danh sách tháng sau.',
} as const satisfies Record<FindingCode, string>;
