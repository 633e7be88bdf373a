/**
 * The Porter stemming algorithm (Porter 1980) exactly as Lucene's `PorterStemFilter` applies it:
 * Martin Porter's reference implementation (release 3, with its "logi" -> "log" rule and the two
 * bounds fixes), applied to words of three or more characters. Non-ASCII letters count as consonants.
 */
class PorterWord {
  b: string[];
  k: number;
  j = 0;

  constructor(word: string) {
    this.b = word.split(''); // UTF-16 units, like Java's char[]
    this.k = this.b.length - 1;
  }

  /** True when b[i] is a consonant. */
  cons(i: number): boolean {
    const ch = this.b[i];
    if (ch === 'a' || ch === 'e' || ch === 'i' || ch === 'o' || ch === 'u') return false;
    if (ch === 'y') return i === 0 ? true : !this.cons(i - 1);
    return true;
  }

  /** The measure m of b[0..j]: the number of VC sequences. */
  m(): number {
    let n = 0;
    let i = 0;
    const j = this.j;
    while (true) {
      if (i > j) return n;
      if (!this.cons(i)) break;
      i++;
    }
    i++;
    while (true) {
      while (true) {
        if (i > j) return n;
        if (this.cons(i)) break;
        i++;
      }
      i++;
      n++;
      while (true) {
        if (i > j) return n;
        if (!this.cons(i)) break;
        i++;
      }
      i++;
    }
  }

  vowelInStem(): boolean {
    for (let i = 0; i <= this.j; i++) if (!this.cons(i)) return true;
    return false;
  }

  doubleConsonant(j: number): boolean {
    if (j < 1) return false;
    if (this.b[j] !== this.b[j - 1]) return false;
    return this.cons(j);
  }

  /** consonant-vowel-consonant ending at i, the last consonant not w, x or y. */
  cvc(i: number): boolean {
    if (i < 2 || !this.cons(i) || this.cons(i - 1) || !this.cons(i - 2)) return false;
    const ch = this.b[i];
    return !(ch === 'w' || ch === 'x' || ch === 'y');
  }

  ends(s: string): boolean {
    const o = this.k - s.length + 1;
    if (o < 0) return false;
    for (let i = 0; i < s.length; i++) if (this.b[o + i] !== s[i]) return false;
    this.j = this.k - s.length;
    return true;
  }

  setTo(s: string): void {
    const o = this.j + 1;
    for (let i = 0; i < s.length; i++) this.b[o + i] = s[i] as string;
    this.k = this.j + s.length;
  }

  replace(s: string): void {
    if (this.m() > 0) this.setTo(s);
  }

  toString(): string {
    return this.b.slice(0, this.k + 1).join('');
  }
}

/** Step 1ab: plurals, -ed, -ing. */
function step1(w: PorterWord): void {
  if (w.b[w.k] === 's') {
    if (w.ends('sses')) w.k -= 2;
    else if (w.ends('ies')) w.setTo('i');
    else if (w.b[w.k - 1] !== 's') w.k--;
  }
  if (w.ends('eed')) {
    if (w.m() > 0) w.k--;
  } else if ((w.ends('ed') || w.ends('ing')) && w.vowelInStem()) {
    w.k = w.j;
    if (w.ends('at')) w.setTo('ate');
    else if (w.ends('bl')) w.setTo('ble');
    else if (w.ends('iz')) w.setTo('ize');
    else if (w.doubleConsonant(w.k)) {
      const ch = w.b[w.k];
      w.k--;
      if (ch === 'l' || ch === 's' || ch === 'z') w.k++;
    } else if (w.m() === 1 && w.cvc(w.k)) w.setTo('e');
  }
}

/** Step 1c: terminal y to i when the stem has a vowel. */
function step2(w: PorterWord): void {
  if (w.ends('y') && w.vowelInStem()) w.b[w.k] = 'i';
}

type Rule = readonly [suffix: string, replacement: string];

/** Step 2 of the paper: double suffixes, keyed by the penultimate letter. */
const STEP3: Record<string, readonly Rule[]> = {
  a: [
    ['ational', 'ate'],
    ['tional', 'tion'],
  ],
  c: [
    ['enci', 'ence'],
    ['anci', 'ance'],
  ],
  e: [['izer', 'ize']],
  l: [
    ['bli', 'ble'],
    ['alli', 'al'],
    ['entli', 'ent'],
    ['eli', 'e'],
    ['ousli', 'ous'],
  ],
  o: [
    ['ization', 'ize'],
    ['ation', 'ate'],
    ['ator', 'ate'],
  ],
  s: [
    ['alism', 'al'],
    ['iveness', 'ive'],
    ['fulness', 'ful'],
    ['ousness', 'ous'],
  ],
  t: [
    ['aliti', 'al'],
    ['iviti', 'ive'],
    ['biliti', 'ble'],
  ],
  g: [['logi', 'log']],
};

/** Step 3 of the paper: -ic-, -full, -ness, keyed by the last letter. */
const STEP4: Record<string, readonly Rule[]> = {
  e: [
    ['icate', 'ic'],
    ['ative', ''],
    ['alize', 'al'],
  ],
  i: [['iciti', 'ic']],
  l: [
    ['ical', 'ic'],
    ['ful', ''],
  ],
  s: [['ness', '']],
};

function applyRules(w: PorterWord, rules: readonly Rule[] | undefined): void {
  if (rules === undefined) return;
  for (const [suffix, replacement] of rules) {
    if (w.ends(suffix)) {
      w.replace(replacement);
      return;
    }
  }
}

/** Step 4 of the paper: -ant, -ence etc. removed when m > 1, keyed by the penultimate letter. */
const STEP5: Record<string, readonly string[]> = {
  a: ['al'],
  c: ['ance', 'ence'],
  e: ['er'],
  i: ['ic'],
  l: ['able', 'ible'],
  n: ['ant', 'ement', 'ment', 'ent'],
  s: ['ism'],
  t: ['ate', 'iti'],
  u: ['ous'],
  v: ['ive'],
  z: ['ize'],
};

function step5(w: PorterWord): void {
  if (w.k === 0) return;
  const key = w.b[w.k - 1] as string;
  let matched = false;
  if (key === 'o') {
    matched = (w.ends('ion') && w.j >= 0 && (w.b[w.j] === 's' || w.b[w.j] === 't')) || w.ends('ou');
  } else {
    const suffixes = STEP5[key];
    matched = suffixes?.some((suffix) => w.ends(suffix)) ?? false;
  }
  if (matched && w.m() > 1) w.k = w.j;
}

/** Step 5 of the paper: final -e and -ll. */
function step6(w: PorterWord): void {
  w.j = w.k;
  if (w.b[w.k] === 'e') {
    const a = w.m();
    if (a > 1 || (a === 1 && !w.cvc(w.k - 1))) w.k--;
  }
  if (w.b[w.k] === 'l' && w.doubleConsonant(w.k) && w.m() > 1) w.k--;
}

/**
 * Stems one lower-cased word with the Porter algorithm as Lucene's `PorterStemmer` does.
 * Words of one or two characters are returned unchanged.
 *
 * @example
 * ```ts
 * porterStem('relational'); // 'relat'
 * porterStem('caresses'); // 'caress'
 * ```
 */
export function porterStem(word: string): string {
  const w = new PorterWord(word);
  if (w.k <= 1) return word;
  step1(w);
  step2(w);
  if (w.k !== 0) applyRules(w, STEP3[w.b[w.k - 1] as string]);
  applyRules(w, STEP4[w.b[w.k] as string]);
  step5(w);
  step6(w);
  return w.toString();
}
