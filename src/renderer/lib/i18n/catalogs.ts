import type { Language } from '../../../shared/domain';
import { en, type Messages } from './messages-en';
import { es } from './messages-es';

/** Every language the kiosk speaks. Adding one to shared LANGUAGES without a catalog here fails the type check. */
export const catalogs: Record<Language, Messages> = { en, es };
