/** English text of practice mode (issue 17): the same keys as messages-practice.vi.ts. */
import type { PracticeMessages } from './messages';

export const practiceMessages: PracticeMessages = {
  practice: {
    banner: 'PRACTICE · sample data, never sent to the real server',
    enter: 'Practice (no real data)',
    enterHint: 'Learn the app on a sample commune, offline too. Nothing here is sent anywhere.',
    accounts: 'Practice accounts: “canbo” (commune officer), “chitra” (payer) or “giamsat” (supervisor); any password.',
    leave: 'Leave practice mode',
    reset: 'Start the practice again',
    resetConfirm: 'Erase everything done in practice mode and start again with the sample commune?',
    title: 'Practice mode',
    intro: 'You are practising on the sample commune “Xã Luyện Tập”. Real data and the real server are not touched.',
    cards: 'Print practice ID cards',
    cardsTitle: 'Practice ID cards',
    cardsIntro:
      'Sample cards of the people of Xã Luyện Tập: print them to practise scanning the QR when checking a card and when paying.',
    print: 'Print the cards',
    cardHeading: 'CITIZEN ID · PRACTICE SAMPLE',
    cardNumber: 'No.',
    cardBorn: 'Born',
    cardRepresentative: (village: string) => `Receives on behalf · ${village}`,
    cardVoid: 'Not valid for any use',
    cardQr: (name: string) => `QR of the practice card of ${name}`,
    unavailable: 'Practice mode has no such function: it needs the real server.',
  },
};
