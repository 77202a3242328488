import { type charts as es } from '../es/charts.ts'
import { type Shape } from '../shape.ts'

export const charts: Shape<typeof es> = {
  kpiTitle: 'Measurements of “{{name}}” against the target',
  kpiSummary_one: 'One measurement: {{last}} on {{lastDay}}. Target: {{target}}. Baseline: {{baseline}}.',
  kpiSummary_other: '{{count}} measurements, from {{first}} on {{firstDay}} to {{last}} on {{lastDay}}. Target: {{target}}. Baseline: {{baseline}}.',
  baseline: 'Baseline',
  statusTitle: 'Pilots by status',
  institutionTitle: 'Pilots by institution, on time and late',
}
