import DataLoader from 'dataloader';
import { CatalogueMirror, oncePerService, readPublicByIds, type SubgraphConfig } from '@mitra/kit';

/**
 * An event's title can change (updateTrainingEvent at the skb): a mirrored
 * title is asked for again after a minute, in the background.
 */
const MAX_AGE_MS = 60_000;

/**
 * The titles of the skb's events this partner answers itself under
 * `Assessment.event` (@provides(fields: "title")), read through the gateway
 * by id (`trainingEvent(id:)`, public) on first sight and when old (kit's CatalogueMirror).
 */
const mirrorOf = oncePerService(
  (config: SubgraphConfig) =>
    new CatalogueMirror<string>(async (ids) => {
      const found = await readPublicByIds<{ title: string }>(
        { url: config.gatewayUrl, secret: config.auth.gatewaySecret },
        'events',
        'trainingEvent',
        'title',
        ids,
      );
      return new Map([...found].map(([id, event]) => [id, event.title]));
    }, MAX_AGE_MS),
);

export interface CatalogueLoaders {
  eventTitles: DataLoader<string, string | null>;
  /** A title the mirror already holds, without a promise (kit's CatalogueMirror.peek). */
  peekEventTitle(id: string): string | undefined;
}

export function createCatalogueLoaders(config: SubgraphConfig): CatalogueLoaders {
  const mirror = mirrorOf(config);
  return { eventTitles: new DataLoader((ids) => mirror.getMany(ids)), peekEventTitle: (id) => mirror.peek(id) };
}
