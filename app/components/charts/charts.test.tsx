import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, test } from 'vitest'
import { BarChart } from './bar-chart.tsx'
import { LineChart } from './line-chart.tsx'

const format = (v: number) => new Intl.NumberFormat('es-GT', { maximumFractionDigits: 2 }).format(v)

describe('server-rendered charts', () => {
  test('a bar chart is an SVG image that scales to its box, named and described in words', () => {
    const html = renderToStaticMarkup(
      <BarChart
        title="Puntaje final"
        format={format}
        domain={[0, 100]}
        series={[
          { key: 'jury', label: 'Jurado (75 %)', color: '#1e40af' },
          { key: 'votes', label: 'Votos (25 %)', color: '#b45309' },
        ]}
        rows={[{ key: 'a', label: 'Pago en línea', bars: [[{ series: 'jury', value: 61.5 }, { series: 'votes', value: 25 }]] }]}
      />,
    )
    expect(html).toMatch(/<svg viewBox="0 0 360 \d+(\.\d+)?" width="100%"[^>]*role="img" aria-labelledby="(\S+)-title \2-desc"/)
    expect(html).toMatch(/<title id="[^"]+-title">Puntaje final<\/title>/)
    expect(html).toContain('>Pago en línea: Jurado (75 %) 61.5, Votos (25 %) 25</desc>')
    expect(html).toContain('>86.5</text>')
    // The legend is text that wraps, hidden from screen readers (the description says the same).
    expect(html).toMatch(/<ul[^>]*aria-hidden="true"[^>]*>.*Jurado \(75 %\)/)
    expect(html).not.toMatch(/<svg[^>]* (width|height)="\d+"/)
  })

  test('a line chart draws the measurements with dates as the tables write them', () => {
    const html = renderToStaticMarkup(
      <LineChart
        title="Mediciones"
        seriesLabel="Tiempo de espera"
        description="Dos mediciones."
        format={format}
        formatDay={(d) => new Intl.DateTimeFormat('es-GT', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${d}T12:00:00Z`))}
        points={[
          { day: '2026-03-01', value: 45 },
          { day: '2026-04-01', value: 30 },
        ]}
        references={[{ key: 'target', label: 'Meta', value: 15, color: '#b45309' }]}
      />,
    )
    expect(html).toContain('role="img"')
    expect(html).toContain('<desc')
    expect(html).toMatch(/<path d="M[\d.]+ [\d.]+ L[\d.]+ [\d.]+"/)
    const day = (d: string) => new Intl.DateTimeFormat('es-GT', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${d}T12:00:00Z`))
    expect(html).toContain(`>${day('2026-03-01')}</text>`)
    expect(html).toContain(`<title>${day('2026-04-01')}: 30</title>`)
    expect(html).toContain('Meta: 15')
  })
})
