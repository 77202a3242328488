/** The public-service areas a challenge belongs to; labels live in i18n `challenges.serviceAreas.<key>`. */
export const serviceAreas = [
  'health',
  'education',
  'identity',
  'water',
  'transport',
  'security',
  'justice',
  'social',
  'environment',
  'economy',
  'digital',
  'municipal',
  'other',
] as const
export type ServiceArea = (typeof serviceAreas)[number]
