import { AbstractIterator, AbstractKeyIterator, AbstractValueIterator } from 'abstract-level';

/**
 * dynalite 4 reads every Query and Scan through a stream over a LevelDB iterator and, when
 * the stream ends, closes the iterator by calling `iterator.return()`. The abstract-level 3
 * iterators it gets from `level` 10 have no `return` (only `close`), so the iterator was never
 * closed: each one kept its LevelDB snapshot, pinning old memtables (anonymous memory) and
 * compacted table files (mapped memory) for the life of the process — about 70 KB of RSS per
 * confirmation (`npm run soak`). Giving the iterators the `return` dynalite expects closes
 * them when their stream ends.
 */
export function closeLevelIteratorsOnReturn(): void {
  for (const iterator of [AbstractIterator, AbstractKeyIterator, AbstractValueIterator]) {
    const prototype = iterator.prototype as { return?: () => Promise<void>; close(): Promise<void> };
    prototype.return ??= function (this: { close(): Promise<void> }) {
      return this.close();
    };
  }
}
