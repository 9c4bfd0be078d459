/**
 * Vietnamese text of the device lock (issue 13, "Lock and encryption at rest"): the PIN step after
 * signing in, the lock screen, the password after too many wrong PINs, the idle-lock setting.
 * A catalogue of its own, joined to the others in messages.ts.
 */
export const lockMessages = {
  pinLock: {
    lockNow: 'Khóa máy',
    setupTitle: 'Đặt mã PIN cho máy này',
    setupIntro:
      'Dữ liệu người hưởng trên máy (danh sách, chữ ký, số giấy tờ) được mã hóa. Mỗi khi mở ứng dụng, hoặc sau một lúc không dùng, máy tự khóa: nhập mã PIN để mở.',
    password: 'Mật khẩu của bạn',
    passwordHint: 'Mật khẩu đăng nhập, để mở lại máy nếu quên mã PIN (cần kết nối mạng).',
    pin: 'Mã PIN (6 chữ số)',
    newPin: 'Mã PIN mới (6 chữ số)',
    repeatPin: 'Nhập lại mã PIN',
    save: 'Lưu mã PIN',
    saving: 'Đang mã hóa dữ liệu trên máy…',
    signOut: 'Đăng xuất',
    problems: {
      'pin-format': 'Mã PIN gồm đúng 6 chữ số.',
      'pin-too-simple': 'Mã PIN quá dễ đoán (như 111111 hay 123456). Hãy chọn mã khác.',
      mismatch: 'Hai lần nhập mã PIN không giống nhau.',
      'password-required': 'Hãy nhập mật khẩu.',
    },
    lockedTitle: 'Máy đang khóa',
    lockedIntro: 'Dữ liệu trên máy được mã hóa. Nhập mã PIN để mở khóa.',
    unlock: 'Mở khóa',
    unlocking: 'Đang mở khóa…',
    wrongPin: (left: number) => `Sai mã PIN. Còn ${left} lần thử, sau đó phải mở bằng mật khẩu.`,
    forgotPin: 'Quên mã PIN? Mở bằng mật khẩu',
    backToPin: 'Nhập mã PIN',
    passwordTitle: 'Mở khóa bằng mật khẩu',
    passwordIntro:
      'Đã nhập sai mã PIN quá nhiều lần (hoặc bạn quên mã PIN). Nhập mật khẩu đăng nhập và chọn mã PIN mới. Cần kết nối mạng: máy chủ kiểm tra mật khẩu trước.',
    passwordUnlock: 'Kiểm tra mật khẩu và mở khóa',
    wrongLocalPassword:
      'Máy chủ đã nhận mật khẩu, nhưng mật khẩu này không mở được dữ liệu trên máy (mật khẩu đã được đổi sau khi đặt mã PIN?). Hãy nhập mật khẩu bạn dùng khi đặt mã PIN.',
    needsConnection: 'Không kết nối được máy chủ. Mở khóa bằng mật khẩu cần kết nối mạng.',
    idleTitle: 'Tự khóa máy',
    idleLabel: 'Khóa máy sau khi không dùng',
    idleMinutes: (n: number) => `${n} phút`,
  },
};
