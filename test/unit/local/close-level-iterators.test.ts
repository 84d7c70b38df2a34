import { MemoryLevel } from 'memory-level';
import { closeLevelIteratorsOnReturn } from '../../../infra/local/store/close-level-iterators';

describe('closeLevelIteratorsOnReturn', () => {
  it('gives LevelDB iterators the return() dynalite calls when a Query or Scan stream ends, and it closes them', async () => {
    closeLevelIteratorsOnReturn();
    const db = new MemoryLevel<string, string>();
    await db.put('a', '1');
    for (const iterator of [db.iterator(), db.keys(), db.values()]) {
      await iterator.next();
      const { return: close } = iterator as unknown as { return?: () => Promise<void> };
      // dynalite: `if (iterator.return) iterator.return()` — without it the iterator stayed open for good.
      expect(close).toBeInstanceOf(Function);
      await close!.call(iterator);
      await expect(iterator.next()).rejects.toThrow(/not open/);
    }
    await db.close();
  });
});
