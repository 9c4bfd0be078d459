/** What a person still has to bring, in their words: the fast path shows it live, the slip prints it. */
import type { PaperNeed } from '../../domain/outreach-day';
import { t } from '../../ui/messages';

export function PaperNeedList({ needs }: { needs: readonly PaperNeed[] }) {
  return (
    <ul className="outreach-needs">
      {needs.map((need) => (
        <li key={`${need.code}-${need.person}`}>
          {need.person === 'representative'
            ? t.outreach.ofRepresentative(t.outreach.needs[need.code])
            : t.outreach.needs[need.code]}
        </li>
      ))}
    </ul>
  );
}
