import type { CentralMigration } from './central-migration';

/**
 * jsonb written back as compact JSON, the way the kiosk's JSON.stringify writes it: jsonb's text puts a space after
 * each ":" and ",", and this removes those spaces outside strings (a string is matched whole first, so a ": " inside
 * one stays). jsonb keeps no key order, so the keys may come back in another order than the kiosk wrote them.
 */
const COMPACT_JSONB = String.raw`regexp_replace(detail::text, '("(?:[^"\\]|\\.)*")|([:,]) ', '\1\2', 'g')`;

/**
 * Each event's detail as the kiosk wrote it, beside the jsonb: jsonb reorders keys, and the fleet's events export
 * must write the very text of the kiosk's own export. Delivery fills it; a program from before this step sends only
 * the jsonb, and the trigger then writes that as compact JSON, as does the backfill of the events already delivered
 * (both possibly with their keys re-ordered: the order was never kept). The check keeps both columns the same JSON.
 */
export const eventDetailText: CentralMigration = {
  version: 6,
  name: "event details kept as the kiosk's text",
  statements: () => [
    `ALTER TABLE fleet.session_events ADD COLUMN detail_text text`,
    `UPDATE fleet.session_events SET detail_text = ${COMPACT_JSONB} WHERE detail IS NOT NULL`,
    `CREATE FUNCTION fleet.fill_event_detail_text() RETURNS trigger
       LANGUAGE plpgsql SET search_path = pg_catalog, fleet AS $fn$
     BEGIN
       IF NEW.detail_text IS NULL AND NEW.detail IS NOT NULL THEN
         NEW.detail_text := ${COMPACT_JSONB.replace('detail::text', 'NEW.detail::text')};
       END IF;
       RETURN NEW;
     END
     $fn$`,
    `CREATE TRIGGER session_events_fill_detail_text BEFORE INSERT ON fleet.session_events
       FOR EACH ROW EXECUTE FUNCTION fleet.fill_event_detail_text()`,
    `ALTER TABLE fleet.session_events ADD CONSTRAINT detail_text_is_detail
       CHECK ((detail_text IS NULL) = (detail IS NULL) AND (detail_text IS NULL OR detail_text::jsonb = detail))`,
  ],
};
