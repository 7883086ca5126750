/** The free-text search of every list (catalog, admin's people and courses): one length for all. */
import { z } from 'zod';
import { SEARCH_MAX_LENGTH } from './limits';

export const searchSchema = z
  .string()
  .trim()
  .max(SEARCH_MAX_LENGTH, `A search is at most ${SEARCH_MAX_LENGTH} characters.`);
