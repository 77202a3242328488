import { type search as es } from '../es/search.ts'
import { type Shape } from '../shape.ts'

export const search: Shape<typeof es> = {
}
