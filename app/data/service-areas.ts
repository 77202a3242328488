/** The public-service areas a challenge belongs to (the database enum's values, in app/domain/vocabulary.ts). */
export { serviceAreas, type ServiceArea } from '#app/domain/vocabulary.ts'
