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
  'blob-quota-exceeded': 'Có quá nhiều ảnh đang chờ bản ghi của chúng. Ảnh sẽ được gửi sau khi gửi bản ghi.',
  'too-many-attempts': 'Đăng nhập sai nhiều lần: vui lòng chờ một lát rồi thử lại (mỗi lần sai phải chờ lâu hơn).',
  'not-a-spreadsheet': 'Tệp không phải bảng tính. Hãy tải lên tệp .xlsx, .xls hoặc .csv.',
  'file-encrypted': 'Tệp có mật khẩu bảo vệ. Hãy bỏ mật khẩu trong Excel rồi tải lên lại.',
  'file-corrupted': 'Tệp bị hỏng, không đọc được. Hãy mở bằng Excel, lưu lại rồi tải lên lại.',
  'sheet-too-big': 'Bảng tính quá lớn (quá nhiều dòng hoặc ô). Hãy chia danh sách thành nhiều tệp.',
  'sheet-timeout': 'Đọc bảng tính quá lâu. Hãy bỏ các trang tính và công thức không cần thiết rồi thử lại.',
  'sheet-empty': 'Bảng tính không có dữ liệu.',
  'no-header-row':
    'Không tìm thấy dòng tiêu đề của danh sách (cần các cột như “Họ và tên”, “Ngày sinh”, “Mức trợ cấp”).',
  'period-approved':
    'Danh sách tháng này của xã đã được phê duyệt: không sửa được. Hãy lập một danh sách điều chỉnh mới.',
  'own-list': 'Không ai được phê duyệt danh sách do chính mình lập.',
  'list-step-out-of-order': 'Danh sách không ở bước cho phép thao tác này (ví dụ chưa gửi duyệt, hoặc đã duyệt).',
  'period-closed': 'Tháng này của xã đã khóa sổ: không thay đổi được nữa.',
  'close-decisions-invalid':
    'Mỗi dòng chưa chi trả cần một quyết định: chuyển sang tháng sau, hoặc kết thúc với lý do (lý do “Khác” cần ghi chú).',
  'carry-target-settled':
    'Tháng sau đã chi trả xong cho người này: không cộng dồn được. Hãy kết thúc dòng với lý do và ghi truy lĩnh ở danh sách sau.',
  'match-undecided':
    'Có người chỉ trùng họ tên, năm sinh và thôn với người tháng trước: hãy xác nhận là cùng một người hay hai người khác nhau trước khi gửi.',
  'field-outcome-undecided':
    'Thực địa ghi nhận có người trong danh sách đã chết, chuyển đi hoặc ba tháng liền không nhận: hãy đồng ý tạm giữ, hoặc bác bỏ với lý do, trước khi gửi.',
  'correction-needs-published':
    'Danh sách điều chỉnh bổ sung chỉ lập được khi danh sách tháng đã được công bố; trước đó hãy tải lại danh sách tháng.',
  'correction-line-settled':
    'Có người trong danh sách điều chỉnh đã được chi trả tháng này: không sửa được dòng đã chi. Hãy đưa phần chênh lệch vào danh sách tháng sau.',
  'decrease-reason-missing': 'Mỗi người thôi có tên trong danh sách cần một lý do trước khi gửi phê duyệt.',
  'invalid-mapping': 'Cách đọc cột không hợp lệ: mỗi cột chỉ dùng cho một thông tin, và cột phải có trong tệp.',
  'invalid-provider':
    'Nhà cung cấp không hợp lệ: mẫu tệp thiếu cột số tài khoản hoặc số tiền, có cột trùng, chỗ điền nội dung không đúng, hoặc mã đã được dùng.',
  'batch-empty':
    'Không có dòng chi trả nào để chuyển qua nhà cung cấp này trong tháng (chưa công bố danh sách, đã chi, hoặc đang trong đợt khác).',
  'own-batch': 'Không ai được phê duyệt đợt chuyển khoản do chính mình lập.',
  'batch-step-out-of-order':
    'Đợt chuyển khoản không ở bước cho phép thao tác này (ví dụ chưa phê duyệt, đã có kết quả, hoặc đã đóng).',
  'batch-lines-changed':
    'Có dòng trong đợt đã được chi, bị hủy hoặc đã gửi ở đợt khác sau khi lập đợt. Hãy hủy đợt này và lập lại.',
  'batch-not-balanced': 'Đợt chưa cân: còn dòng chờ kết quả. Chỉ đóng đợt khi đã gửi = đã chi + lỗi, đủ từng đồng.',
  'result-mapping-needed':
    'Chưa biết cách đọc tệp kết quả của nhà cung cấp này: hãy chọn cột mã tham chiếu (hoặc số tài khoản), số tiền và trạng thái.',
  'results-other-batch':
    'Tệp kết quả này thuộc một đợt chuyển khoản khác: không có dòng nào khớp với đợt này. Không có gì được ghi nhận.',
  'results-match-nothing':
    'Không dòng nào trong tệp kết quả khớp với đợt này (theo mã tham chiếu, hoặc số tài khoản và số tiền). Không có gì được ghi nhận.',
  'reroute-invalid': 'Chỉ chuyển sang chi tiền mặt được dòng chuyển khoản bị lỗi của đợt này và chưa có quyết định.',
  'transfers-waiting':
    'Còn dòng chi trả đã chuyển cho nhà cung cấp và đang chờ kết quả: hãy nhập kết quả (hoặc hủy đợt) trước khi khóa sổ tháng.',
  'device-active':
    'Thiết bị này vẫn đang dùng: hãy cho ngừng dùng (hoặc thu hồi) thiết bị trước khi nhập tệp thao tác của nó.',
  'device-in-use':
    'Mã thiết bị này thuộc về người dùng khác. Hãy đăng nhập lại để ứng dụng tạo mã thiết bị mới cho bạn.',
  'lease-days-invalid': 'Số ngày làm việc ngoại tuyến phải là số nguyên từ 1 đến 90.',
  'invalid-schedule':
    'Lịch điểm chi trả chưa hợp lệ: mỗi điểm cần tên, ngày trong tháng chi trả, giờ từ 06:00 đến 20:00, các thôn của xã (mỗi thôn một điểm) và người chi trả của xã.',
  'invalid-about':
    'Nội dung giới thiệu chưa hợp lệ: cần đủ bốn phần (thay đổi gì, cách mở tài khoản, phí, nơi hỏi), mỗi phần không quá 2.000 ký tự.',
  'device-key-invalid': 'Khóa ký biên nhận của thiết bị không hợp lệ.',
  'device-key-set': 'Thiết bị này đã đăng ký một khóa ký biên nhận khác; khóa chỉ đăng ký một lần.',
  'password-change-required': 'Bạn cần đặt mật khẩu mới trước khi dùng ứng dụng.',
  'wrong-password': 'Mật khẩu hiện tại không đúng.',
  'password-too-weak':
    'Mật khẩu mới cần ít nhất 10 ký tự, khác tên đăng nhập, khác mật khẩu hiện tại và khác mật khẩu của bản demo.',
  'username-taken': 'Tên đăng nhập này đã có người dùng.',
  'invalid-scope':
    'Phạm vi không hợp lệ: chọn các xã máy chủ có, một huyện cũ hoặc cả tỉnh; mọi vai trò trừ quản trị cần ít nhất một xã.',
  'last-admin': 'Không thể khóa hoặc đổi vai trò của quản trị viên cuối cùng đang hoạt động.',
  'own-account': 'Bạn không thể khóa, đặt lại mật khẩu hay đổi vai trò của chính mình tại đây.',
  internal: 'Máy chủ gặp lỗi. Dữ liệu trên máy vẫn an toàn; vui lòng thử lại sau.',
} as const satisfies Record<RequestErrorCode, string>;
