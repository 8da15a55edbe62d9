/**
 * Migration 2 → 3: adds `samples`, the sample events users save in the template editor.
 *
 * Version 2 had no saved samples, so the list starts empty; a list already there (a file edited by hand)
 * is kept for validation to judge.
 */
import type { Migration } from './migration';

/** See the file comment. */
export const addSamples: Migration = {
  from: 2,
  description: 'add saved samples',
  up(doc) {
    return { ...doc, samples: Array.isArray(doc.samples) ? doc.samples : [] };
  },
};
