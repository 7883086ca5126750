/** Each named column size is the size `appwrite.json` gives every column it stands for. */
import { describe, expect, it } from 'vitest';
import { projectSchemaSpec } from '../backend/schema';
import * as sizes from './column-sizes';

/** Which columns each constant stands for, as `table.column`. */
const COLUMNS_OF: Record<keyof typeof sizes, readonly string[]> = {
  IP_ADDRESS_LENGTH: ['security_logs.ipAddress', 'video_access_tokens.ipAddress'],
  USER_AGENT_LENGTH: ['security_logs.userAgent', 'video_access_tokens.userAgent'],
  SECURITY_REASON_LENGTH: ['security_logs.reason'],
  COURSE_SEARCH_TEXT_LENGTH: ['courses.searchText'],
};

function sizeOf(name: string): number | undefined {
  const [tableId, key] = name.split('.');
  const table = projectSchemaSpec().tables.find((candidate) => candidate.$id === tableId);
  const column = table?.columns.find((candidate) => candidate.key === key);
  return column?.type === 'string' ? column.size : undefined;
}

describe('named column sizes', () => {
  it.each(Object.entries(COLUMNS_OF))('%s is the size of %j', (constant, columns) => {
    const value = sizes[constant as keyof typeof sizes];
    for (const column of columns) expect({ column, size: sizeOf(column) }).toEqual({ column, size: value });
  });

  it('names the columns of every constant', () => {
    expect(Object.keys(sizes).sort()).toEqual(Object.keys(COLUMNS_OF).sort());
  });
});
