import { describe, expect, test } from 'vitest'
import { csvCell, toCsv } from './csv.server.ts'

describe('the CSV cell guard', () => {
  test.each([
    ['=HYPERLINK("http://example.org","clic")', `'=HYPERLINK("http://example.org","clic")`],
    ['+1+1', "'+1+1"],
    ['-2+3+cmd', "'-2+3+cmd"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
    ['-2', "'-2"],
    ['Pago en línea', 'Pago en línea'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('text %j is written %j', (input, output) => {
    expect(csvCell(input)).toBe(output)
  })

  test('numbers stay numbers, booleans are true/false, nothing is empty, dates are ISO', () => {
    expect(csvCell(-2)).toBe(-2)
    expect(csvCell(0.5)).toBe(0.5)
    expect(csvCell(Number.NaN)).toBe('')
    expect(csvCell(true)).toBe('true')
    expect(csvCell(false)).toBe('false')
    expect(csvCell(null)).toBe('')
    expect(csvCell(undefined)).toBe('')
    expect(csvCell(new Date('2026-12-01T10:00:00Z'))).toBe('2026-12-01T10:00:00.000Z')
  })

  test('a file: BOM, header, quoted fields, a negative number as a number', () => {
    expect(toCsv(['name', 'value'], [['=1+1, "x"', -2]])).toBe('\uFEFFname,value\n"\'=1+1, ""x""",-2\n')
  })
})
