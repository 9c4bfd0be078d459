/**
 * Synthetic Vietnamese names for the demo. Given names that can carry the tone on either
 * vowel ("Hòa"/"Hoà", "Thủy"/"Thuỷ") come in both placements, as real rosters do
 * (docs/domain.md §7.1). The word lists are NFC, so names joined from them are NFC too.
 */
import type { Gender } from '../../domain/vocabulary';
import type { Rng } from './prng';

const familyNames: readonly (readonly [string, number])[] = [
  ['Nguyễn', 31],
  ['Trần', 11],
  ['Lê', 9],
  ['Phạm', 6],
  ['Hoàng', 5],
  ['Huỳnh', 2],
  ['Phan', 5],
  ['Võ', 5],
  ['Đặng', 2],
  ['Bùi', 2],
  ['Đỗ', 1.5],
  ['Hồ', 3],
  ['Ngô', 1.5],
  ['Dương', 1],
  ['Lý', 0.5],
  ['Trương', 1],
  ['Đoàn', 1],
  ['Lương', 0.5],
  ['Tôn Nữ', 0.4],
];

/** Space-separated lists; `a|b` is one name with the old (tone on the first vowel) and the new placement. */
const words = (list: string): readonly string[] => list.normalize('NFC').split(' ');

const givenNames: Record<Gender, readonly string[]> = {
  male: words(
    'Bình Cường Dũng Hùng Hải Hòa|Hoà Khoa Long Minh Nam Phúc Quang Sơn Tâm Thành Thắng Tuấn Việt Vinh Lộc ' +
      'Đạt Huy Toàn Khỏe|Khoẻ Thủy|Thuỷ Phước Tín Trí Hiếu Nhân Lợi Tùng Kiên Hưng Thọ Tài',
  ),
  female: words(
    'Hoa Lan Mai Hương Hằng Thủy|Thuỷ Hòa|Hoà Thúy|Thuý Loan Nga Ngọc Nhung Phương Trang Tuyết Yến Xuân Cúc ' +
      'Đào Liên Thoa Huệ Hạnh Lài Sen Thảo Vân Hiền Khuê Bích Gấm Nhàn Khỏe|Khoẻ',
  ),
};

const middleNames: Record<Gender, readonly string[]> = {
  male: words('Văn Văn Văn Hữu Đức Ngọc Quang Công Minh Đình Xuân'),
  female: words('Thị Thị Thị Thị Ngọc Thu Thanh Kim Diệu Bích'),
};

/** Children born this century mostly have two-word given names ("Gia Bảo", "Khánh Linh"). */
const childMiddle: Record<Gender, readonly string[]> = {
  male: words('Gia Minh Đăng Nhật Quốc Bảo'),
  female: words('Bảo Khánh Ngọc Phương Thảo Gia'),
};
const childGiven: Record<Gender, readonly string[]> = {
  male: words('Bảo Huy Khang Phúc Nam Khôi An Long Hòa|Hoà'),
  female: words('Anh Linh Ngọc Vy Trâm Hân Nhi An Thủy|Thuỷ'),
};

export function familyName(rng: Rng): string {
  return rng.weighted(familyNames);
}

export function fullName(rng: Rng, gender: Gender, birthYear: number, family = familyName(rng)): string {
  const isYoung = birthYear >= 2003;
  const middle = rng.pick(isYoung ? childMiddle[gender] : middleNames[gender]);
  const given = rng.pick(rng.pick(isYoung ? childGiven[gender] : givenNames[gender]).split('|'));
  // Huế's royal line: women are "Tôn Nữ Thị …", men "Tôn Thất …" without a middle name.
  if (family === 'Tôn Nữ' && gender === 'male') return `Tôn Thất ${given}`;
  return `${family} ${middle} ${given}`;
}
