// Spanish strings of the charts (app/components/charts). en/charts.ts must have the same keys.
export const charts = {
  kpiTitle: 'Mediciones de «{{name}}» frente a la meta',
  kpiSummary_one: 'Una medición: {{last}} el {{lastDay}}. Meta: {{target}}. Línea de base: {{baseline}}.',
  kpiSummary_other: '{{count}} mediciones, de {{first}} el {{firstDay}} a {{last}} el {{lastDay}}. Meta: {{target}}. Línea de base: {{baseline}}.',
  baseline: 'Línea de base',
  statusTitle: 'Pilotos por estado',
  institutionTitle: 'Pilotos por institución, a tiempo y con retraso',
}
