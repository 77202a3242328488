import { type ideas as es } from '../es/ideas.ts'
import { type Shape } from '../shape.ts'

export const ideas: Shape<typeof es> = {
  none: 'There are no ideas for this challenge yet.',
}
