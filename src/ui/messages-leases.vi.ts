/**
 * Vietnamese text of the offline-lease screen (admins: how many days each commune's tablets may
 * work without reaching the server). A catalogue of its own, joined to the others in messages.ts.
 */
export const leasesMessages = {
  leases: {
    nav: 'Thời hạn ngoại tuyến',
    title: 'Thời hạn làm việc ngoại tuyến',
    intro:
      'Máy tính bảng của xã được làm việc không cần mạng trong số ngày này kể từ lần cuối kết nối được máy chủ. Quá thời hạn, máy bị khóa cho đến khi đồng bộ lại; các thao tác chưa gửi vẫn được giữ nguyên và gửi đi khi có mạng. Máy phục vụ nhiều xã dùng thời hạn ngắn nhất trong các xã đó.',
    defaultIs: (days: number) => `Xã chưa đặt thời hạn dùng mặc định ${days} ngày.`,
    online: 'Màn hình này cần kết nối mạng: thời hạn được đọc và lưu trên máy chủ.',
    loading: 'Đang tải thời hạn của các xã…',
    retry: 'Thử lại',
    none: 'Máy chủ chưa có xã nào.',
    cols: { commune: 'Xã/phường', days: 'Số ngày (1–90)', setBy: 'Người đặt, lúc', save: 'Lưu' },
    daysLabel: (commune: string) => `Số ngày làm việc ngoại tuyến của ${commune}`,
    save: 'Lưu',
    saveLabel: (commune: string) => `Lưu thời hạn của ${commune}`,
    notSet: 'Mặc định (chưa đặt)',
    setBy: (who: string, when: string) => `${who}, ${when}`,
    /** The same rule the server checks (`lease-days-invalid`), said before sending. */
    invalid: 'Số ngày phải là số nguyên từ 1 đến 90.',
    saved: (commune: string, days: number) => `Đã lưu: ${commune} được làm việc ngoại tuyến ${days} ngày.`,
  },
};
