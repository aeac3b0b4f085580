import type { EntityManager } from '@mikro-orm/postgresql';
import { NotFoundError, requireOwnOrganisation, type Viewer } from '@mitra/kit';
import { Venue } from '../entities/venue';

/**
 * An SKB runs events at its own venues only: every write to an event, its
 * registrations or attendance is the venue owner's. Another SKB's token is
 * FORBIDDEN, naming the owner, before anything is written.
 */
export function requireVenueOwner(viewer: Viewer, venue: Venue, what: string): void {
  requireOwnOrganisation(viewer, venue.ownerOrg, what);
}

/** The venue an event is held at, read in the write's transaction, checked as `requireVenueOwner` does. */
export async function requireEventOwner(tx: EntityManager, viewer: Viewer, venueId: string, what: string): Promise<Venue> {
  const venue = await tx.findOne(Venue, { id: venueId });
  if (!venue) throw new NotFoundError('Venue', venueId, 'venueId');
  requireVenueOwner(viewer, venue, what);
  return venue;
}
