import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../app/lib/csv';

describe('CSV export', () => {
  it('leaves plain cells alone and ends every row with CRLF', () => {
    expect(
      toCsv([
        ['Name', 'Progress'],
        ['Ada Lovelace', 67],
      ]),
    ).toBe('Name,Progress\r\nAda Lovelace,67\r\n');
  });

  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    expect(csvCell('Hopper, Grace')).toBe('"Hopper, Grace"');
    expect(csvCell('The "Amazing" Grace')).toBe('"The ""Amazing"" Grace"');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  it('defuses cells a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil.test")')).toBe('"\'=HYPERLINK(""http://evil.test"")"');
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
  });

  it('writes empty cells for missing values and keeps numbers as numbers', () => {
    expect(toCsv([[null, undefined, 0, -1]])).toBe(',,0,-1\r\n');
  });
});
