/**
 * Where and when a person is paid in cash (issue 16, "Payment points and days"): the point of the
 * commune's schedule that serves their village, from the commune's pulled data (offline too).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { pointOfVillage } from '../../domain/payment-points';
import { t } from '../../ui/messages';
import { pointText } from '../../ui/payment-point-text';
import { useServices } from '../../ui/services';

export function PersonPoint({ communeCode, village }: { communeCode: string; village: string }) {
  const { db } = useServices();
  const commune = useLiveQuery(() => db.communes.get(communeCode), [db, communeCode]);
  const point = pointOfVillage(commune?.paymentSchedule, village);
  if (!point) return null;
  return (
    <>
      <dt>{t.points.ofPerson}</dt>
      <dd data-testid="person-point">{pointText(point)}</dd>
    </>
  );
}
