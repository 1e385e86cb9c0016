/**
 * Reads `"${jsonencode(...)}"` when its argument is a literal HCL value, as the HCL-to-JSON converter writes an
 * expression it does not evaluate: `policy_data = jsonencode({ bindings = [{ role = "…", members = ["allUsers"] }] })`
 * becomes the string `${jsonencode({\n bindings = [...]\n})}`. A literal argument has one meaning before apply, so the
 * checker reads it; anything else (a variable, a reference, a function, a template in a string) leaves it unknown.
 *
 * The literal HCL expression syntax (objects `{ key = value }` with newline or comma separators and `=` or `:`,
 * tuples `[a, b]`, quoted strings with escapes, numbers, true, false, null) follows hashicorp/hcl
 * `hclsyntax/spec.md` ("Collection Values", "Template Expressions").
 * @internal
 */

type Literal = string | number | boolean | null | Literal[] | { [key: string]: Literal };

/** Thrown inside the parser for anything that is not a literal; never escapes. */
class NotLiteral extends Error {}

class Parser {
  private i = 0;

  constructor(private readonly text: string) {}

  public parseAll(): Literal {
    const value = this.value();
    this.space(true);
    if (this.i !== this.text.length) throw new NotLiteral();
    return value;
  }

  /** Skips blanks (and newlines when `newlines`); comments are not literal input here. */
  private space(newlines: boolean): void {
    for (;;) {
      const c = this.peek(); // undefined past the end
      if (c === ' ' || c === '\t' || c === '\r' || (newlines && c === '\n')) this.i++;
      else return;
    }
  }

  private peek(): string | undefined {
    return this.text[this.i];
  }

  private value(): Literal {
    this.space(true);
    const c = this.peek();
    if (c === '{') return this.object();
    if (c === '[') return this.tuple();
    if (c === '"') return this.string();
    const word = /^(-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?|true|false|null)/.exec(this.text.slice(this.i));
    if (!word) throw new NotLiteral();
    this.i += word[0].length;
    if (word[0] === 'true') return true;
    if (word[0] === 'false') return false;
    if (word[0] === 'null') return null;
    return Number(word[0]);
  }

  private string(): string {
    let out = '';
    this.i++; // opening quote
    for (;;) {
      const c = this.peek(); // undefined past the end: unterminated
      this.i++;
      if (c === '"') return out;
      if (c === undefined || c === '\n') throw new NotLiteral();
      if ((c === '$' || c === '%') && this.peek() === '{') throw new NotLiteral(); // a template: known at apply only
      if ((c === '$' || c === '%') && this.peek() === c && this.text[this.i + 1] === '{') {
        out += `${c}{`; // `$${` and `%%{` are escapes for a literal `${` and `%{`
        this.i += 2;
        continue;
      }
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.text[this.i++];
      const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };
      if (e in simple) out += simple[e];
      else {
        const hex = e === 'u' ? /^[0-9a-fA-F]{4}/.exec(this.text.slice(this.i, this.i + 4)) : null;
        if (!hex) throw new NotLiteral();
        out += String.fromCharCode(parseInt(hex[0], 16));
        this.i += 4;
      }
    }
  }

  private tuple(): Literal[] {
    const out: Literal[] = [];
    this.i++; // [
    for (;;) {
      this.space(true);
      if (this.peek() === ']') {
        this.i++;
        return out;
      }
      out.push(this.value());
      this.space(true);
      if (this.peek() === ',') this.i++;
      else if (this.peek() !== ']') throw new NotLiteral();
    }
  }

  private object(): { [key: string]: Literal } {
    const out: { [key: string]: Literal } = {};
    this.i++; // {
    for (;;) {
      this.space(true);
      if (this.peek() === '}') {
        this.i++;
        return out;
      }
      let key: string;
      if (this.peek() === '"') key = this.string();
      else {
        const id = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(this.text.slice(this.i));
        if (!id) throw new NotLiteral();
        key = id[0];
        this.i += key.length;
      }
      this.space(false);
      const op = this.peek();
      if (op !== '=' && op !== ':') throw new NotLiteral();
      this.i++;
      out[key] = this.value();
      this.space(false);
      const sep = this.peek();
      if (sep === ',' || sep === '\n') this.i++;
      else if (sep !== '}') throw new NotLiteral();
    }
  }
}

const JSONENCODE = /^\$\{\s*jsonencode\(([\s\S]*)\)\s*\}$/;

/**
 * The value `"${jsonencode(<literal>)}"` encodes, as JSON would read it back; `undefined` when the string is not a
 * jsonencode call of a fully literal value, or one the parser cannot read (nested deeper than the call stack allows).
 */
export function literalJsonencode(value: string): unknown {
  const match = JSONENCODE.exec(value);
  if (!match) return undefined;
  try {
    return new Parser(match[1]).parseAll();
  } catch (error) {
    // NotLiteral, or a RangeError from a hostile nesting depth: either way not a value the checker can read. Anything
    // else is a defect of this parser and escapes.
    if (error instanceof NotLiteral || error instanceof RangeError) return undefined;
    throw error;
  }
}
