/**
 * Vietnamese text of the card (or wallet details) hand-over on a person's page: the form and the
 * recorded hand-over. A catalogue of its own, joined to the others in messages.ts.
 */
export const handoverMessages = {
  handover: {
    title: 'Bàn giao thẻ / thông tin ví',
    open: 'Ghi nhận bàn giao thẻ',
    cancel: 'Hủy',
    intro: 'Ghi nhận khi đã giao thẻ ngân hàng (hoặc thông tin ví điện tử) tận tay người nhận.',
    date: 'Ngày bàn giao',
    handedOverBy: 'Người bàn giao',
    receiver: 'Người nhận thẻ',
    receiverName: 'Họ tên người nhận',
    signature: 'Chữ ký hoặc điểm chỉ của người nhận',
    signatureLabel: 'Ô ký tên của người nhận thẻ: ký bằng ngón tay hoặc bút cảm ứng',
    clearSignature: 'Ký lại',
    guidance:
      'Đã hướng dẫn an toàn: không chia sẻ mã PIN/OTP, mật khẩu với bất kỳ ai (kể cả người xưng là cán bộ hay nhân viên ngân hàng), giữ thẻ và điện thoại cẩn thận.',
    save: 'Ghi nhận bàn giao',
    saving: 'Đang ghi nhận…',
    saved: 'Đã ghi nhận bàn giao thẻ trên máy; sẽ gửi về máy chủ khi đồng bộ.',
    errors: {
      date: 'Nhập ngày bàn giao (một ngày có thật).',
      dateFuture: 'Ngày bàn giao không được sau hôm nay.',
      handedOverBy: 'Nhập họ tên người bàn giao.',
      receiverName: 'Nhập họ tên người nhận thẻ.',
      signature: 'Người nhận cần ký hoặc điểm chỉ vào ô ký tên.',
      guidance: 'Chưa ghi nhận: cần hướng dẫn an toàn cho người nhận và đánh dấu ô “Đã hướng dẫn an toàn”.',
    },
    recordedTitle: 'Đã bàn giao thẻ',
    recordedDate: 'Ngày bàn giao',
    recordedBy: 'Người bàn giao',
    recordedReceiver: 'Người nhận',
    recordedGuidance: 'Hướng dẫn an toàn',
    guidanceGiven: 'Đã hướng dẫn (không chia sẻ mã PIN/OTP)',
    guidanceNotGiven: 'Chưa ghi nhận',
    recordedSignature: 'Chữ ký người nhận',
    signed: 'Đã ký trên máy tính bảng',
    notSigned: 'Không có',
    noRecord: 'Đã giao thẻ, nhưng chưa có biên bản bàn giao trên máy (ghi nhận trước khi có mục này).',
  },
};
