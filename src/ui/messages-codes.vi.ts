/**
 * Vietnamese text of domain and protocol codes (part of messages.vi.ts). Each section is keyed by
 * its code union with `satisfies`, so a new code without text fails the type check. The wire texts
 * (request errors, op results) are the protocol's own: the server sends the same words in the
 * `message` field, so they are referenced here, never copied.
 */
import type { CategoryCode } from '../domain/vocabulary';
import type { RequestErrorCode } from '../protocol/error-codes';
import { requestErrorMessagesVi } from '../protocol/messages.vi';
import { opResultMessagesVi } from '../protocol/op-messages.vi';
import type { OpResultCode, PushStatus } from '../protocol/push';

export const codeMessages = {
  /** Short names of the Decree 20/2021 Art. 5 groups, for lists, filters and choices. */
  categories: {
    k1: 'Trẻ em không nguồn nuôi dưỡng',
    k2: 'Người 16–22 tuổi đang học',
    k3: 'Trẻ em nhiễm HIV hộ nghèo',
    k4: 'Người đơn thân nghèo nuôi con',
    k5a: 'Người cao tuổi hộ nghèo, không người phụng dưỡng',
    k5b: 'Người 75–80 tuổi vùng đặc biệt khó khăn',
    k5c: 'Người từ 80 tuổi không lương hưu',
    k5d: 'Người cao tuổi được nhận chăm sóc tại cộng đồng',
    k6: 'Người khuyết tật nặng, đặc biệt nặng',
    k7: 'Trẻ dưới 3 tuổi hộ nghèo vùng khó khăn',
    k8: 'Người nhiễm HIV hộ nghèo',
  } satisfies Record<CategoryCode, string>,
  /** Full names of the groups as Decree 20/2021 Art. 5 words them (the person page, hints). */
  categoryNames: {
    k1: 'Trẻ em dưới 16 tuổi không có nguồn nuôi dưỡng',
    k2: 'Người từ 16 đến 22 tuổi không có nguồn nuôi dưỡng, đang đi học',
    k3: 'Trẻ em nhiễm HIV/AIDS thuộc hộ nghèo',
    k4: 'Người đơn thân nghèo đang nuôi con',
    k5a: 'Người cao tuổi thuộc hộ nghèo, không có người có nghĩa vụ và quyền phụng dưỡng',
    k5b: 'Người từ đủ 75 đến 80 tuổi thuộc hộ nghèo, cận nghèo ở vùng đồng bào dân tộc thiểu số và miền núi',
    k5c: 'Người từ đủ 80 tuổi không có lương hưu, trợ cấp bảo hiểm xã hội hoặc trợ cấp xã hội hằng tháng',
    k5d: 'Người cao tuổi thuộc hộ nghèo, không có người phụng dưỡng, được nhận chăm sóc tại cộng đồng',
    k6: 'Người khuyết tật nặng, khuyết tật đặc biệt nặng',
    k7: 'Trẻ em dưới 3 tuổi thuộc hộ nghèo, cận nghèo ở vùng đồng bào dân tộc thiểu số và miền núi',
    k8: 'Người nhiễm HIV/AIDS thuộc hộ nghèo không có nguồn thu nhập ổn định',
  } satisfies Record<CategoryCode, string>,
  /** Why the server did not simply apply an op (conflict or rejection): the wire text. */
  opResults: opResultMessagesVi satisfies Record<OpResultCode, string>,
  pushStatuses: {
    applied: 'Đã ghi nhận',
    duplicate: 'Đã gửi trước đó',
    conflict: 'Cần giám sát xem xét',
    rejected: 'Cần xử lý',
  } satisfies Record<PushStatus, string>,
  /** Request-level error codes of the server: the wire text. */
  requestErrors: requestErrorMessagesVi satisfies Record<RequestErrorCode, string>,
  /** Errors the device's transport makes up itself, and the text for anything else. */
  transportErrors: {
    network: 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.',
    'bad-response': 'Máy chủ trả lời sai định dạng.',
    unexpected: 'Đã có lỗi. Vui lòng thử lại.',
    'practice-unavailable': 'Chế độ luyện tập không có chức năng này: cần máy chủ thật.',
  },
};
