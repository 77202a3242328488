import { type sessions as es } from '../es/sessions.ts'
import { type Shape } from '../shape.ts'

export const sessions: Shape<typeof es> = {
  title: '',
}
