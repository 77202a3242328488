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
export const isServiceArea = (value: unknown): value is ServiceArea => typeof value === 'string' && (serviceAreas as readonly string[]).includes(value)
