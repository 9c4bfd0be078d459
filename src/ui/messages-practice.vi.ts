/**
 * Vietnamese text of practice mode (issue 17): the banner on every screen, entering and leaving,
 * starting again. A catalogue of its own, joined to the others in messages.ts.
 */
export const practiceMessages = {
  practice: {
    banner: 'LUYỆN TẬP · dữ liệu mẫu, không gửi về máy chủ thật',
    enter: 'Luyện tập (không dùng dữ liệu thật)',
    enterHint: 'Học cách dùng ứng dụng trên một xã mẫu, kể cả khi không có mạng. Không gì ở đây được gửi đi.',
    accounts:
      'Tài khoản luyện tập: “canbo” (cán bộ xã), “chitra” (người chi trả) hoặc “giamsat” (giám sát); mật khẩu bất kỳ.',
    leave: 'Thoát chế độ luyện tập',
    reset: 'Làm lại bài luyện tập từ đầu',
    resetConfirm: 'Xóa mọi việc đã làm trong chế độ luyện tập và bắt đầu lại với xã mẫu?',
    title: 'Chế độ luyện tập',
    intro: 'Bạn đang luyện tập trên xã mẫu “Xã Luyện Tập”. Dữ liệu thật và máy chủ thật không bị ảnh hưởng.',
    cards: 'In thẻ căn cước luyện tập',
    cardsTitle: 'Thẻ căn cước luyện tập',
    cardsIntro: 'Thẻ mẫu của những người trong Xã Luyện Tập: in ra để tập quét mã QR khi kiểm tra thẻ và khi chi trả.',
    print: 'In các thẻ',
    cardHeading: 'CĂN CƯỚC · MẪU LUYỆN TẬP',
    cardNumber: 'Số',
    cardBorn: 'Ngày sinh',
    cardRepresentative: (village: string) => `Người nhận thay · ${village}`,
    cardVoid: 'Không có giá trị sử dụng',
    cardQr: (name: string) => `Mã QR thẻ luyện tập của ${name}`,
    unavailable: 'Chế độ luyện tập không có chức năng này: cần máy chủ thật.',
  },
};
