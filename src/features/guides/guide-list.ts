/**
 * The guides (issue 17, "Guides"): one per workflow, in the order a new officer meets them, each
 * step with its picture. The steps' texts are the catalogues' (`t.guides.items`); a test checks
 * that every language has one text per picture.
 */
import type { GuideId } from '../../ui/guide-link';
import type { PictureId } from './pictures';

export const guidePictures: Record<GuideId, readonly PictureId[]> = {
  roster: ['search', 'card-qr', 'person'],
  enrol: ['person', 'card-qr', 'form', 'sync'],
  method: ['person', 'choice', 'bank', 'check'],
  idCheck: ['search', 'card-qr', 'check', 'form'],
  pay: ['list', 'receiver', 'card-qr', 'signature', 'receipt'],
  unpaid: ['clock', 'calendar', 'list'],
  cash: ['cash', 'receipt', 'cash', 'print'],
  receipt: ['receipt', 'card-qr', 'check'],
  sync: ['queue', 'sync', 'check', 'lock'],
  outreach: ['queue', 'card-qr', 'calendar', 'print', 'list'],
  readiness: ['list', 'form', 'calendar', 'bank'],
  practice: ['practice', 'person', 'check', 'card-qr'],
};

export const guideOrder = Object.keys(guidePictures) as GuideId[];
