import { type search as es } from '../es/search.ts'
import { type Shape } from '../shape.ts'

export const search: Shape<typeof es> = {
  title: 'Search',
  label: 'Search challenges and ideas',
  hint: 'Type keywords; accents and capitals do not matter.',
  submit: 'Search',
  results_one: '{{count}} result for “{{q}}”',
  results_other: '{{count}} results for “{{q}}”',
  none: 'Nothing found for “{{q}}”. Try other words.',
  type: { challenge: 'Challenge', idea: 'Idea' },
}
