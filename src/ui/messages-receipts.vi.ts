/**
 * Vietnamese text of verifiable receipts (issue 16): the receipt's check code and QR, the screen
 * that verifies a receipt offline, and the flags supervisors see. Joined to the others in messages.ts.
 */
export const receiptsMessages = {
  receiptCheck: {
    nav: 'Kiểm tra biên nhận',
    title: 'Kiểm tra biên nhận',
    intro:
      'Quét mã QR trên biên nhận (hoặc dán nội dung mã) để biết biên nhận có đúng do máy chi trả lập, cho người nào, số tiền nào và ngày nào. Không cần mạng.',
    shortCode: 'Mã xác thực',
    qrAlt: 'Mã QR để kiểm tra biên nhận',
    qrText: 'Nội dung mã QR',
    number: (n: number) => `Biên nhận số ${String(n)} của máy này`,
    unsigned: 'Máy chưa có khóa ký biên nhận: biên nhận này không có mã QR kiểm tra.',
    valid: 'Biên nhận hợp lệ',
    validIntro: 'Chữ ký đúng: biên nhận do thiết bị dưới đây lập và không bị sửa.',
    device: 'Thiết bị lập',
    thisDevice: 'Máy này',
    deviceOf: (device: string, user: string) => `${device} (${user})`,
    person: 'Đối tượng',
    personUnknown: (id: string) => `Không có trong danh sách trên máy (mã ${id})`,
    amount: 'Số tiền',
    date: 'Ngày chi trả',
    receiver: 'Người nhận',
    receiptNumber: 'Số biên nhận',
    problems: {
      'not-a-receipt': 'Đây không phải mã QR biên nhận của ứng dụng Chi trả TGXH (có thể là mã của hệ thống khác).',
      altered:
        'Biên nhận KHÔNG hợp lệ: nội dung đã bị sửa hoặc chữ ký không đúng. Không chấp nhận biên nhận này và báo cho cán bộ xã.',
      'unknown-device':
        'Không biết thiết bị đã lập biên nhận này. Hãy đồng bộ khi có mạng để tải khóa của các máy trong xã, rồi kiểm tra lại.',
    },
    keysCount: (n: number) => `Máy đang giữ khóa của ${String(n)} thiết bị trong xã.`,
    noKeys: 'Máy chưa tải khóa thiết bị nào. Hãy đồng bộ khi có mạng.',
    again: 'Kiểm tra biên nhận khác',
  },
  receiptFlags: {
    title: 'Biên nhận bất thường',
    intro: 'Khi máy gửi về, máy chủ kiểm tra chữ ký và thứ tự biên nhận của từng máy. Khoản chi vẫn được ghi nhận.',
    none: 'Không có biên nhận bất thường.',
    device: 'Thiết bị',
    number: 'Số biên nhận',
    line: 'Dòng chi trả',
    problem: 'Vấn đề',
    detectedAt: 'Phát hiện lúc',
    codes: {
      'bad-signature': 'Chữ ký không khớp với khoản chi',
      'no-device-key': 'Máy chưa đăng ký khóa ký',
      gap: 'Thiếu biên nhận trước đó',
      'repeated-number': 'Số biên nhận bị lặp',
      'broken-link': 'Không nối với biên nhận trước',
    },
    expected: (n: number) => `mong đợi số ${String(n)}`,
  },
};
