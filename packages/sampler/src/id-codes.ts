/**
 * Compact id codes. A canonical decimal id below 2^31 ("0", "7", "8841823"; no sign, no leading zero)
 * is coded as its own value, so MS MARCO ids need no table at all; any other id is interned and coded
 * as `-(index + 1)`. Codes fit an Int32Array.
 */
export class IdCodes {
  private readonly byText = new Map<string, number>();
  private readonly texts: string[] = [];

  /** Number of interned (non-numeric) ids. */
  get internedCount(): number {
    return this.texts.length;
  }

  /** The code of the id spelled by `bytes[start, end)` (UTF-8). */
  codeOfBytes(bytes: Uint8Array, start: number, end: number): number {
    const length = end - start;
    if (length > 0 && length <= 10 && (bytes[start] !== 0x30 || length === 1)) {
      let value = 0;
      let k = start;
      for (; k < end; k++) {
        const digit = (bytes[k] as number) - 0x30;
        if (digit < 0 || digit > 9) break;
        value = value * 10 + digit;
      }
      if (k === end && value < 0x80000000) return value;
    }
    return this.codeOfText(Buffer.from(bytes.buffer, bytes.byteOffset + start, length).toString('utf8'));
  }

  /** The code of `id`, interning it when it is not a canonical decimal below 2^31. */
  codeOfText(id: string): number {
    if (/^(0|[1-9][0-9]{0,9})$/.test(id)) {
      const value = Number(id);
      if (value < 0x80000000) return value;
    }
    const known = this.byText.get(id);
    if (known !== undefined) return known;
    this.texts.push(id);
    const code = -this.texts.length;
    this.byText.set(id, code);
    return code;
  }

  /** The code of `id` if it was seen (or is numeric), else undefined. Never interns. */
  lookup(id: string): number | undefined {
    if (/^(0|[1-9][0-9]{0,9})$/.test(id)) {
      const value = Number(id);
      if (value < 0x80000000) return value;
    }
    return this.byText.get(id);
  }

  /** The id text of `code`. */
  text(code: number): string {
    return code >= 0 ? String(code) : (this.texts[-code - 1] as string);
  }
}
