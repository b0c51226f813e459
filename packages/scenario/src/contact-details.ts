/**
 * NHS numbers, phone numbers and email addresses that can never belong to a real person.
 *
 * - NHS numbers come from the range beginning 999, which NHS England reserves for testing
 *   and never issues; each still passes the modulus-11 check.
 * - Phone numbers come only from Ofcom's ranges reserved for drama ("TV and radio drama
 *   numbers"), so a demo that sends a text or places a call can never reach anyone. There
 *   are 18,000 of them; once used up, people simply have no phone number.
 * - Email addresses use the `.example` top-level domain, reserved by RFC 2606.
 */
import { nhsNumberCheckDigit } from '@joinery/core';
import { type Random } from './random.ts';

/** Hands out unique valid NHS numbers from the 999 test range. */
export class NhsNumberAllocator {
  private readonly used = new Set<number>();

  constructor(private readonly random: Random) {}

  next(): string {
    // 999 000 000–999 999 999 holds ~909,000 valid numbers: ample for scale ≤ 8.
    if (this.used.size > 880_000) throw new Error('The NHS test-number range is exhausted: use a smaller scale');
    for (;;) {
      const serial = this.random.int(0, 999_999);
      if (this.used.has(serial)) continue;
      const firstNine = `999${String(serial).padStart(6, '0')}`;
      const check = nhsNumberCheckDigit(firstNine);
      if (check === undefined) continue;
      this.used.add(serial);
      return `${firstNine}${check}`;
    }
  }
}

// Ofcom, "Telephone numbers for TV, radio and other media": each block holds 1,000 numbers.
const DRAMA_BLOCKS: readonly [prefix: string, first: number][] = [
  ['01632 96', 0], // no area: the classic drama number
  ['07700 90', 0], // mobile
  ['0113 496 ', 0],
  ['0114 496 ', 0],
  ['0115 496 ', 0],
  ['0116 496 ', 0],
  ['0117 496 ', 0],
  ['0118 496 ', 0],
  ['0121 496 ', 0],
  ['0131 496 ', 0],
  ['0141 496 ', 0],
  ['0151 496 ', 0],
  ['0161 496 ', 0],
  ['0191 498 ', 0],
  ['020 7946 ', 0],
  ['028 9649 ', 6000],
  ['029 2018 ', 0],
  ['03069 99', 0],
];

/** A shuffled pool of the drama numbers, handed out once each. */
export class PhonePool {
  private readonly numbers: string[];

  constructor(random: Random) {
    this.numbers = [];
    for (const [prefix, first] of DRAMA_BLOCKS) {
      for (let n = 0; n < 1000; n++) {
        this.numbers.push(`${prefix}${String(first + n).padStart(4, '0')}`);
      }
    }
    random.shuffle(this.numbers);
  }

  /** A number never given out before, or undefined once the pool is empty. */
  take(): string | undefined {
    return this.numbers.pop();
  }
}

const EMAIL_DOMAINS = ['mail.example', 'post.example', 'inbox.example', 'wessexnet.example', 'letters.example'];

const plain = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

/** An email address in one of the shapes people choose. */
export function makeEmail(random: Random, given: string, surname: string, birthYear: number): string {
  const g = plain(given) || 'resident';
  const s = plain(surname) || 'wessex';
  const domain = random.pick(EMAIL_DOMAINS);
  switch (random.int(0, 4)) {
    case 0:
      return `${g}.${s}@${domain}`;
    case 1:
      return `${g[0]}${s}${random.int(1, 99)}@${domain}`;
    case 2:
      return `${g}${s}${String(birthYear).slice(2)}@${domain}`;
    case 3:
      return `${s}.${g}${random.int(1, 9)}@${domain}`;
    default:
      return `${g}_${random.int(100, 999)}@${domain}`;
  }
}
