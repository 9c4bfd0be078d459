/**
 * Vietnamese text of the payer's round (issue 16, "Assignments"): assigning lines to payers and
 * the payer's own list for the day. A catalogue of its own, joined to the others in messages.ts.
 */
const month = (period: string) => period.split('-').reverse().join('/');

export const roundMessages = {
  round: {
    nav: 'Của tôi',
    title: (period: string) => `Danh sách của tôi – tháng ${month(period)}`,
    none: 'Chưa có người nào được giao cho bạn trong tháng này. Cán bộ xã giao việc ở mục “Phân công”.',
    summary: (toVisit: number, revisits: number, paid: number) =>
      `Cần đến: ${String(toVisit)} · Thăm lại: ${String(revisits)} · Đã chi: ${String(paid)}`,
    toPay: (amount: string) => `Còn phải chi: ${amount}`,
    villageSummary: (toVisit: number, revisits: number, amount: string) =>
      `${String(toVisit)} cần đến, ${String(revisits)} thăm lại · còn ${amount}`,
    up: (village: string) => `Đưa ${village} lên trước`,
    down: (village: string) => `Đưa ${village} xuống sau`,
    revisit: 'Thăm lại',
    revisitOn: (date: string) => `Thăm lại ngày ${date}`,
    revisitDue: 'Đến hạn',
    lastVisit: (reason: string) => `Lần trước: ${reason}`,
    print: 'In danh sách đi chi trả hôm nay',
    printTitle: (date: string) => `DANH SÁCH CHI TRẢ TẠI NHÀ NGÀY ${date}`,
    printPayer: (name: string) => `Người chi trả: ${name}`,
    printMonth: (period: string) => `Trợ cấp xã hội tháng ${month(period)}`,
    cols: { note: 'Ghi chú', address: 'Địa chỉ' },
    printTotal: (n: number) => `Cộng (${String(n)} người)`,
    printPayerSign: 'NGƯỜI CHI TRẢ',
    printOfficerSign: 'CÁN BỘ CHÍNH SÁCH XÃ',
  },
  assign: {
    nav: 'Phân công',
    title: (period: string) => `Phân công người chi trả – tháng ${month(period)}`,
    intro:
      'Giao người nhận tiền mặt cho người chi trả: cả thôn/tổ một lần, hoặc chọn từng người. Giao lại một người sang người chi trả khác bằng cách chọn rồi giao. Người đã nhận tiền thì không giao lại.',
    payer: 'Giao cho',
    choosePayer: '— Chọn người chi trả —',
    noPayers: 'Máy chưa có danh sách người chi trả. Cần kết nối mạng một lần để tải về.',
    payersAt: (time: string) => `Danh sách người chi trả cập nhật lúc ${time}.`,
    payersStale: 'Không tải được danh sách người chi trả mới: đang dùng danh sách đã lưu trên máy.',
    villageCount: (total: number, unassigned: number) => `${String(total)} người · ${String(unassigned)} chưa giao`,
    assignVillage: (village: string) => `Giao cả ${village}`,
    select: (name: string) => `Chọn ${name}`,
    assignSelected: (n: number) => `Giao ${String(n)} người đã chọn`,
    unassignSelected: (n: number) => `Bỏ giao ${String(n)} người đã chọn`,
    chooseFirst: 'Hãy chọn người chi trả trước khi giao.',
    nothingSelected: 'Chưa chọn người nào.',
    nobody: 'Chưa giao',
    assignedTo: (name: string) => `Giao: ${name}`,
    working: (done: number, total: number) => `Đang ghi nhận ${String(done)}/${String(total)}…`,
    done: (n: number, name: string) =>
      `Đã giao ${String(n)} người cho ${name} trên máy; sẽ gửi về máy chủ khi đồng bộ.`,
    undone: (n: number) => `Đã bỏ giao ${String(n)} người trên máy; sẽ gửi về máy chủ khi đồng bộ.`,
    skipped: (n: number) => `${String(n)} người không giao được (đã nhận tiền hoặc nhận qua tài khoản).`,
    showPeople: (n: number) => `Xem từng người (${String(n)})`,
    hidePeople: 'Ẩn danh sách người',
    payerCount: (name: string, n: number) => `${name}: ${String(n)}`,
    progress: {
      title: 'Tiến độ của người chi trả trong tháng',
      payer: 'Người chi trả',
      lines: 'Được giao',
      paid: 'Đã chi',
      toVisit: 'Cần đến',
      revisits: 'Thăm lại',
      paidAmount: 'Đã chi (đồng)',
      toPay: 'Còn phải chi (đồng)',
    },
    refusals: {
      'line-settled': 'Đã chi hoặc đã hủy: không giao lại',
      'not-cash-line': 'Nhận qua tài khoản',
    },
  },
};
