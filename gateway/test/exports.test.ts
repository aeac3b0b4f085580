import { toCsv } from '../src/exports';

describe('toCsv', () => {
  const csv = toCsv(
    ['label', 'count', 'gain', 'suppressed'],
    [
      ['Kabupaten Penajam Paser Utara – Kecamatan Sepaku', 12, -3.5, 'false'],
      ['=HYPERLINK("http://example.org")', null, null, 'true'],
      ['+62 811', 5, 1.25, 'false'],
      ['@SUM(A1:A2)', 0, 0, 'false'],
    ],
  );
  const lines = csv.replace(/^\uFEFF/, '').split('\r\n');

  it('starts with a UTF-8 byte-order mark and ends records with CRLF', () => {
    expect(csv.startsWith('\uFEFFlabel,count,gain,suppressed\r\n')).toBe(true);
    expect(lines).toHaveLength(6);
    expect(lines[5]).toBe('');
  });

  it('neutralises formulas in text cells but keeps negative numbers as numbers', () => {
    expect(lines[1]).toBe('Kabupaten Penajam Paser Utara – Kecamatan Sepaku,12,-3.5,false');
    expect(lines[2]).toBe(`"'=HYPERLINK(""http://example.org"")",,,true`);
    expect(lines[3]).toBe(`'+62 811,5,1.25,false`);
    expect(lines[4]).toBe(`'@SUM(A1:A2),0,0,false`);
  });

  it('writes a suppressed (null) figure as an empty cell, never as 0', () => {
    expect(lines[2].split(',').slice(-3)).toEqual(['', '', 'true']);
    expect(lines[4].split(',').slice(1)).toEqual(['0', '0', 'false']);
  });
});
