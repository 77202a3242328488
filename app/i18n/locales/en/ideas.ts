import { type ideas as es } from '../es/ideas.ts'
import { type Shape } from '../shape.ts'

export const ideas: Shape<typeof es> = {
  title: '',
}
