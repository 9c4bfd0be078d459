/**
 * The parts every printed sheet shares (the month's list, a payer's day, a communication day's):
 * the print button, the heading with the nation's name and motto, the total in words, and the
 * signature blocks.
 */
import type { ReactNode } from 'react';
import { amountInWordsVi, type Vnd } from '../domain/money';
import { t } from './messages';

export function PrintButton() {
  return (
    <p className="no-print">
      <button type="button" className="primary" onClick={() => window.print()}>
        {t.printList.print}
      </button>
    </p>
  );
}

/** The sheet's heading: who issues it on the left, the nation's name and motto on the right. */
export function SheetHead({ children }: { children: ReactNode }) {
  return (
    <header className="sheet-head">
      <div>{children}</div>
      <div className="center">
        <strong>{t.printList.nation}</strong>
        <br />
        <u>{t.printList.motto}</u>
      </div>
    </header>
  );
}

/** The total in Vietnamese words in every interface language: the sheet is a Vietnamese record. */
export function InWords({ total }: { total: Vnd }) {
  return (
    <p>
      {t.printList.inWords}: <em>{amountInWordsVi(total)}</em>
    </p>
  );
}

/** Signature blocks, each a title and how to sign. */
export function SheetFoot({ blocks }: { blocks: readonly { title: string; hint: string }[] }) {
  return (
    <footer className="sheet-foot">
      {blocks.map((b) => (
        <div key={b.title} className="center">
          <strong>{b.title}</strong>
          <br />
          <em>{b.hint}</em>
        </div>
      ))}
    </footer>
  );
}
