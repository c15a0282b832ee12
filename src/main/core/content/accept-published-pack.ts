/**
 * What the kiosk does with a content pack offered by the fleet's centre: accepts it only when its SHA-256 matches the
 * one published and it passes the same checks as the shipped content; then stores it for the next start. Either way
 * the decision is audited and logged. A refused pack changes nothing: the content in use and the stored pack stay.
 */
import type { Clock } from '../clock';
import type { KioskDatabase } from '../db/open-database';
import type { KioskLogger } from '../logging/kiosk-logger';
import { insertAuditEntry } from '../repositories/audit-log-repository';
import type { ContentLibrary } from './content-library';
import { readPublishedPack, sha256Hex, writePublishedPack, type PublishedPack } from './published-pack-store';

export type PackOffer = PublishedPack;

export type PackOfferAnswer =
  | { status: 'accepted'; version: number }
  /** This kiosk already holds this version or a newer one. */
  | { status: 'current'; version: number }
  | { status: 'refused'; version: number; reason: string };

export interface PublishedPackTarget {
  db: KioskDatabase;
  dataFolder: string;
  clock: Clock;
  logger: KioskLogger;
  content: Pick<ContentLibrary, 'checkPublishedPack'>;
}

/** The version of the pack stored in the data folder (shown from the next start), or null. */
export function storedPublishedVersion(dataFolder: string): number | null {
  const stored = readPublishedPack(dataFolder);
  return stored !== null && !('problem' in stored) ? stored.version : null;
}

export function offerPublishedPack(target: PublishedPackTarget, offer: PackOffer): PackOfferAnswer {
  const { version } = offer;
  const stored = storedPublishedVersion(target.dataFolder);
  if (stored !== null && stored >= version) return { status: 'current', version: stored };

  const checked =
    sha256Hex(offer.pack) === offer.sha256
      ? target.content.checkPublishedPack(offer.pack)
      : {
          ok: false as const,
          reason: 'its SHA-256 does not match the one published with it (damaged or changed after publishing)',
        };
  const at = target.clock.now();
  if (!checked.ok) {
    insertAuditEntry(target.db, {
      at,
      staffId: null,
      action: 'content-pack-refused',
      detail: { version, sha256: offer.sha256, reason: checked.reason },
    });
    target.logger.warn?.(
      `content: refused content pack version ${version} published by ${offer.publishedBy}: ${checked.reason}. ` +
        'The content shown now stays.',
    );
    return { status: 'refused', version, reason: checked.reason };
  }
  writePublishedPack(target.dataFolder, offer);
  insertAuditEntry(target.db, {
    at,
    staffId: null,
    action: 'content-pack-accepted',
    detail: { version, sha256: offer.sha256, publishedBy: offer.publishedBy },
  });
  target.logger.info?.(
    `content: accepted content pack version ${version} published by ${offer.publishedBy}; shown from the next start`,
  );
  return { status: 'accepted', version };
}
