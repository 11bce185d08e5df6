// Customer names for the command palette: a lower-cased index built once per read of the team's
// books, then one pass per keystroke. Names that start with the query come first, then names with
// a word that starts with it, then any other match; each group keeps the book's name order.
import type { CustomerBook } from '../../../core/records';

export type CustomerIndexEntry = { id: string; name: string; lower: string; book: CustomerBook };

const indexes = new WeakMap<readonly CustomerBook[], CustomerIndexEntry[]>();

/** The index of one read of the books; the same read (same array) returns the same index. */
export function customerIndex(books: readonly CustomerBook[]): CustomerIndexEntry[] {
  const known = indexes.get(books);
  if (known) return known;
  const index = books.map((book) => ({
    id: book.customer.id,
    name: book.customer.name,
    lower: book.customer.name.toLowerCase(),
    book,
  }));
  indexes.set(books, index);
  return index;
}

export type CustomerMatches = { shown: CustomerIndexEntry[]; total: number };

export function findCustomers(
  index: readonly CustomerIndexEntry[],
  query: string,
  limit: number,
): CustomerMatches {
  const needle = query.trim().toLowerCase();
  if (needle === '') return { shown: index.slice(0, limit), total: index.length };
  const starts: CustomerIndexEntry[] = [];
  const wordStarts: CustomerIndexEntry[] = [];
  const contains: CustomerIndexEntry[] = [];
  for (const entry of index) {
    const at = entry.lower.indexOf(needle);
    if (at === -1) continue;
    if (at === 0) starts.push(entry);
    else if (entry.lower.includes(` ${needle}`)) wordStarts.push(entry);
    else contains.push(entry);
  }
  const total = starts.length + wordStarts.length + contains.length;
  return { shown: [...starts, ...wordStarts, ...contains].slice(0, limit), total };
}
