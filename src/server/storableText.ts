// Text PostgreSQL cannot store: NUL (refused in text and in jsonb) and UTF-16 surrogates without
// their pair (JSON allows "\ud800"; jsonb and UTF-8 do not). Found by the API fuzzer: such text
// in a mutation made the whole push fail with a 500, and the console retried it forever.

const halfSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function isStorableText(text: string): boolean {
  return !text.includes('\u0000') && !halfSurrogate.test(text);
}

/**
 * The dotted path of the first string (value or key) in `value` that PostgreSQL cannot store, or
 * null. Walks with its own stack: arguments may be nested far deeper than the call stack.
 */
export function unstorableTextAt(value: unknown): string | null {
  const pending: { value: unknown; path: string }[] = [{ value, path: '' }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value: current, path } = next;
    if (typeof current === 'string') {
      if (!isStorableText(current)) return path;
    } else if (Array.isArray(current)) {
      current.forEach((item, index) =>
        pending.push({ value: item, path: path ? `${path}.${index}` : String(index) }),
      );
    } else if (typeof current === 'object' && current !== null) {
      for (const [key, item] of Object.entries(current)) {
        const at = path ? `${path}.${key}` : key;
        if (!isStorableText(key)) return path || '(key)';
        pending.push({ value: item, path: at });
      }
    }
  }
  return null;
}
