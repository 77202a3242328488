import { type challenges as es } from '../es/challenges.ts'
import { type Shape } from '../shape.ts'

export const challenges: Shape<typeof es> = {
}
