/** Svelte 5 in runes mode everywhere; TypeScript in components is handled by Svelte itself (type-only syntax). */
export default {
  compilerOptions: { runes: true },
};
