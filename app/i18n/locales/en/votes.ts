import { type votes as es } from '../es/votes.ts'
import { type Shape } from '../shape.ts'

export const votes: Shape<typeof es> = {
  title: '',
}
