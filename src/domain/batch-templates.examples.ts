/**
 * Two example batch templates (issue 12), shipped as data and marked as examples: no provider
 * publishes its file format (docs/domain.md §5), so an admin copies one and makes it the provider's
 * real template. Neither is any real provider's format.
 */
import type { BatchTemplate } from './batch-template';

export const exampleTemplates: readonly { name: string; method: 'bank' | 'mobile-money'; template: BatchTemplate }[] = [
  {
    name: 'Ngân hàng (mẫu ví dụ, không phải định dạng thật)',
    method: 'bank',
    template: {
      fileType: 'xlsx',
      encoding: 'utf-8',
      separator: ',',
      columns: [
        { header: 'STT', field: 'sequence' },
        { header: 'Số tài khoản', field: 'accountNumber' },
        { header: 'Tên chủ tài khoản', field: 'holderName' },
        { header: 'Số CCCD', field: 'idNumber' },
        { header: 'Số tiền', field: 'amount' },
        { header: 'Nội dung', field: 'content' },
        { header: 'Mã tham chiếu', field: 'reference' },
      ],
      content: 'TGXH thang {month}/{year} {name}',
      totalsRow: true,
      account: { kind: 'digits', minLength: 8, maxLength: 19 },
    },
  },
  {
    name: 'Ví điện tử (mẫu ví dụ, không phải định dạng thật)',
    method: 'mobile-money',
    template: {
      fileType: 'csv',
      encoding: 'utf-8-bom',
      separator: ',',
      columns: [
        { header: 'Số điện thoại ví', field: 'accountNumber' },
        { header: 'Họ và tên', field: 'holderName' },
        { header: 'Số tiền', field: 'amount' },
        { header: 'Mã giao dịch', field: 'reference' },
        { header: 'Nội dung', field: 'content' },
      ],
      content: 'Chi tra TGXH {month}/{year} ma {code}',
      totalsRow: false,
      account: { kind: 'mobile', minLength: 10, maxLength: 10 },
    },
  },
];
