/**
 * Vietnamese text for every request error code: the `message` of the server's error bodies (the
 * wire contract's messages are Vietnamese). The Vietnamese interface shows the same words
 * (`t.requestErrors` references this object); a new code without text fails the type check.
 */
import type { RequestErrorCode } from './error-codes';

export const requestErrorMessagesVi = {
  'invalid-json': 'Dữ liệu gửi lên không phải JSON hợp lệ.',
  'invalid-body': 'Dữ liệu gửi lên không đúng định dạng.',
  'invalid-query': 'Tham số yêu cầu không hợp lệ.',
  'invalid-cursor': 'Mốc đồng bộ không hợp lệ. Hãy đồng bộ lại từ đầu.',
  'not-signed-in': 'Bạn chưa đăng nhập hoặc phiên đăng nhập đã kết thúc.',
  'token-expired': 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.',
  'invalid-credentials': 'Tên đăng nhập hoặc mật khẩu không đúng.',
  'device-revoked': 'Thiết bị này đã bị thu hồi quyền truy cập.',
  'device-retired': 'Thiết bị này đã ngừng sử dụng. Dữ liệu trên máy sẽ được xóa sau khi gửi hết thao tác.',
  forbidden: 'Bạn không có quyền thực hiện thao tác này.',
  'not-found': 'Không tìm thấy địa chỉ yêu cầu.',
  'protocol-mismatch': 'Phiên bản ứng dụng không khớp với máy chủ. Vui lòng cập nhật ứng dụng.',
  'payload-too-large': 'Dữ liệu gửi lên quá lớn.',
  'invalid-blob-hash': 'Mã tệp (SHA-256) không hợp lệ.',
  'blob-hash-mismatch': 'Nội dung tệp không khớp với mã SHA-256 đã gửi. Tệp có thể bị hỏng khi truyền; hãy gửi lại.',
  'blob-type-not-allowed': 'Chỉ nhận ảnh PNG, JPEG hoặc WebP.',
  'too-many-attempts': 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.',
  internal: 'Máy chủ gặp lỗi. Dữ liệu trên máy vẫn an toàn; vui lòng thử lại sau.',
} as const satisfies Record<RequestErrorCode, string>;
