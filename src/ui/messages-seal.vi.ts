/**
 * Vietnamese text of the sealed export (storage/outbox-seal.ts): signing out with work unsent,
 * and a supervisor opening such a file. A catalogue of its own, joined to the others in messages.ts.
 */
import type { OpenProblem } from '../storage/outbox-seal';

export const sealMessages = {
  sealedExport: {
    intro:
      'Các thao tác chưa gửi (kèm chữ ký, ảnh) được lưu vào một tệp mã hóa bằng mật khẩu bạn đặt. Chuyển tệp cho cán bộ giám sát và báo mật khẩu riêng, không gửi kèm tệp. Không có mật khẩu thì không ai đọc được tệp.',
    downloaded: (fileName: string, ops: number) =>
      `Đã tải tệp mã hóa "${fileName}" (${ops} thao tác). Dữ liệu trên máy không bị xóa.`,
    nothing: 'Không còn thao tác nào chưa gửi: không cần xuất tệp.',
  },
  sealedSignOut: {
    offer: 'Xuất tệp mã hóa rồi đăng xuất',
    title: 'Xuất tệp mã hóa rồi đăng xuất',
    intro:
      'Các thao tác chưa gửi (kèm chữ ký, ảnh) được lưu vào một tệp mã hóa bằng mật khẩu bạn đặt. Sau khi bạn xác nhận đã lưu tệp, toàn bộ dữ liệu trên máy này bị xóa.',
    warning:
      'Không có mật khẩu thì không ai đọc được tệp, kể cả bạn và cán bộ giám sát, và không thể lấy lại mật khẩu: hãy ghi nhớ nó. Chuyển tệp cho cán bộ giám sát và báo mật khẩu riêng, không gửi kèm tệp. Các thao tác chỉ đến máy chủ khi cán bộ giám sát nhập tệp ở màn hình "Thiết bị".',
    password: 'Mật khẩu cho tệp',
    repeat: 'Nhập lại mật khẩu',
    hint: (min: number) => `Ít nhất ${min} ký tự.`,
    tooShort: (min: number) => `Mật khẩu cần ít nhất ${min} ký tự.`,
    mismatch: 'Hai lần nhập mật khẩu không giống nhau.',
    make: 'Tạo và tải tệp',
    making: 'Đang mã hóa tệp…',
    cancel: 'Hủy',
    downloaded: (fileName: string, ops: number) =>
      `Đã tải tệp "${fileName}" (${ops} thao tác). Hãy kiểm tra tệp đã nằm trong thư mục Tải về (Downloads) rồi mới xóa dữ liệu.`,
    downloadAgain: 'Tải lại tệp',
    confirm: 'Đã lưu tệp: xóa dữ liệu và đăng xuất',
    changed: 'Có thao tác mới được ghi trong lúc xuất tệp (có thể ở một thẻ khác). Máy chưa bị xóa: hãy xuất tệp lại.',
    failed: 'Không tạo được tệp. Máy chưa bị xóa: hãy thử lại.',
    wipeFailed: 'Không xóa được dữ liệu trên máy; chưa có gì bị xóa. Hãy thử lại.',
  },
  sealedImport: {
    hint: 'Tệp mã hóa (xuất khi đăng xuất) cũng nhập ở đây: ứng dụng hỏi mật khẩu rồi giải mã ngay trên máy này.',
    prompt: (fileName: string) => `Tệp "${fileName}" được mã hóa. Nhập mật khẩu cán bộ đã đặt khi xuất tệp.`,
    password: 'Mật khẩu của tệp',
    open: 'Giải mã và gửi lên máy chủ',
    opening: 'Đang giải mã tệp…',
    cancel: 'Hủy',
    problems: {
      'not-sealed': 'Tệp không đúng: đây không phải tệp mã hóa xuất từ ứng dụng Chi trả TGXH.',
      'bad-envelope': 'Tệp mã hóa bị hỏng hoặc sai định dạng. Chưa gửi gì lên máy chủ.',
      'wrong-password': 'Sai mật khẩu, hoặc tệp đã bị sửa. Chưa gửi gì lên máy chủ.',
    } satisfies Record<OpenProblem, string>,
  },
};
