import type { Plugin } from 'vite';
/** Writes dist/sw.js with this build's precache list (web/sw/plugin.mjs). */
export function serviceWorker(): Plugin;
