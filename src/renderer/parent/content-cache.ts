/**
 * The parent's content, fetched from main once per language and kept for the life of the page: switching language
 * back and forth costs nothing, and the board's attract loop and the hub share the same packs.
 */
import type { ContentPack } from '../../shared/content-types';
import type { Language } from '../../shared/domain';
import type { ApiResult } from '../../shared/errors';
import { callKiosk } from '../lib/kiosk-api';
import { cleanIllustrations } from './illustration-markup';

const packs = new Map<Language, Promise<ApiResult<ContentPack>>>();
let illustrations: Promise<Record<string, string>> | null = null;

/** The pack for one language. A failed answer is not kept, so the next call asks again. */
export function loadContent(language: Language): Promise<ApiResult<ContentPack>> {
  const cached = packs.get(language);
  if (cached) return cached;
  const request = callKiosk((api) => api.getContent({ language }));
  packs.set(language, request);
  void request.then((result) => {
    if (!result.ok && packs.get(language) === request) packs.delete(language);
  });
  return request;
}

/**
 * Guide illustrations by file name, cleaned for inlining. Pictures are a help, not a must: if they cannot be read
 * the guides show their words alone, so a failure answers an empty set (and is asked again next time).
 */
export function loadIllustrations(): Promise<Record<string, string>> {
  if (illustrations) return illustrations;
  const request = callKiosk((api) => api.getIllustrations()).then((result) => {
    if (result.ok) return cleanIllustrations(result.value);
    console.warn('illustrations could not be loaded:', result.error.code);
    illustrations = null;
    return {};
  });
  illustrations = request;
  return request;
}

/** Forget everything (tests). */
export function clearContentCache(): void {
  packs.clear();
  illustrations = null;
}
