/**
 * Vietnamese text saying that a fact came from a broken tablet's file and who imported it
 * (ui/imported-by.tsx). A catalogue of its own, joined to the others in messages.ts.
 */
import type { ImportedFactKind } from './imported-by';

export const importedMessages = {
  imported: {
    by: (who: string) => `Nhập từ tệp bởi ${who}`,
    fact: (what: string, who: string) => `${what}: nhập từ tệp bởi ${who}`,
    kinds: {
      payment: 'Lần chi trả',
      visit: 'Lần đến nhà chưa chi trả',
      void: 'Lần hủy chi trả',
      conflict: 'Thao tác chờ giám sát xem xét',
    } satisfies Record<ImportedFactKind, string>,
  },
};
