import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { keySetParams } from '@mitra/kit';

const perRequest = new WeakMap<EntityManager, DataLoader<string[], number, string>>();

/**
 * Teachers with at least one attended event, for many key sets at once: one
 * statement per batch, the key sets flattened with their position.
 */
export function trainedCounts(em: EntityManager): DataLoader<string[], number, string> {
  let loader = perRequest.get(em);
  if (!loader) {
    loader = new DataLoader(
      async (sets) => {
        const { positions, keys, count } = keySetParams(sets);
        if (!count) return sets.map(() => 0);
        const rows: Array<{ idx: number; trained: number }> = await em.getConnection().execute(
          `select k.idx, count(distinct r.teacher_id)::int as trained
             from unnest(string_to_array(?, ',')::int[], string_to_array(?, ',')::uuid[]) as k(idx, teacher_id)
             join registration r on r.teacher_id = k.teacher_id and r.status = 'ATTENDED'
            group by k.idx`,
          [positions, keys],
        );
        const counts = new Map(rows.map((r) => [Number(r.idx), Number(r.trained)]));
        return sets.map((_, i) => counts.get(i) ?? 0);
      },
      { cacheKeyFn: (set) => set.join(',') },
    );
    perRequest.set(em, loader);
  }
  return loader;
}
