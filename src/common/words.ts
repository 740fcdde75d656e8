/**
 * Codes as words, for every reader of the hub (the yearly report and the web app): one home, so a
 * status never prints as a code in one place and as words in another.
 */

/** Status codes print as words: IN_PROGRESS -> "in progress", NOT_STARTED -> "not started". */
export function statusWords(code: string | null): string {
  return code === null ? '' : code.replace(/_/g, ' ').toLowerCase();
}

/** The same words starting a sentence or a tag: NOT_STARTED -> "Not started". */
export function statusLabel(code: string | null): string {
  const s = statusWords(code);
  return s.charAt(0).toUpperCase() + s.slice(1);
}
