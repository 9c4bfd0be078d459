/**
 * Vietnamese text for every op result code: the `message` the server puts in a push result (the
 * wire contract's messages are Vietnamese). The Vietnamese interface shows the same words
 * (`t.opResults` references this object); a new code without text fails the type check.
 */
import type { OpResultCode } from './push';

export const opResultMessagesVi = {
  'already-paid': 'Dòng chi trả này đã được chi trước đó. Khoản chi vừa ghi được lưu lại để cán bộ giám sát xem xét.',
  'line-cancelled':
    'Dòng chi trả này đã bị hủy (ví dụ đối tượng đã mất) nhưng vẫn có ghi nhận chi. Cán bộ giám sát sẽ xem xét.',
  'beneficiary-inactive':
    'Đối tượng đang tạm dừng hoặc thôi hưởng nhưng vẫn có ghi nhận chi. Cán bộ giám sát sẽ xem xét.',
  'concurrent-edit': 'Thông tin này vừa được người khác sửa. Bản mới nhất được giữ, cả hai bản đều được lưu.',
  'amount-mismatch': 'Số tiền đã chi khác số tiền trong danh sách. Thao tác không được ghi nhận; hãy kiểm tra lại.',
  'invalid-payload': 'Dữ liệu thao tác không hợp lệ. Thao tác không được ghi nhận.',
  'nothing-to-void': 'Không có khoản chi hoặc dòng chi trả nào để hủy.',
  'line-has-payment': 'Dòng chi trả đã có khoản chi. Hãy hủy khoản chi trước khi hủy dòng.',
  forbidden: 'Bạn không có quyền thực hiện thao tác này cho xã hoặc vai trò này.',
  'unknown-entity': 'Không tìm thấy đối tượng hoặc dòng chi trả trên máy chủ.',
  'already-enrolled':
    'Đối tượng này đã có trong danh sách: không ghi đè bằng một lần thêm mới. Hãy sửa thông tin trên trang của người đó.',
  'reason-not-for-status': 'Lý do không phù hợp với trạng thái đã chọn (ví dụ đã mất phải ghi lý do “Đã mất”).',
  'not-transferable':
    'Dòng chi trả này không thể chuyển khoản: đã chi, đang chờ kết quả, đã hủy, hoặc không nhận qua tài khoản.',
  'not-in-batch': 'Dòng chi trả này không nằm trong đợt chuyển khoản đang chờ kết quả.',
  'not-failed': 'Chỉ chuyển sang chi tiền mặt được dòng chuyển khoản bị lỗi.',
  'line-in-batch': 'Dòng chi trả đang trong một đợt chuyển khoản chờ kết quả. Hãy hủy đợt trước khi hủy dòng.',
  'op-id-reused':
    'Mã thao tác này đã được thiết bị dùng cho một thao tác khác. Thao tác không được ghi nhận; hãy báo cho quản trị viên.',
  'seq-reused': 'Số thứ tự thao tác trên máy đã bị dùng lại. Hãy báo cho quản trị viên.',
  'line-settled':
    'Dòng chi trả đã được chi, đang chuyển khoản hoặc đã hủy: không giao lại cho người khác. Người đã chi chịu trách nhiệm khoản tiền đó.',
  'not-cash-line': 'Dòng chi trả này nhận qua tài khoản: không giao cho người chi trả tiền mặt.',
  'unknown-payer': 'Người được giao không phải người chi trả của xã này, hoặc tài khoản đã bị khóa.',
  'wrong-ledger': 'Thao tác tiền mặt không khớp sổ quỹ của người chi trả. Thao tác không được ghi nhận.',
  'not-own-ledger': 'Người chi trả chỉ ghi sổ tiền mặt của chính mình.',
  'handover-to-self': 'Không bàn giao tiền cho chính mình: hãy chọn người chi trả nhận tiền.',
  'bad-count': 'Số tờ theo mệnh giá không cộng đúng bằng tổng tiền đã đếm.',
  'close-reason-missing': 'Tiền đếm được khác số dư trên sổ: hãy ghi lý do chênh lệch.',
} as const satisfies Record<OpResultCode, string>;
