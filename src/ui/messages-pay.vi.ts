/** Vietnamese text of the pay page: receiver, card check, evidence, outcome (part of messages.vi.ts). */
import type { IdCheckSkipReason } from '../domain/vocabulary';

export const payMessages = {
  pay: {
    notFound: 'Không tìm thấy dòng chi trả này trên máy.',
    closed: 'Đã khóa sổ',
    closedCarried: (period: string) =>
      `Tháng đã khóa sổ: số tiền của dòng này được chuyển sang tháng ${period.slice(5, 7)}/${period.slice(0, 4)} (truy lĩnh). Không chi ở dòng này.`,
    closedEnded: (reason: string) => `Tháng đã khóa sổ: dòng này kết thúc (${reason}). Không chi ở dòng này.`,
    notOpen: 'Dòng chi trả này không còn chờ chi.',
    receiver: 'Người nhận tiền',
    receiverName: 'Họ tên người nhận',
    receiverId: 'Số CCCD người nhận',
    receiverRequired: 'Nhập họ tên và số CCCD (12 số) hoặc CMND (9 số) của người nhận thay.',
    signature: 'Chữ ký hoặc điểm chỉ của người nhận',
    signatureLabel: 'Ô ký tên',
    clearSignature: 'Ký lại',
    confirm: 'Xác nhận đã chi trả',
    unpaidTitle: 'Chưa chi trả được',
    reason: 'Lý do',
    note: 'Ghi chú',
    recordUnpaid: 'Ghi nhận chưa chi trả',
    unpaidSaved: 'Đã ghi nhận lần đến nhà chưa chi trả được.',
    storageError: 'Không lưu được trên máy (có thể bộ nhớ đã đầy). Chưa có gì được ghi nhận.',
    checkTitle: 'Kiểm tra thẻ của người nhận',
    checkHint: 'Quét mã QR trên thẻ căn cước, hoặc nhập số thẻ, hoặc ghi lý do không kiểm tra được.',
    typedId: 'Số CCCD trên thẻ',
    checkTyped: 'Đối chiếu số thẻ',
    typedIdInvalid: 'Nhập số CCCD (12 số) hoặc CMND (9 số) đúng như trên thẻ.',
    registered: (name: string, id: string | null) =>
      id ? `Đã đăng ký: ${name}, số thẻ kết thúc bằng ${id.slice(-4)}` : `Đã đăng ký: ${name} (chưa có số thẻ)`,
    nobodyRegistered: 'Chưa đăng ký người nhận thay loại này: xem giấy ủy quyền hoặc giấy tờ giám hộ trước khi chi.',
    skipTitle: 'Không kiểm tra được thẻ',
    skip: 'Ghi lý do và tiếp tục',
    skipReasons: {
      'no-card': 'Không mang hoặc không có thẻ',
      'card-damaged': 'Thẻ hỏng, mã QR không đọc được',
      'no-qr': 'Chỉ có CMND cũ hoặc thẻ không có mã QR',
      'camera-unavailable': 'Camera máy không dùng được',
      other: 'Lý do khác',
    } satisfies Record<IdCheckSkipReason, string>,
    skipped: (reason: string) => `Không kiểm tra được thẻ: ${reason}.`,
    recheck: 'Kiểm tra lại',
    checkedBy: { qr: 'Đã quét mã QR', manual: 'Đã đối chiếu số thẻ nhập tay' },
    blocked: {
      'no-check': 'Cần kiểm tra thẻ của người nhận (hoặc ghi lý do không kiểm tra được) trước khi chi.',
      'card-mismatch':
        'Thẻ không khớp với người nhận đã đăng ký: không chi trả. Kiểm tra lại, hoặc ghi “chưa chi trả” với lý do “Không đúng người”.',
    },
    photo: 'Chụp ảnh người nhận (không bắt buộc)',
    photoTaken: 'Ảnh đã chụp',
    removePhoto: 'Bỏ ảnh',
    photoError: 'Không đọc được ảnh này. Hãy chụp lại.',
    alreadyPaidHere: 'Dòng này đã được ghi nhận chi trả trên máy này.',
    notAllowed: 'Tài khoản này không ghi nhận chi trả (chỉ cán bộ xã, nhân viên chi trả và giám sát).',
  },
};
