/**
 * Ids of rows, users and files, as Appwrite makes them: a letter or digit, then up to
 * 35 letters, digits, '.', '_' or '-'. Every id a form or a procedure takes is checked
 * by this one rule, so a page cannot pass along what the API would refuse.
 */
import { z } from 'zod';
import { ID_MAX_LENGTH } from './limits';

const ID_PATTERN = new RegExp(`^[a-zA-Z0-9][a-zA-Z0-9._-]{0,${ID_MAX_LENGTH - 1}}$`);

export const idSchema = z.string().regex(ID_PATTERN, 'That is not a valid id.');
