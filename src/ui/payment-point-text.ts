/** A payment point in one line, as the person's page and the printed lists show it (issue 16). */
import { daysText, type PaymentPoint } from '../domain/payment-points';
import { t } from './messages';

export const pointText = (p: PaymentPoint): string =>
  t.points.line(p.name, p.address, daysText(p.days, t.points.and), p.from, p.to);
