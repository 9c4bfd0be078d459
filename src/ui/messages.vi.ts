/** Vietnamese interface text: every string the screens show lives here. */
import type {
  BeneficiaryStatus,
  CategoryCode,
  PaymentLineStatus,
  PaymentMethod,
  ReceiverKind,
  Role,
  UnpaidReason,
} from '../domain/vocabulary';
import { requestErrorMessagesVi } from '../protocol/messages.vi';
import type { OpType } from '../protocol/ops';

export const vi = {
  appName: 'Chi trả TGXH',
  nav: { roster: 'Danh sách', payments: 'Chi trả', attention: 'Cần xử lý', settings: 'Cài đặt' },
  payments: {
    title: (period: string) => `Danh sách chi trả tháng ${period.split('-').reverse().join('/')}`,
    village: 'Thôn/tổ',
    allVillages: 'Tất cả thôn/tổ',
    openCount: (open: number, total: number) => `Còn ${open} / ${total} người chưa nhận`,
    unknownPerson: 'Không rõ đối tượng',
    back: 'Danh sách chi trả',
  },
  lineStatuses: {
    due: 'Chưa chi',
    paid: 'Đã chi',
    unpaid: 'Chưa nhận được',
    transferred: 'Đã chuyển khoản',
    failed: 'Chuyển khoản lỗi',
    void: 'Đã hủy',
  } satisfies Record<PaymentLineStatus, string>,
  receivers: {
    self: 'Đối tượng tự nhận',
    guardian: 'Người giám hộ',
    authorized: 'Người được ủy quyền',
  } satisfies Record<ReceiverKind, string>,
  unpaidReasons: {
    absent: 'Vắng nhà',
    moved: 'Đã chuyển đi',
    deceased: 'Đã mất',
    refused: 'Từ chối nhận',
    'wrong-person': 'Không đúng người',
    other: 'Lý do khác',
  } satisfies Record<UnpaidReason, string>,
  pay: {
    notFound: 'Không tìm thấy dòng chi trả này trên máy.',
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
    errors: {
      'unknown-line': 'Không tìm thấy dòng chi trả này trên máy.',
      'already-paid-here': 'Dòng này đã được ghi nhận chi trả trên máy này.',
      'amount-mismatch': 'Số tiền không khớp với danh sách chi trả.',
      'invalid-payload': 'Thông tin chi trả chưa đầy đủ hoặc không hợp lệ.',
    },
  },
  receipt: {
    title: 'Biên nhận chi trả trợ cấp xã hội',
    code: 'Mã biên nhận',
    beneficiary: 'Đối tượng',
    amount: 'Số tiền',
    inWords: 'Bằng chữ',
    receiver: 'Người nhận',
    time: 'Thời gian',
    pending: 'Đã lưu trên máy; sẽ gửi về máy chủ khi có mạng.',
    print: 'In biên nhận',
  },
  attention: {
    title: 'Cần xử lý',
    intro:
      'Thao tác bị máy chủ từ chối được giữ trên máy và không tự gửi lại. Thao tác có xung đột đã được ghi nhận và chờ giám sát xem xét.',
    rejected: 'Bị từ chối',
    conflicts: 'Có xung đột',
    none: 'Không có.',
    recordedAt: 'Ghi lúc',
    unknown: 'Máy chủ không ghi nhận thao tác này.',
    exportTitle: 'Xuất thao tác chưa gửi',
    exportIntro:
      'Khi máy hỏng hoặc không thể đồng bộ, hãy xuất các thao tác chưa gửi ra tệp và chuyển cho cán bộ giám sát để gửi từ máy khác.',
    export: 'Xuất ra tệp',
  },
  opTypes: {
    'beneficiary.create': 'Thêm đối tượng',
    'beneficiary.update': 'Sửa thông tin đối tượng',
    'beneficiary.set-payment-method': 'Đăng ký hình thức nhận',
    'beneficiary.set-account-status': 'Cập nhật mở tài khoản',
    'id-check.record': 'Kiểm tra CCCD',
    'payment.record': 'Chi trả',
    'payment.unpaid': 'Chưa chi trả',
    'payment.void': 'Hủy chi trả',
  } satisfies Record<OpType, string>,
  wiped: {
    'device-revoked': 'Thiết bị này đã bị thu hồi quyền truy cập. Toàn bộ dữ liệu trên máy đã được xóa.',
    'device-retired': 'Thiết bị này đã ngừng sử dụng. Các thao tác đã được gửi hết và dữ liệu trên máy đã được xóa.',
  },
  login: {
    title: 'Đăng nhập',
    intro: 'Dùng tài khoản do cán bộ quản trị cấp.',
    username: 'Tên đăng nhập',
    password: 'Mật khẩu',
    submit: 'Đăng nhập',
    submitting: 'Đang đăng nhập…',
    required: 'Vui lòng nhập tên đăng nhập và mật khẩu.',
    offline: 'Cần có mạng để đăng nhập lần đầu trên thiết bị này.',
  },
  roster: {
    title: 'Danh sách đối tượng',
    searchLabel: 'Tìm theo tên, số CCCD hoặc số điện thoại',
    searchPlaceholder: 'Ví dụ: nguyen van binh, 046…, 09…',
    count: (n: number) => `${n.toLocaleString('vi-VN')} người`,
    found: (n: number, more: boolean) =>
      more
        ? `Hiện ${n.toLocaleString('vi-VN')} kết quả đầu tiên, hãy gõ thêm để thu hẹp`
        : `${n.toLocaleString('vi-VN')} kết quả`,
    empty: 'Chưa có dữ liệu. Khi có mạng, ứng dụng sẽ tải danh sách về máy.',
    noMatch: 'Không tìm thấy ai khớp với từ khóa.',
    born: 'Sinh',
    noMethod: 'Chưa đăng ký',
  },
  sync: {
    online: 'Có mạng',
    offline: 'Không có mạng',
    syncNow: 'Đồng bộ ngay',
    syncing: 'Đang đồng bộ…',
    pulling: (done: number, total: number, pct: number) =>
      `Đang tải dữ liệu: ${done.toLocaleString('vi-VN')} / ${total.toLocaleString('vi-VN')} bản ghi (${pct}%)`,
    lastSync: 'Đồng bộ lần cuối',
    never: 'chưa đồng bộ',
    pending: (n: number) => `${n.toLocaleString('vi-VN')} thao tác chờ gửi`,
    attention: (n: number) => `${n.toLocaleString('vi-VN')} cần xử lý`,
    error: 'Đồng bộ chưa xong',
  },
  settings: {
    title: 'Cài đặt',
    user: 'Người dùng',
    role: 'Vai trò',
    communes: 'Xã/phường phụ trách',
    device: 'Thiết bị',
    deviceId: 'Mã thiết bị',
    storage: 'Bộ nhớ trên máy',
    persisted: 'Trình duyệt đã cam kết giữ dữ liệu (không tự xóa khi thiếu bộ nhớ).',
    notPersisted:
      'Trình duyệt CHƯA cam kết giữ dữ liệu: khi máy thiếu bộ nhớ, dữ liệu chưa đồng bộ có thể bị xóa. Hãy đồng bộ thường xuyên.',
    persistUnknown: 'Trình duyệt này không cho biết có giữ dữ liệu lâu dài hay không.',
    usage: (used: string, quota: string) => `Đã dùng ${used} trên ${quota} được phép.`,
    logout: 'Đăng xuất',
    logoutBlocked: (n: number) => `Còn ${n} thao tác chưa gửi. Hãy đồng bộ trước khi đăng xuất.`,
  },
  update: { available: 'Có phiên bản mới', apply: 'Cập nhật', later: 'Để sau' },
  errorBoundary: {
    title: 'Ứng dụng gặp lỗi',
    body: 'Dữ liệu đã lưu trên máy (kể cả thao tác chưa đồng bộ) vẫn an toàn.',
    reload: 'Tải lại ứng dụng',
  },
  roles: {
    admin: 'Quản trị',
    supervisor: 'Giám sát',
    officer: 'Cán bộ chính sách xã',
    payer: 'Nhân viên chi trả',
  } satisfies Record<Role, string>,
  methods: {
    bank: 'Tài khoản ngân hàng',
    'mobile-money': 'Ví Mobile Money',
    'cash-point': 'Tiền mặt tại điểm chi trả',
    'home-delivery': 'Chi trả tại nhà',
  } satisfies Record<PaymentMethod, string>,
  statuses: {
    active: 'Đang hưởng',
    suspended: 'Tạm dừng',
    terminated: 'Thôi hưởng',
    deceased: 'Đã mất',
  } satisfies Record<BeneficiaryStatus, string>,
  categories: {
    k1: 'Trẻ em không nguồn nuôi dưỡng',
    k2: 'Người 16–22 tuổi đang học',
    k3: 'Trẻ em nhiễm HIV hộ nghèo',
    k4: 'Người đơn thân nghèo nuôi con',
    k5a: 'Người cao tuổi hộ nghèo, không người phụng dưỡng',
    k5b: 'Người 75–80 tuổi vùng đặc biệt khó khăn',
    k5c: 'Người từ 80 tuổi không lương hưu',
    k5d: 'Người cao tuổi được nhận chăm sóc tại cộng đồng',
    k6: 'Người khuyết tật nặng, đặc biệt nặng',
    k7: 'Trẻ dưới 3 tuổi hộ nghèo vùng khó khăn',
    k8: 'Người nhiễm HIV hộ nghèo',
  } satisfies Record<CategoryCode, string>,
} as const;

const transportMessages: Record<string, string> = {
  ...requestErrorMessagesVi,
  network: 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.',
  'bad-response': 'Máy chủ trả lời sai định dạng.',
};

/** Vietnamese text for an error code from the server or the transport. */
export function errorMessageVi(code: string): string {
  return transportMessages[code] ?? 'Đã có lỗi. Vui lòng thử lại.';
}
