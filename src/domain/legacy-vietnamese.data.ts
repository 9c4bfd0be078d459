/**
 * The legacy Vietnamese font encodings as they reach the list import (legacy-vietnamese.ts):
 * TCVN3 (ABC, fonts ".VnTime"/".VnTimeH") and VNI-Windows (fonts "VNI-Times" …). Both are 8-bit
 * encodings shown through a font, so an .xls/.xlsx cell or a Windows-1252 CSV gives each byte as
 * the Windows-1252 character of the same number: "Nguyễn Văn Bình" arrives as "NguyÔn V¨n B×nh"
 * (TCVN3) or "Nguyeãn Vaên Bình" (VNI).
 *
 * Sources, checked against each other letter by letter (the 12 vowels in six tones and đ, small
 * and capital):
 * - TCVN3: the standard TCVN 5712:1993 (VSCII, ISO-IR-180), table VN3, as GNU libc implements it
 *   (iconv "TCVN5712-1", iconvdata/tcvn5712-1.c) and GNU libiconv (lib/tcvn.h); UniKey's
 *   converter table (ukengine tables/singlebyte/tcvn3.cpp); VBKey (khiemdoan/VBKey
 *   mdlCodeTable.bas); the converters in duydev/vietnamese-conversion (src/charsets.ts) and
 *   hdbd789/clinic (Converter.cs). All agree on the 67 lower-case letters and the 7 capitals;
 *   they differ only on toned capitals (below): duydev writes the ASCII base and the small
 *   letter's byte ("A¸" for Á), which no font draws as Á, so it is not followed.
 * - VNI-Windows: UniKey (ukengine tables/doublebytes/vni_win.cpp), duydev/vietnamese-conversion
 *   (src/charsets.ts) and VBKey (mdlCodeTable.bas) agree on every letter; the comparison chart
 *   "Bảng đối chiếu encoding các bộ chữ hiện hành với Unicode" too, for the a, ă, â, e, ê, i rows.
 *
 * Capitals. VN3 has capitals only for the 7 letters Ă Â Ê Ô Ơ Ư Đ (0xA1–0xA7); a toned capital is
 * the lower-case byte shown by the capital font (".VnTimeH" draws every slot as a capital), which
 * is how UniKey writes it and how the VSCII article of Wikipedia describes it. The full table VN1
 * of the same standard puts toned capitals on control codes, on 0x80–0x9F (Windows-1252 “ ” – …)
 * and on the bytes VN3 leaves free (À Á Â Ã Ä Å … à, which Unicode text pasted into such a file
 * also holds): those are not read, no ABC keyboard writes them. VNI capitals are the Windows-1252
 * capitals of the lower-case sequence (each byte − 0x20: "aø" → "AØ"), as in every source.
 */

/** One vowel in its six tones, in the order none, grave (huyền), hook (hỏi), tilde (ngã), acute (sắc), dot (nặng). */
export type LegacyVowelRow = {
  /** The six lower-case letters. */
  readonly letters: string;
  /** TCVN3 byte of each letter (an ASCII byte for the untoned a, e, i, o, u, y). */
  readonly tcvn3: readonly number[];
  /** VNI-Windows characters of each letter: a base letter and up to one mark character. */
  readonly vni: readonly string[];
};

export const LEGACY_VOWELS: readonly LegacyVowelRow[] = [
  { letters: 'aàảãáạ', tcvn3: [0x61, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9], vni: ['a', 'aø', 'aû', 'aõ', 'aù', 'aï'] },
  { letters: 'ăằẳẵắặ', tcvn3: [0xa8, 0xbb, 0xbc, 0xbd, 0xbe, 0xc6], vni: ['aê', 'aè', 'aú', 'aü', 'aé', 'aë'] },
  { letters: 'âầẩẫấậ', tcvn3: [0xa9, 0xc7, 0xc8, 0xc9, 0xca, 0xcb], vni: ['aâ', 'aà', 'aå', 'aã', 'aá', 'aä'] },
  { letters: 'eèẻẽéẹ', tcvn3: [0x65, 0xcc, 0xce, 0xcf, 0xd0, 0xd1], vni: ['e', 'eø', 'eû', 'eõ', 'eù', 'eï'] },
  { letters: 'êềểễếệ', tcvn3: [0xaa, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6], vni: ['eâ', 'eà', 'eå', 'eã', 'eá', 'eä'] },
  { letters: 'iìỉĩíị', tcvn3: [0x69, 0xd7, 0xd8, 0xdc, 0xdd, 0xde], vni: ['i', 'ì', 'æ', 'ó', 'í', 'ò'] },
  { letters: 'oòỏõóọ', tcvn3: [0x6f, 0xdf, 0xe1, 0xe2, 0xe3, 0xe4], vni: ['o', 'oø', 'oû', 'oõ', 'où', 'oï'] },
  { letters: 'ôồổỗốộ', tcvn3: [0xab, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9], vni: ['oâ', 'oà', 'oå', 'oã', 'oá', 'oä'] },
  { letters: 'ơờởỡớợ', tcvn3: [0xac, 0xea, 0xeb, 0xec, 0xed, 0xee], vni: ['ô', 'ôø', 'ôû', 'ôõ', 'ôù', 'ôï'] },
  { letters: 'uùủũúụ', tcvn3: [0x75, 0xef, 0xf1, 0xf2, 0xf3, 0xf4], vni: ['u', 'uø', 'uû', 'uõ', 'uù', 'uï'] },
  // TCVN3 ư is 0xAD, the soft hyphen: invisible, and removed by normalizeText, so convert first.
  { letters: 'ưừửữứự', tcvn3: [0xad, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9], vni: ['ö', 'öø', 'öû', 'öõ', 'öù', 'öï'] },
  { letters: 'yỳỷỹýỵ', tcvn3: [0x79, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe], vni: ['y', 'yø', 'yû', 'yõ', 'yù', 'î'] },
];

/** đ, the one consonant outside ASCII. */
export const LEGACY_D_STROKE = { letter: 'đ', tcvn3: 0xae, vni: 'ñ' } as const;

/** The 7 TCVN3 capitals with a byte of their own; every other capital shares the lower-case byte. */
export const TCVN3_CAPITALS: Readonly<Record<string, number>> = {
  Ă: 0xa1,
  Â: 0xa2,
  Ê: 0xa3,
  Ô: 0xa4,
  Ơ: 0xa5,
  Ư: 0xa6,
  Đ: 0xa7,
};
