// Spanish strings of the search area. en/search.ts must have the same keys (the typecheck says so).
export const search = {
  title: 'Buscar',
  label: 'Buscar retos e ideas',
  hint: 'Escribe palabras clave; no importan las tildes ni las mayúsculas.',
  submit: 'Buscar',
  results_one: '{{count}} resultado para «{{q}}»',
  results_other: '{{count}} resultados para «{{q}}»',
  none: 'No encontramos nada para «{{q}}». Prueba con otras palabras.',
  type: { challenge: 'Reto', idea: 'Idea' },
} as const
