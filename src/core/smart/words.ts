/**
 * How specific a goal statement is (SMART S2): Latin/number words and CJK characters are
 * counted separately, because Chinese is written without spaces.
 *
 * - A CJK character is a Han ideograph, kana or Hangul syllable (punctuation such as `，`
 *   and full-width digits are not).
 * - A word is a run of other characters between spaces and CJK characters that holds at
 *   least one letter or digit: `Grow-sales` and `5,000,000` are one word each, a lone `-`
 *   or `%` is none. So `Q4 销售额` is 1 word and 3 CJK characters.
 *
 * A statement is vague when it has fewer than 3 words AND fewer than 4 CJK characters:
 * either script alone can make it specific; the two are not added together.
 */

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const CJK_ALL = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Counts of Latin/number words and CJK characters in a goal statement. */
export interface WordCount {
  words: number;
  cjk: number;
}

/** Counts words and CJK characters as described above. */
export function countWords(text: string): WordCount {
  const s = text.normalize("NFKC");
  const cjk = s.match(CJK_ALL)?.length ?? 0;
  let words = 0;
  for (const piece of s.split(/\s+/u)) {
    for (const run of piece.split(CJK_ALL)) {
      if (LETTER_OR_DIGIT.test(run) && !CJK.test(run)) words++;
    }
  }
  return { words, cjk };
}

/** SMART S2: fewer than 3 words and fewer than 4 CJK characters. */
export function isVague(text: string): boolean {
  const { words, cjk } = countWords(text);
  return words < 3 && cjk < 4;
}
