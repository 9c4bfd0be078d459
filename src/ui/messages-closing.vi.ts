/** Vietnamese text of closing a commune's month (part of messages.vi.ts). */
import type { CloseEndReason } from '../domain/month-close';
import type { PaymentLineStatus } from '../domain/vocabulary';

const monthLabel = (period: string) => `${period.slice(5, 7)}/${period.slice(0, 4)}`;

export const closingMessages = {
  closing: {
    heading: (commune: string, period: string) => `Khóa sổ tháng ${monthLabel(period)} — ${commune}`,
    intro:
      'Khi khóa sổ, mỗi dòng chưa chi trả được chuyển sang tháng sau (cộng vào tiền truy lĩnh) hoặc kết thúc với lý do. Sau đó tháng này chỉ còn để xem.',
    nothing: 'Tháng này của xã chưa có dòng chi trả nào để khóa sổ.',
    onlySupervisor: 'Chỉ cán bộ tỉnh (giám sát) được khóa sổ.',
    equationTitle: 'Số tiền cân đối đến từng đồng',
    due: 'Phải trả',
    paid: 'Đã trả',
    carried: (period: string) => `Chuyển sang tháng ${monthLabel(period)}`,
    ended: 'Kết thúc',
    withdrawn: (count: number, amount: string) => `Ngoài ra ${count} dòng đã hủy trước khi khóa sổ (${amount}).`,
    allPaid: 'Mọi dòng đã chi trả: không còn gì phải quyết định.',
    cols: {
      name: 'Họ và tên',
      code: 'Mã',
      village: 'Thôn',
      status: 'Tình trạng',
      amount: 'Số tiền',
      decision: 'Quyết định',
    },
    statuses: {
      due: 'Chưa trả',
      paid: 'Đã trả',
      unpaid: 'Đến nhà, chưa trả được',
      transferred: 'Đã chuyển khoản',
      failed: 'Chuyển khoản lỗi',
      void: 'Đã hủy',
    } satisfies Record<PaymentLineStatus, string>,
    carry: (period: string) => `Chuyển sang tháng ${monthLabel(period)}`,
    end: 'Kết thúc',
    reason: 'Lý do',
    note: 'Ghi chú',
    reasons: {
      deceased: 'Đã chết',
      'moved-away': 'Chuyển đi nơi khác',
      'not-eligible': 'Không còn đủ điều kiện',
      declined: 'Từ chối nhận',
      other: 'Khác (ghi rõ)',
    } satisfies Record<CloseEndReason, string>,
    noteNeeded: 'Lý do “Khác” cần ghi chú.',
    close: 'Khóa sổ tháng',
    confirm: (period: string) => `Xác nhận khóa sổ tháng ${monthLabel(period)}`,
    cancel: 'Không khóa',
    closing: 'Đang khóa sổ…',
    closedAt: (at: string, name: string) => `Đã khóa sổ lúc ${at}, người khóa: ${name}.`,
    done: 'Đã khóa sổ. Các máy tính bảng sẽ nhận quyết định khi đồng bộ.',
    print: 'In biên bản khóa sổ',
    outcome: { carry: 'Chuyển sang tháng sau', end: 'Kết thúc' },
  },
};
