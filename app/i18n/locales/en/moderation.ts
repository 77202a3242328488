import { type moderation as es } from '../es/moderation.ts'
import { type Shape } from '../shape.ts'

export const moderation: Shape<typeof es> = {
}
