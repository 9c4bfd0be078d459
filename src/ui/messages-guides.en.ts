/** English text of the guides (issue 17): the same keys as messages-guides.vi.ts. */
import type { GuidesMessages } from './messages';

export const guidesMessages: GuidesMessages = {
  guides: {
    nav: 'Guides',
    link: 'Guide to this screen',
    title: 'How to use the app',
    intro: 'Short steps for each task. They work offline too.',
    step: (n, of) => `Step ${n} of ${of}`,
    all: 'All guides',
    notFound: 'There is no such guide.',
    practiceHint: 'Want to try without touching real data? Use practice mode in Settings.',
    items: {
      roster: {
        title: 'Find a person and open their record',
        steps: [
          'Type the first letters of the name, without diacritics: “ng v binh” finds “Nguyễn Văn Bình”. An ID number, old CMND or phone number works too.',
          'Or press “Quét CCCD để tìm” and hold the QR code of the citizen ID card in the camera frame.',
          'Press the name to open the record: payment method, representative, account progress, months paid.',
        ],
      },
      enrol: {
        title: 'Register a new beneficiary',
        steps: [
          'Press “Thêm đối tượng mới” on the roster.',
          'Press “Quét mã QR trên CCCD để điền”: name, birth date, gender and ID number fill in. Check them.',
          'Choose the group, village and phone. The app computes the allowance.',
          'Press “Lưu đối tượng mới”. Offline, it is kept on the tablet and sent when there is a connection.',
        ],
      },
      method: {
        title: 'Register how a person is paid',
        steps: [
          'Open the person’s record, at “Đăng ký hình thức nhận”.',
          'Choose one of four: bank account, Mobile Money wallet, cash at the payment point, payment at home.',
          'Give the bank’s name, or the wallet provider and its phone number, or why they are paid at home.',
          'Save. “Mở tài khoản” says whether the papers are complete or what is missing.',
        ],
      },
      idCheck: {
        title: 'Check a citizen ID card by its QR code',
        steps: [
          'Open “Kiểm tra CCCD”, or the check on the person’s record.',
          'Press “Bật camera quét mã QR” and hold the card’s QR code in the frame. If it does not scan, take a photo or type the number.',
          'The app compares each field of the card with the record: match, mismatch or missing.',
          'Save the check; if the record is wrong, correct it.',
        ],
      },
      pay: {
        title: 'Pay at home, with a receipt',
        steps: [
          'Open “Chi trả” and choose the person in the month’s list.',
          'Choose who receives: the person, their guardian or their authorised person.',
          'Scan the receiver’s ID card to compare; if it cannot be done, record why.',
          'Read the amount in words aloud, ask for a signature on the tablet, then press “Xác nhận đã chi trả”.',
          'Show the receiver the receipt and its check code. No connection needed.',
        ],
      },
      unpaid: {
        title: 'When nobody can be paid: absent, refused…',
        steps: [
          'On the payment screen, under “Chưa chi trả được”, choose the reason and press “Ghi nhận chưa chi trả”.',
          'If you must come back, give the day of the revisit.',
          'The person shows under “Thăm lại” in your round.',
        ],
      },
      cash: {
        title: 'The day’s cash ledger',
        steps: [
          'Morning: open “Tiền mặt” and record the cash received, signed by who handed it over.',
          'Each payment takes the balance down; what was paid always equals the receipts’ total.',
          'Evening: count the cash by denomination; if it differs, give the reason.',
          'Print the day’s statement and sign it.',
        ],
      },
      receipt: {
        title: 'Check a receipt',
        steps: [
          'Open “Kiểm tra biên nhận”.',
          'Press “Bật camera quét mã QR” and scan the receipt’s code (on a screen or on paper).',
          'The app says whether it is valid, which device issued it, to whom, how much and when. No connection needed.',
        ],
      },
      sync: {
        title: 'Working offline and syncing',
        steps: [
          'Everything done on the tablet waits in a queue; the top bar says how many operations wait.',
          'With a connection the app sends them itself. “Đồng bộ ngay” sends now.',
          'If two people change one record, a supervisor sees both and chooses; nothing is lost.',
          'The tablet locks when unused; the PIN opens it.',
        ],
      },
      outreach: {
        title: 'Communication day: the registration table',
        steps: [
          'Open “Ngày truyền thông”. For each person who comes: find them by name or old CMND, or scan their card, and queue them.',
          'Press “Tiếp nhận”: scan the card for the ID number, check the phone, choose how they are paid.',
          'Record the papers they brought; if they need a new ID card, record the appointment at the commune police.',
          'Press “Lưu và in phiếu”, give them the slip, then press “Người tiếp theo”.',
          'At the end of the day, press “In số liệu ngày” for the commune’s report.',
        ],
      },
      readiness: {
        title: 'Review readiness to open accounts',
        steps: [
          'Open “Mở tài khoản”: people are sorted into ready, missing papers, and needing a new ID card.',
          'Each person says what is missing. When the papers arrive, correct the record: the person moves on.',
          'For a new card: record the police appointment, then the issue date and the new ID number.',
          'Download the ready list to send to the bank or wallet provider.',
        ],
      },
      practice: {
        title: 'Practise on a sample commune',
        steps: [
          'On the sign-in screen or in Settings, press “Luyện tập (không dùng dữ liệu thật)”.',
          'Sign in as “canbo”, “chitra” or “giamsat”, any password.',
          'Try everything on “Xã Luyện Tập”. The screen has a purple “LUYỆN TẬP” band; nothing is sent.',
          'Print practice ID cards to practise scanning. When done, press “Thoát chế độ luyện tập”.',
        ],
      },
    },
    tour: {
      offer: 'New to the app? See a short introduction (4 steps).',
      start: 'See the introduction',
      again: 'See the short introduction again',
      later: 'Later',
      next: 'Next',
      back: 'Back',
      done: 'Done',
      close: 'Close the introduction',
      title: 'Short introduction',
      steps: [
        {
          title: 'The commune’s roster is on the tablet',
          text: 'Find people, see and change records, pay — offline too.',
        },
        {
          title: 'Everything is sent when there is a connection',
          text: 'The top bar says whether there is a connection and how many operations wait.',
        },
        {
          title: 'The tablet locks itself',
          text: 'When unused for a while it locks; the PIN opens it. Its data is encrypted.',
        },
        {
          title: 'Need help? Press “Hướng dẫn”',
          text: 'Each screen has step-by-step guides. To try things out, use practice mode in Settings.',
        },
      ],
    },
    about: {
      nav: 'About the pilot',
      title: 'Receiving social allowances without cash',
      lead: 'This page is for commune officers to show beneficiaries on the tablet.',
      commune: 'Commune',
      print: 'Print this page',
      custom: (commune) => `${commune}’s own text.`,
      standard: 'The app’s general text (the commune has not written its own).',
      edit: 'Edit the text',
      editTitle: (commune) => `Edit ${commune}’s page`,
      editHint:
        'Beneficiaries read this page: keep it short and plain, with a phone number to ask. At most 2,000 characters per part.',
      save: 'Save the text',
      reset: 'Use the general text again',
      cancel: 'Cancel',
      saved: 'Saved. The commune’s tablets get the new text when they sync.',
      needsConnection: 'Saving the text needs a connection.',
      problems: {
        empty: (section) => `“${section}” is empty.`,
        'too-long': (section) => `“${section}” is longer than 2,000 characters.`,
      },
      sections: {
        whatChanges: 'What changes',
        openAccount: 'How to open an account',
        fees: 'Fees',
        help: 'Where to ask',
      },
      defaults: {
        whatChanges:
          'The commune is piloting payment of social allowances into bank accounts or Mobile Money wallets.\nWhoever wishes can still be paid in cash at the payment point; the frail and severely disabled are still paid at home.\nThe allowance does not change.',
        openAccount:
          'Bring your citizen ID card (the original). With only an old CMND, get a citizen ID card at the commune police first.\nA person receiving on your behalf brings their own ID card and an authorisation certified by the commune (or the guardianship papers).\nThe commune officer helps with the papers; the bank or wallet provider opens the account and hands over the card.',
        fees: 'Opening an account to receive the allowance costs nothing, and nothing is taken from the allowance paid into it.\nNever give your PIN, password or OTP code to anyone, even someone who says they are an official.',
        help: 'Ask the commune’s social policy officer at the commune office, or the payer at the payment point.\nIf a month’s money has not arrived, tell the commune officer at once.',
      },
    },
  },
};
