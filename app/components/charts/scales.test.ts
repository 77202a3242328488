import { describe, expect, test } from 'vitest'
import { dayNumber, linePath, linearScale, niceAxis, niceStep, spreadIndexes, stack, truncate } from './scales.ts'

describe('chart scales', () => {
  test('a linear scale maps the domain onto the range, inverted ranges included (SVG y grows downwards)', () => {
    const x = linearScale([0, 100], [10, 310])
    expect([x(0), x(50), x(100)]).toEqual([10, 160, 310])
    const y = linearScale([0, 5], [200, 0])
    expect(y(5)).toBe(0)
    expect(y(1)).toBe(160)
    expect(linearScale([3, 3], [0, 10])(3)).toBe(5)
  })

  test('nice steps are 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(100, 5)).toBe(20)
    expect(niceStep(7, 5)).toBe(2)
    expect(niceStep(0.9, 4)).toBe(0.5)
    expect(niceStep(0, 5)).toBe(1)
  })

  test('a nice axis covers the data with round ticks', () => {
    expect(niceAxis(0, 87)).toEqual({ domain: [0, 100], ticks: [0, 20, 40, 60, 80, 100], step: 20 })
    expect(niceAxis(12.5, 31, { count: 4 }).ticks).toEqual([10, 15, 20, 25, 30, 35])
    expect(niceAxis(0.1, 0.7, { count: 3 }).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8])
    // Counts of pilots: never a tick at 0.5.
    expect(niceAxis(0, 3, { integers: true }).ticks).toEqual([0, 1, 2, 3])
    // A flat or empty series still has an axis.
    expect(niceAxis(0, 0).domain).toEqual([0, 1])
    expect(niceAxis(40, 40).domain[0]).toBeLessThan(40)
    expect(niceAxis(40, 40).domain[1]).toBeGreaterThan(40)
    expect(niceAxis(-Infinity, Infinity).domain).toEqual([0, 1])
  })

  test('negative values stay on the axis (a KPI below zero)', () => {
    const axis = niceAxis(-12, 30, { count: 4 })
    expect(axis.domain[0]).toBeLessThanOrEqual(-12)
    expect(axis.domain[1]).toBeGreaterThanOrEqual(30)
    expect(axis.ticks).toContain(0)
  })

  test('stacked parts follow each other from zero; a negative part takes no room', () => {
    expect(stack([48, 25])).toEqual([
      [0, 48],
      [48, 73],
    ])
    expect(stack([5, -2, 1])).toEqual([
      [0, 5],
      [5, 5],
      [5, 6],
    ])
  })

  test('paths, days, labels and date ticks', () => {
    expect(linePath([[0, 10], [5.55, 2.04]])).toBe('M0 10 L5.6 2')
    expect(dayNumber('2026-03-02') - dayNumber('2026-02-28')).toBe(2)
    expect(truncate('Citas por WhatsApp para el DPI', 12)).toBe('Citas por W…')
    expect(truncate('Corto', 12)).toBe('Corto')
    expect(spreadIndexes(10, 3)).toEqual([0, 5, 9])
    expect(spreadIndexes(2, 3)).toEqual([0, 1])
    expect(spreadIndexes(0, 3)).toEqual([])
  })
})
